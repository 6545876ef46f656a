package dev.jrtc.stun;

/**
 * ICE-CONTROLLING (type 0x802A), RFC 8445 §16.1: the sender is in the controlling role; the value is its tie-breaker (§7.3.1.1).
 *
 * @param tieBreaker the 64-bit value (unsigned on the wire)
 */
public record IceControlling(long tieBreaker) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x802A;

  @Override
  public int type() {
    return TYPE;
  }
}
