package dev.jrtc;

/** The W3C enum {@code RTCSignalingState}: the state of the offer/answer exchange (https://w3c.github.io/webrtc-pc/#rtcsignalingstate-enum). */
public enum RTCSignalingState implements Idl.Value {
  /** {@code "stable"}. */
  STABLE("stable"),
  /** {@code "have-local-offer"}. */
  HAVE_LOCAL_OFFER("have-local-offer"),
  /** {@code "have-remote-offer"}. */
  HAVE_REMOTE_OFFER("have-remote-offer"),
  /** {@code "have-local-pranswer"}. */
  HAVE_LOCAL_PRANSWER("have-local-pranswer"),
  /** {@code "have-remote-pranswer"}. */
  HAVE_REMOTE_PRANSWER("have-remote-pranswer"),
  /** {@code "closed"}. */
  CLOSED("closed");

  private final String value;

  RTCSignalingState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCSignalingState fromValue(String value) {
    return Idl.fromValue(RTCSignalingState.class, value);
  }
}
