package dev.jrtc;

/** The W3C enum {@code RTCIceConnectionState}: the aggregate state of the ICE transports. */
public enum RTCIceConnectionState implements Idl.Value {
  /** {@code "closed"}. */
  CLOSED("closed"),
  /** {@code "failed"}. */
  FAILED("failed"),
  /** {@code "disconnected"}. */
  DISCONNECTED("disconnected"),
  /** {@code "new"}. */
  NEW("new"),
  /** {@code "checking"}. */
  CHECKING("checking"),
  /** {@code "completed"}. */
  COMPLETED("completed"),
  /** {@code "connected"}. */
  CONNECTED("connected");

  private final String value;

  RTCIceConnectionState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceConnectionState fromValue(String value) {
    return Idl.fromValue(RTCIceConnectionState.class, value);
  }
}
