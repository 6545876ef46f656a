package dev.jrtc;

/** The W3C enum {@code RTCDataChannelState}: the state of a data channel. */
public enum RTCDataChannelState implements Idl.Value {
  /** {@code "connecting"}. */
  CONNECTING("connecting"),
  /** {@code "open"}. */
  OPEN("open"),
  /** {@code "closing"}. */
  CLOSING("closing"),
  /** {@code "closed"}. */
  CLOSED("closed");

  private final String value;

  RTCDataChannelState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCDataChannelState fromValue(String value) {
    return Idl.fromValue(RTCDataChannelState.class, value);
  }
}
