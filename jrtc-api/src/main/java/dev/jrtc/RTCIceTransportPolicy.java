package dev.jrtc;

/** The W3C enum {@code RTCIceTransportPolicy}: which ICE candidates may be used. */
public enum RTCIceTransportPolicy implements Idl.Value {
  /** {@code "relay"}. */
  RELAY("relay"),
  /** {@code "all"}. */
  ALL("all");

  private final String value;

  RTCIceTransportPolicy(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceTransportPolicy fromValue(String value) {
    return Idl.fromValue(RTCIceTransportPolicy.class, value);
  }
}
