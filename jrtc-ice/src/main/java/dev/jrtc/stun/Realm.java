package dev.jrtc.stun;

/**
 * REALM (type 0x0014), RFC 8489 §14.9: a UTF-8 string of at most 763 bytes.
 *
 * @param value the decoded string
 */
public record Realm(String value) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0014;
  /** Maximum encoded length in bytes. */
  public static final int MAX_BYTES = 763;

  /** Validates the length. */
  public Realm {
    AttributeCodec.checkUtf8(value, MAX_BYTES, "REALM");
  }

  @Override
  public int type() {
    return TYPE;
  }
}
