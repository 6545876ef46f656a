package dev.jrtc.sctp;

/**
 * How one message is sent: ordered or not, and its partial-reliability policy (RFC 3758, as RFC 8831
 * §6.6 maps {@code maxRetransmits} and {@code maxPacketLifeTime}). At most one limit may be set.
 *
 * @param unordered deliver as soon as complete (U bit), not in stream sequence
 * @param maxRetransmits retransmissions allowed before the message is abandoned; -1 for no limit
 * @param maxPacketLifeTimeMillis time after {@code send} when the message is abandoned; -1 for none
 */
public record SendOptions(boolean unordered, int maxRetransmits, long maxPacketLifeTimeMillis) {

  /** Reliable and ordered. */
  public static final SendOptions RELIABLE = new SendOptions(false, -1, -1);

  /** Checks the ranges. */
  public SendOptions {
    if (maxRetransmits < -1 || maxPacketLifeTimeMillis < -1) {
      throw new IllegalArgumentException("limits are -1 (none) or non-negative");
    }
    if (maxRetransmits >= 0 && maxPacketLifeTimeMillis >= 0) {
      throw new IllegalArgumentException("maxRetransmits and maxPacketLifeTime are exclusive");
    }
  }

  /** Reliable, unordered or not. */
  public static SendOptions reliable(boolean unordered) {
    return new SendOptions(unordered, -1, -1);
  }

  /** Abandoned after {@code n} retransmissions. */
  public static SendOptions maxRetransmits(boolean unordered, int n) {
    return new SendOptions(unordered, n, -1);
  }

  /** Abandoned {@code millis} after sending. */
  public static SendOptions maxPacketLifeTime(boolean unordered, long millis) {
    return new SendOptions(unordered, -1, millis);
  }

  boolean partiallyReliable() {
    return maxRetransmits >= 0 || maxPacketLifeTimeMillis >= 0;
  }
}
