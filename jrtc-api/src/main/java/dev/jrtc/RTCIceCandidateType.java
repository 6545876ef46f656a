package dev.jrtc;

/** The W3C enum {@code RTCIceCandidateType}: the type of an ICE candidate (RFC 8445 §5.1.1). */
public enum RTCIceCandidateType implements Idl.Value {
  /** {@code "host"}. */
  HOST("host"),
  /** {@code "srflx"}. */
  SRFLX("srflx"),
  /** {@code "prflx"}. */
  PRFLX("prflx"),
  /** {@code "relay"}. */
  RELAY("relay");

  private final String value;

  RTCIceCandidateType(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceCandidateType fromValue(String value) {
    return Idl.fromValue(RTCIceCandidateType.class, value);
  }
}
