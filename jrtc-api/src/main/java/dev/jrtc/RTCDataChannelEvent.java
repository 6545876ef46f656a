package dev.jrtc;

/** The W3C {@code RTCDataChannelEvent}: fired as {@code datachannel} when the remote peer opens a channel. */
public class RTCDataChannelEvent extends Event {

  private final RTCDataChannel channel;

  /** Creates the event. */
  public RTCDataChannelEvent(String type, RTCDataChannel channel) {
    super(type);
    this.channel = channel;
  }

  /** The {@code channel} attribute. */
  public RTCDataChannel channel() {
    return channel;
  }
}
