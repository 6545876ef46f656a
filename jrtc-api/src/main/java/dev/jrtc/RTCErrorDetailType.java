package dev.jrtc;

/** The W3C enum {@code RTCErrorDetailType}: the kind of failure an {@link RTCError} reports. {@link #toString()} is the IDL string too, which JS bindings rely on. */
public enum RTCErrorDetailType implements Idl.Value {
  /** {@code "data-channel-failure"}. */
  DATA_CHANNEL_FAILURE("data-channel-failure"),
  /** {@code "dtls-failure"}. */
  DTLS_FAILURE("dtls-failure"),
  /** {@code "fingerprint-failure"}. */
  FINGERPRINT_FAILURE("fingerprint-failure"),
  /** {@code "sctp-failure"}. */
  SCTP_FAILURE("sctp-failure"),
  /** {@code "sdp-syntax-error"}. */
  SDP_SYNTAX_ERROR("sdp-syntax-error"),
  /** {@code "hardware-encoder-not-available"}. */
  HARDWARE_ENCODER_NOT_AVAILABLE("hardware-encoder-not-available"),
  /** {@code "hardware-encoder-error"}. */
  HARDWARE_ENCODER_ERROR("hardware-encoder-error");

  private final String value;

  RTCErrorDetailType(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The IDL string, as {@link #value()}. */
  @Override
  public String toString() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCErrorDetailType fromValue(String value) {
    return Idl.fromValue(RTCErrorDetailType.class, value);
  }
}
