package dev.jrtc;

/** The W3C enum {@code RTCIceGatheringState}: the aggregate ICE gathering state. */
public enum RTCIceGatheringState implements Idl.Value {
  /** {@code "new"}. */
  NEW("new"),
  /** {@code "gathering"}. */
  GATHERING("gathering"),
  /** {@code "complete"}. */
  COMPLETE("complete");

  private final String value;

  RTCIceGatheringState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCIceGatheringState fromValue(String value) {
    return Idl.fromValue(RTCIceGatheringState.class, value);
  }
}
