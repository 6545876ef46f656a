package dev.jrtc.stun;

/**
 * NONCE (type 0x0015), RFC 8489 §14.10: a UTF-8 string of at most 763 bytes.
 *
 * @param value the decoded string
 */
public record Nonce(String value) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0015;
  /** Maximum encoded length in bytes. */
  public static final int MAX_BYTES = 763;

  /** Validates the length. */
  public Nonce {
    AttributeCodec.checkUtf8(value, MAX_BYTES, "NONCE");
  }

  @Override
  public int type() {
    return TYPE;
  }
}
