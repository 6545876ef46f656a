package dev.jrtc.stun;

/**
 * ICE-CONTROLLED (type 0x8029), RFC 8445 §16.1: the sender is in the controlled role; the value is its tie-breaker (§7.3.1.1).
 *
 * @param tieBreaker the 64-bit value (unsigned on the wire)
 */
public record IceControlled(long tieBreaker) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x8029;

  @Override
  public int type() {
    return TYPE;
  }
}
