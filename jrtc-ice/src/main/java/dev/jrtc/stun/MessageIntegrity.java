package dev.jrtc.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * MESSAGE-INTEGRITY (type 0x0008), RFC 8489 §14.5: the 20-byte HMAC-SHA1 of the message up to this attribute. Build it with {@link StunMessage.Builder#addMessageIntegrity(byte[])}.
 *
 * @param value the value bytes (copied in and out)
 */
public record MessageIntegrity(byte[] value) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0008;

  /** Copies and validates the value. */
  public MessageIntegrity {
    value = value.clone();
    if (value.length != 20) { throw new IllegalArgumentException("MESSAGE-INTEGRITY must be 20 bytes"); }
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
    return o instanceof MessageIntegrity && Arrays.equals(value, ((MessageIntegrity) o).value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "MessageIntegrity[" + HexFormat.of().formatHex(value) + "]";
  }
}
