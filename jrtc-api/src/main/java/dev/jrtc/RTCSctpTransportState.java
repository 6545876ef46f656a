package dev.jrtc;

/** The W3C enum {@code RTCSctpTransportState}: the state of an {@link RTCSctpTransport}. */
public enum RTCSctpTransportState implements Idl.Value {
  /** {@code "connecting"}. */
  CONNECTING("connecting"),
  /** {@code "connected"}. */
  CONNECTED("connected"),
  /** {@code "closed"}. */
  CLOSED("closed");

  private final String value;

  RTCSctpTransportState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCSctpTransportState fromValue(String value) {
    return Idl.fromValue(RTCSctpTransportState.class, value);
  }
}
