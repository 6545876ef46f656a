package dev.jrtc;

/** The W3C enum {@code RTCIceTcpCandidateType}: the TCP candidate type of RFC 6544. */
public enum RTCIceTcpCandidateType implements Idl.Value {
  /** {@code "active"}. */
  ACTIVE("active"),
  /** {@code "passive"}. */
  PASSIVE("passive"),
  /** {@code "so"}. */
  SO("so");

  private final String value;

  RTCIceTcpCandidateType(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceTcpCandidateType fromValue(String value) {
    return Idl.fromValue(RTCIceTcpCandidateType.class, value);
  }
}
