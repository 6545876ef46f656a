package dev.jrtc;

/** The W3C enum {@code RTCIceGathererState}: the gathering state of an {@link RTCIceTransport}. */
public enum RTCIceGathererState implements Idl.Value {
  /** {@code "new"}. */
  NEW("new"),
  /** {@code "gathering"}. */
  GATHERING("gathering"),
  /** {@code "complete"}. */
  COMPLETE("complete");

  private final String value;

  RTCIceGathererState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceGathererState fromValue(String value) {
    return Idl.fromValue(RTCIceGathererState.class, value);
  }
}
