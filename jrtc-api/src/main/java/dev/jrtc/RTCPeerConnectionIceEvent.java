package dev.jrtc;

/** The W3C {@code RTCPeerConnectionIceEvent}: fired as {@code icecandidate} with a new local candidate, or a null candidate at the end of gathering. */
public class RTCPeerConnectionIceEvent extends Event {

  private final RTCIceCandidate candidate;
  private final String url;

  /** Creates the event. */
  public RTCPeerConnectionIceEvent(String type, RTCIceCandidate candidate, String url) {
    super(type);
    this.candidate = candidate;
    this.url = url;
  }

  /** The {@code candidate} attribute. */
  public RTCIceCandidate candidate() {
    return candidate;
  }

  /** The {@code url} attribute. */
  public String url() {
    return url;
  }
}
