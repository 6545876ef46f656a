package dev.jrtc;

/** The W3C enum {@code RTCSdpType}: the type of a session description (https://w3c.github.io/webrtc-pc/#rtcsdptype). */
public enum RTCSdpType implements Idl.Value {
  /** {@code "offer"}. */
  OFFER("offer"),
  /** {@code "pranswer"}. */
  PRANSWER("pranswer"),
  /** {@code "answer"}. */
  ANSWER("answer"),
  /** {@code "rollback"}. */
  ROLLBACK("rollback");

  private final String value;

  RTCSdpType(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCSdpType fromValue(String value) {
    return Idl.fromValue(RTCSdpType.class, value);
  }
}
