package dev.jrtc;

/** The W3C {@code MediaStreamEvent}: the legacy {@code addstream}/{@code removestream} event (obsolete). */
public class MediaStreamEvent extends Event {

  private final MediaStream stream;

  /** Creates the event. */
  public MediaStreamEvent(String type, MediaStream stream) {
    super(type);
    this.stream = stream;
  }

  /** The {@code stream} attribute. */
  public MediaStream stream() {
    return stream;
  }
}
