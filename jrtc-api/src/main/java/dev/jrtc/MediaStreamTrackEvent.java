package dev.jrtc;

/** The W3C {@code MediaStreamTrackEvent}: fired at a MediaStream as {@code addtrack}/{@code removetrack}. */
public class MediaStreamTrackEvent extends Event {

  private final MediaStreamTrack track;

  /** Creates the event. */
  public MediaStreamTrackEvent(String type, MediaStreamTrack track) {
    super(type);
    this.track = track;
  }

  /** The {@code track} attribute. */
  public MediaStreamTrack track() {
    return track;
  }
}
