package dev.jrtc;

/** The W3C enum {@code MediaStreamTrackState}: the state of a MediaStreamTrack (Media Capture and Streams). */
public enum MediaStreamTrackState implements Idl.Value {
  /** {@code "live"}. */
  LIVE("live"),
  /** {@code "ended"}. */
  ENDED("ended");

  private final String value;

  MediaStreamTrackState(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static MediaStreamTrackState fromValue(String value) {
    return Idl.fromValue(MediaStreamTrackState.class, value);
  }
}
