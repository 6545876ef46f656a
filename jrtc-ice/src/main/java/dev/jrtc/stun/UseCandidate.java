package dev.jrtc.stun;

/**
 * USE-CANDIDATE (type 0x0025), RFC 8445 §16.1: a flag with an empty value.
 */
public record UseCandidate() implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0025;

  @Override
  public int type() {
    return TYPE;
  }
}
