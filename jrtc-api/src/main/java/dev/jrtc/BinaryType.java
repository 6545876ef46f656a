package dev.jrtc;

/** The W3C enum {@code BinaryType}: the {@code binaryType} of an RTCDataChannel (the HTML BinaryType enum). */
public enum BinaryType implements Idl.Value {
  /** {@code "blob"}. */
  BLOB("blob"),
  /** {@code "arraybuffer"}. */
  ARRAYBUFFER("arraybuffer");

  private final String value;

  BinaryType(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static BinaryType fromValue(String value) {
    return Idl.fromValue(BinaryType.class, value);
  }
}
