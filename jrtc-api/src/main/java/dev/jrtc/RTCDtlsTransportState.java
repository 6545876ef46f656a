package dev.jrtc;

/** The W3C enum {@code RTCDtlsTransportState}: the state of an {@link RTCDtlsTransport}. */
public enum RTCDtlsTransportState implements Idl.Value {
  /** {@code "new"}. */
  NEW("new"),
  /** {@code "connecting"}. */
  CONNECTING("connecting"),
  /** {@code "connected"}. */
  CONNECTED("connected"),
  /** {@code "closed"}. */
  CLOSED("closed"),
  /** {@code "failed"}. */
  FAILED("failed");

  private final String value;

  RTCDtlsTransportState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCDtlsTransportState fromValue(String value) {
    return Idl.fromValue(RTCDtlsTransportState.class, value);
  }
}
