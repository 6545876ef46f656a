package dev.jrtc.sctp;

/**
 * The RTO calculation of RFC 9260 §6.3.1 (RFC 6298): SRTT and RTTVAR smoothed with
 * RTO.Alpha = 1/8 and RTO.Beta = 1/4, clamped to [RTO.Min, RTO.Max], doubled on each T3-rtx
 * expiry (§6.3.3 E2).
 */
final class RetransmissionTimeout {
  private final long min;
  private final long max;
  private long srtt;
  private long rttvar;
  private long rto;
  private boolean measured;

  RetransmissionTimeout(long initial, long min, long max) {
    this.min = min;
    this.max = max;
    this.rto = initial;
  }

  long rto() {
    return rto;
  }

  long srtt() {
    return srtt;
  }

  /** RFC 9260 §6.3.1 C1-C3 with one new measurement R. */
  void measure(long r) {
    if (r < 0) {
      return;
    }
    if (!measured) {
      // C2: SRTT <- R, RTTVAR <- R/2.
      srtt = r;
      rttvar = r / 2;
      measured = true;
    } else {
      // C3: RTTVAR <- (1 - 1/4) * RTTVAR + 1/4 * |SRTT - R'|; SRTT <- (1 - 1/8) * SRTT + 1/8 * R'.
      rttvar = rttvar - rttvar / 4 + Math.abs(srtt - r) / 4;
      srtt = srtt - srtt / 8 + r / 8;
    }
    // RFC 6298 §2: G (clock granularity) is zero for nanosecond time.
    rto = clamp(srtt + 4 * rttvar);
  }

  /** RFC 9260 §6.3.3 E2: RTO <- RTO * 2, capped at RTO.Max. */
  void backOff() {
    rto = clamp(rto * 2);
  }

  private long clamp(long v) {
    return Math.max(min, Math.min(max, v));
  }
}
