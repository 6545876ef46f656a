package dev.jrtc;

/** The W3C enum {@code RTCRtcpMuxPolicy}: the RTCP multiplexing policy. jrtc always multiplexes RTP and RTCP (RFC 8834 §5.1.1), so a connection rejects {@code negotiate} with NotSupportedError as webrtc-pc allows. */
public enum RTCRtcpMuxPolicy implements Idl.Value {
  /** {@code "negotiate"}: also gather RTCP candidates; jrtc does not implement it (NotSupportedError). */
  NEGOTIATE("negotiate"),
  /** {@code "require"}. */
  REQUIRE("require");

  private final String value;

  RTCRtcpMuxPolicy(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCRtcpMuxPolicy fromValue(String value) {
    return Idl.fromValue(RTCRtcpMuxPolicy.class, value);
  }
}
