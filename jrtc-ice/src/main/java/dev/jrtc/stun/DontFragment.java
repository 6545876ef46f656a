package dev.jrtc.stun;

/**
 * DONT-FRAGMENT (type 0x001A), RFC 8656 §18.8: a flag with an empty value.
 */
public record DontFragment() implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x001A;

  @Override
  public int type() {
    return TYPE;
  }
}
