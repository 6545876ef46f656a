package dev.jrtc;

/** The W3C enum {@code RTCIceRole}: the ICE role of an {@link RTCIceTransport} (RFC 8445 §6.1.1). */
public enum RTCIceRole implements Idl.Value {
  /** {@code "unknown"}. */
  UNKNOWN("unknown"),
  /** {@code "controlling"}. */
  CONTROLLING("controlling"),
  /** {@code "controlled"}. */
  CONTROLLED("controlled");

  private final String value;

  RTCIceRole(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceRole fromValue(String value) {
    return Idl.fromValue(RTCIceRole.class, value);
  }
}
