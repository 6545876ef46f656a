package dev.jrtc.stun;

/**
 * EVEN-PORT (type 0x0018), RFC 8656 §18.8: one byte whose top bit R asks the server to reserve
 * the next-higher port too.
 *
 * @param reserveNextHigherPort the R bit
 */
public record EvenPort(boolean reserveNextHigherPort) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0018;

  @Override
  public int type() {
    return TYPE;
  }
}
