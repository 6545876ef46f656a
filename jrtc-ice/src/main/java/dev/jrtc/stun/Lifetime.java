package dev.jrtc.stun;

/**
 * LIFETIME (type 0x000D), RFC 8656 §18.4: the seconds the server keeps the allocation without a refresh.
 *
 * @param seconds the unsigned 32-bit value
 */
public record Lifetime(long seconds) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x000D;

  /** Validates the range. */
  public Lifetime {
    if (seconds < 0 || seconds > 0xffffffffL) {
      throw new IllegalArgumentException("LIFETIME out of range: " + seconds);
    }
  }

  @Override
  public int type() {
    return TYPE;
  }
}
