package dev.jrtc;

/** The W3C enum {@code RTCRtpTransceiverDirection}: the direction of a transceiver (https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiverdirection). */
public enum RTCRtpTransceiverDirection implements Idl.Value {
  /** {@code "sendrecv"}. */
  SENDRECV("sendrecv"),
  /** {@code "sendonly"}. */
  SENDONLY("sendonly"),
  /** {@code "recvonly"}. */
  RECVONLY("recvonly"),
  /** {@code "inactive"}. */
  INACTIVE("inactive"),
  /** {@code "stopped"}. */
  STOPPED("stopped");

  private final String value;

  RTCRtpTransceiverDirection(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCRtpTransceiverDirection fromValue(String value) {
    return Idl.fromValue(RTCRtpTransceiverDirection.class, value);
  }
}
