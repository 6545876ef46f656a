package dev.jrtc.sctp;

/**
 * When to send a SACK, RFC 9260 §6.2: at once for every second packet carrying DATA, for
 * duplicates, gaps and the I bit; otherwise within the delayed-ack time (200 ms by default).
 */
final class DelayedAck {
  private final long delay;
  private boolean due;
  private int packetsSinceSack;
  private long deadline = Long.MAX_VALUE;

  DelayedAck(long delayNanos) {
    this.delay = delayNanos;
  }

  long deadline() {
    return deadline;
  }

  /** A SACK must go in the next packet. */
  boolean due() {
    return due;
  }

  /** A packet with DATA arrived; {@code immediate} when an immediate SACK is called for. */
  void onDataPacket(long nowNanos, boolean immediate) {
    packetsSinceSack++;
    if (immediate || packetsSinceSack >= 2) {
      due = true;
    } else if (deadline == Long.MAX_VALUE) {
      deadline = nowNanos + delay;
    }
  }

  /** Asks for a SACK at once (FORWARD TSN, RFC 3758 §3.6). */
  void now() {
    due = true;
  }

  /** The delayed-ack timer fired. */
  void onTimer() {
    deadline = Long.MAX_VALUE;
    due = true;
  }

  /** A SACK was sent. */
  void sent() {
    due = false;
    packetsSinceSack = 0;
    deadline = Long.MAX_VALUE;
  }

  void stop() {
    sent();
  }
}
