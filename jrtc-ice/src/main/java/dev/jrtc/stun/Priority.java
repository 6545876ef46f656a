package dev.jrtc.stun;

/**
 * PRIORITY (type 0x0024), RFC 8445 §16.1: the priority a peer-reflexive candidate learned from this check would get (§7.1.1).
 *
 * @param priority the unsigned 32-bit value
 */
public record Priority(long priority) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0024;

  /** Validates the range. */
  public Priority {
    if (priority < 0 || priority > 0xffffffffL) {
      throw new IllegalArgumentException("PRIORITY out of range: " + priority);
    }
  }

  @Override
  public int type() {
    return TYPE;
  }
}
