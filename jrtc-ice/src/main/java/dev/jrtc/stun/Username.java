package dev.jrtc.stun;

/**
 * USERNAME (type 0x0006), RFC 8489 §14.3: a UTF-8 string of at most 513 bytes.
 *
 * @param value the decoded string
 */
public record Username(String value) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0006;
  /** Maximum encoded length in bytes. */
  public static final int MAX_BYTES = 513;

  /** Validates the length. */
  public Username {
    AttributeCodec.checkUtf8(value, MAX_BYTES, "USERNAME");
  }

  @Override
  public int type() {
    return TYPE;
  }
}
