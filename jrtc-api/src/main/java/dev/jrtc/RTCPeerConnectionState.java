package dev.jrtc;

/** The W3C enum {@code RTCPeerConnectionState}: the aggregate state of the ICE and DTLS transports. */
public enum RTCPeerConnectionState implements Idl.Value {
  /** {@code "closed"}. */
  CLOSED("closed"),
  /** {@code "failed"}. */
  FAILED("failed"),
  /** {@code "disconnected"}. */
  DISCONNECTED("disconnected"),
  /** {@code "new"}. */
  NEW("new"),
  /** {@code "connecting"}. */
  CONNECTING("connecting"),
  /** {@code "connected"}. */
  CONNECTED("connected");

  private final String value;

  RTCPeerConnectionState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCPeerConnectionState fromValue(String value) {
    return Idl.fromValue(RTCPeerConnectionState.class, value);
  }
}
