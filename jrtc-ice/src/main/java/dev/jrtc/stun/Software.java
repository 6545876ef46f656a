package dev.jrtc.stun;

/**
 * SOFTWARE (type 0x8022), RFC 8489 §14.14: a UTF-8 string of at most 763 bytes.
 *
 * @param value the decoded string
 */
public record Software(String value) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x8022;
  /** Maximum encoded length in bytes. */
  public static final int MAX_BYTES = 763;

  /** Validates the length. */
  public Software {
    AttributeCodec.checkUtf8(value, MAX_BYTES, "SOFTWARE");
  }

  @Override
  public int type() {
    return TYPE;
  }
}
