package dev.jrtc.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute this package does not model (RFC 8489 §14: the attribute space is open), kept
 * byte for byte so that it survives re-encoding: PASSWORD-ALGORITHM(S), USERHASH,
 * ALTERNATE-SERVER, Chromium's GOOG-NETWORK-INFO (0xC057) and anything newer.
 *
 * @param type the attribute type
 * @param value the value bytes, without padding (copied in and out)
 */
public record RawAttribute(int type, byte[] value) implements StunAttribute {

  /** Copies and validates the value. */
  public RawAttribute {
    if (type < 0 || type > 0xffff) {
      throw new IllegalArgumentException("attribute type out of range: " + type);
    }
    if (value.length > 0xffff) {
      throw new IllegalArgumentException("attribute value too long");
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  byte[] raw() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawAttribute && ((RawAttribute) o).type == type
        && Arrays.equals(value, ((RawAttribute) o).value);
  }

  @Override
  public int hashCode() {
    return type * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return String.format("RawAttribute[0x%04x, %s]", type, HexFormat.of().formatHex(value));
  }
}
