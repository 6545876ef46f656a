package dev.jrtc;

/** The W3C enum {@code RTCIceProtocol}: the transport protocol of a candidate. */
public enum RTCIceProtocol implements Idl.Value {
  /** {@code "udp"}. */
  UDP("udp"),
  /** {@code "tcp"}. */
  TCP("tcp");

  private final String value;

  RTCIceProtocol(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceProtocol fromValue(String value) {
    return Idl.fromValue(RTCIceProtocol.class, value);
  }
}
