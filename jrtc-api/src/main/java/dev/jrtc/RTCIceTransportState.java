package dev.jrtc;

/** The W3C enum {@code RTCIceTransportState}: the state of an {@link RTCIceTransport}. */
public enum RTCIceTransportState implements Idl.Value {
  /** {@code "new"}. */
  NEW("new"),
  /** {@code "checking"}. */
  CHECKING("checking"),
  /** {@code "connected"}. */
  CONNECTED("connected"),
  /** {@code "completed"}. */
  COMPLETED("completed"),
  /** {@code "disconnected"}. */
  DISCONNECTED("disconnected"),
  /** {@code "failed"}. */
  FAILED("failed"),
  /** {@code "closed"}. */
  CLOSED("closed");

  private final String value;

  RTCIceTransportState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceTransportState fromValue(String value) {
    return Idl.fromValue(RTCIceTransportState.class, value);
  }
}
