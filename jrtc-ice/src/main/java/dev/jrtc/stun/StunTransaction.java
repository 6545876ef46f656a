package dev.jrtc.stun;

/**
 * Client transaction retransmission, RFC 8489 §6.2.1 (UDP) and §6.2.2 (TCP/TLS), sans-IO.
 *
 * <p>Over UDP the request is sent at 0, RTO, 3 RTO, 7 RTO, ... (RTO doubling after each send)
 * for {@code Rc} sends in all, and the transaction fails {@code Rm * RTO} after the last one:
 * with RTO = 500 ms, Rc = 7 and Rm = 16 the sends go out at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and
 * 31.5 s and the transaction times out at 39.5 s. Over a reliable transport the request is sent
 * once and times out after Ti = 39.5 s. An optional cap on the RTO (not in RFC 8489, used by ICE
 * connectivity checks, RFC 8445 §14.3) keeps retransmissions frequent.
 *
 * <p>Not thread-safe; never reads a clock: time comes in as {@code nowNanos}.
 */
public final class StunTransaction {
  /** RFC 8489 §6.2.1 default initial RTO. */
  public static final long RTO_INITIAL_NANOS = 500_000_000L;
  /** RFC 8489 §6.2.1 default Rc. */
  public static final int RC = 7;
  /** RFC 8489 §6.2.1 default Rm. */
  public static final int RM = 16;
  /** RFC 8489 §6.2.2 default Ti for reliable transports. */
  public static final long TI_NANOS = 39_500_000_000L;

  /** Outcome of a transaction. */
  public enum State {
    /** Waiting for a response. */
    PENDING,
    /** A response arrived. */
    DONE,
    /** No response in time. */
    TIMED_OUT,
    /** Cancelled by its owner. */
    CANCELLED
  }

  private final TransactionId transactionId;
  private final byte[] request;
  private final boolean reliable;
  private final int rc;
  private final int rm;
  private final long rtoInitial;
  private final long rtoMaxNanos;
  private long rto;
  private int sends;
  private long nextNanos;
  private boolean transmitDue = true;
  private State state = State.PENDING;

  private StunTransaction(TransactionId transactionId, byte[] request, boolean reliable, long rtoNanos,
      int rc, int rm, long rtoMaxNanos, long nowNanos) {
    if (rc < 1 || rm < 1 || rtoNanos <= 0 || rtoMaxNanos < rtoNanos) {
      throw new IllegalArgumentException("invalid retransmission parameters");
    }
    this.transactionId = transactionId;
    this.request = request;
    this.reliable = reliable;
    this.rtoInitial = rtoNanos;
    this.rto = rtoNanos;
    this.rc = rc;
    this.rm = rm;
    this.rtoMaxNanos = rtoMaxNanos;
    this.nextNanos = nowNanos;
  }

  /** A transaction over UDP with the RFC 8489 defaults (RTO 500 ms, Rc 7, Rm 16). */
  public static StunTransaction udp(StunMessage request, long nowNanos) {
    return udp(request, RTO_INITIAL_NANOS, RC, RM, Long.MAX_VALUE, nowNanos);
  }

  /** A transaction over UDP with explicit parameters; {@code rtoMaxNanos} caps the doubling. */
  public static StunTransaction udp(StunMessage request, long rtoNanos, int rc, int rm, long rtoMaxNanos,
      long nowNanos) {
    return new StunTransaction(request.transactionId(), request.encode(), false, rtoNanos, rc, rm,
        rtoMaxNanos, nowNanos);
  }

  /** A transaction over UDP with {@code timing}'s RTO, Rc and Rm, and no cap on the RTO. */
  public static StunTransaction udp(StunMessage request, StunRetransmission timing, long nowNanos) {
    return udp(request, timing.rtoNanos(), timing.rc(), timing.rm(), Long.MAX_VALUE, nowNanos);
  }

  /** A transaction over TCP or TLS: one send, timeout after Ti = 39.5 s. */
  public static StunTransaction reliable(StunMessage request, long nowNanos) {
    return reliable(request, TI_NANOS, nowNanos);
  }

  /**
   * A transaction over TCP or TLS: one send, timeout after {@code tiNanos} (RFC 8489 §6.2.2: Ti
   * SHOULD be configurable; {@link StunRetransmission#totalNanos()} keeps it in step with UDP).
   */
  public static StunTransaction reliable(StunMessage request, long tiNanos, long nowNanos) {
    if (tiNanos <= 0) {
      throw new IllegalArgumentException("Ti must be positive: " + tiNanos);
    }
    return new StunTransaction(request.transactionId(), request.encode(), true, tiNanos, 1, 1,
        Long.MAX_VALUE, nowNanos);
  }

  /** The transaction ID responses are matched on. */
  public TransactionId transactionId() {
    return transactionId;
  }

  /** The state. */
  public State state() {
    return state;
  }

  /** How many times the request has been handed out by {@link #pollTransmit(long)}. */
  public int transmissions() {
    return sends;
  }

  /** Advances time: schedules a retransmission or times out. */
  public void handleTimeout(long nowNanos) {
    if (state != State.PENDING || transmitDue || nowNanos < nextNanos) {
      return;
    }
    if (reliable || sends >= rc) {
      state = State.TIMED_OUT;
    } else {
      transmitDue = true;
    }
  }

  /** The request bytes to send now (a fresh copy), or null when nothing is due. */
  public byte[] pollTransmit(long nowNanos) {
    if (state != State.PENDING || !transmitDue) {
      return null;
    }
    transmitDue = false;
    sends++;
    if (reliable) {
      nextNanos = saturatedAdd(nowNanos, rtoInitial);
    } else if (sends >= rc) {
      nextNanos = saturatedAdd(nowNanos, rm * rtoInitial); // RFC 8489 §6.2.1: Rm * RTO after the last send
    } else {
      nextNanos = nowNanos + rto;
      rto = Math.min(rto * 2, rtoMaxNanos);
    }
    return request.clone();
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /**
   * The next time {@link #handleTimeout(long)} must be called, or the time a transmission fell
   * due if {@link #pollTransmit(long)} has one waiting; {@code Long.MAX_VALUE} when finished.
   */
  public long pollTimeoutNanos() {
    return state == State.PENDING ? nextNanos : Long.MAX_VALUE;
  }

  /** Marks the transaction answered: no more retransmissions. */
  public void handleResponse() {
    if (state == State.PENDING) {
      state = State.DONE;
    }
  }

  /** Stops retransmitting without a response. */
  public void cancel() {
    if (state == State.PENDING) {
      state = State.CANCELLED;
    }
  }
}
