package dev.jrtc.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * DATA (type 0x0013), RFC 8656 §18.6: the application data of a Send or Data indication.
 *
 * @param value the value bytes (copied in and out)
 */
public record Data(byte[] value) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0013;

  /** Copies and validates the value. */
  public Data {
    value = value.clone();
    if (value.length > 0xffff) { throw new IllegalArgumentException("DATA too long"); }
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
    return o instanceof Data && Arrays.equals(value, ((Data) o).value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Data[" + HexFormat.of().formatHex(value) + "]";
  }
}
