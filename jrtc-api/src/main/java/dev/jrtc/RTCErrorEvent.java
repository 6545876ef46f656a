package dev.jrtc;

/** The W3C {@code RTCErrorEvent}: carries an {@link RTCError} (data channel {@code error} events). */
public class RTCErrorEvent extends Event {

  private final RTCError error;

  /** Creates the event. */
  public RTCErrorEvent(String type, RTCError error) {
    super(type);
    this.error = error;
  }

  /** The {@code error} attribute. */
  public RTCError error() {
    return error;
  }
}
