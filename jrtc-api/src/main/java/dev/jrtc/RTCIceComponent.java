package dev.jrtc;

/** The W3C enum {@code RTCIceComponent}: the ICE component of a candidate. */
public enum RTCIceComponent implements Idl.Value {
  /** {@code "rtp"}. */
  RTP("rtp"),
  /** {@code "rtcp"}. */
  RTCP("rtcp");

  private final String value;

  RTCIceComponent(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceComponent fromValue(String value) {
    return Idl.fromValue(RTCIceComponent.class, value);
  }
}
