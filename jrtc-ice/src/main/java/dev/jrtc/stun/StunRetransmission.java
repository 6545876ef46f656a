package dev.jrtc.stun;

/**
 * The retransmission parameters of a STUN client transaction, RFC 8489 §6.2.1: the initial RTO
 * ("SHOULD be configurable"), Rc (how many requests are sent in all) and Rm (how many RTOs to
 * wait after the last one). The defaults are the RFC's: 500 ms, 7 and 16, which give up after
 * 39.5 s. Over TCP and TLS (§6.2.2) a request is sent once and Ti, the time to give up, is the
 * same total: {@link #totalNanos()}.
 *
 * @param rtoNanos the initial retransmission timeout, positive
 * @param rc the number of transmissions, 1..31
 * @param rm the multiple of the initial RTO waited after the last transmission, 1..1000
 */
public record StunRetransmission(long rtoNanos, int rc, int rm) {
  /** RFC 8489 §6.2.1 defaults: RTO 500 ms, Rc 7, Rm 16 (39.5 s in all). */
  public static final StunRetransmission DEFAULT = new StunRetransmission(500_000_000L, 7, 16);

  /** Validates the ranges (a large Rc would overflow the doubling). */
  public StunRetransmission {
    if (rtoNanos <= 0) {
      throw new IllegalArgumentException("RTO must be positive: " + rtoNanos);
    }
    if (rc < 1 || rc > 31) {
      throw new IllegalArgumentException("Rc must be 1..31: " + rc);
    }
    if (rm < 1 || rm > 1000) {
      throw new IllegalArgumentException("Rm must be 1..1000: " + rm);
    }
  }

  /**
   * How long a transaction lasts before it times out: the sends at 0, RTO, 3 RTO, ...,
   * (2^(Rc-1) - 1) RTO, then Rm RTO (RFC 8489 §6.2.1; 39.5 s with the defaults). Saturates at
   * {@code Long.MAX_VALUE}.
   */
  public long totalNanos() {
    long sends = (1L << (rc - 1)) - 1 + rm;
    return sends > Long.MAX_VALUE / rtoNanos ? Long.MAX_VALUE : sends * rtoNanos;
  }
}
