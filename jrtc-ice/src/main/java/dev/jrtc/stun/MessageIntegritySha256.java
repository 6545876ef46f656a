package dev.jrtc.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * MESSAGE-INTEGRITY-SHA256 (type 0x001C), RFC 8489 §14.6: the HMAC-SHA256 of the message up to this attribute, truncated to 16..32 bytes in steps of 4. Build it with {@link StunMessage.Builder#addMessageIntegritySha256(byte[])}.
 *
 * @param value the value bytes (copied in and out)
 */
public record MessageIntegritySha256(byte[] value) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x001C;

  /** Copies and validates the value. */
  public MessageIntegritySha256 {
    value = value.clone();
    if (value.length < 16 || value.length > 32 || value.length % 4 != 0) { throw new IllegalArgumentException("MESSAGE-INTEGRITY-SHA256 must be 16..32 bytes, a multiple of 4"); }
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  byte[] raw() {
    return value;
  }

  @Override
  public int type() {
    return TYPE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageIntegritySha256 && Arrays.equals(value, ((MessageIntegritySha256) o).value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "MessageIntegritySha256[" + HexFormat.of().formatHex(value) + "]";
  }
}
