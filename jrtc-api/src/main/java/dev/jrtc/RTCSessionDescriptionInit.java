package dev.jrtc;

/**
 * The W3C {@code RTCSessionDescriptionInit} / {@code RTCLocalSessionDescriptionInit} dictionary.
 *
 * <p>{@code type} may be null only for {@link RTCPeerConnection#setLocalDescription(RTCSessionDescriptionInit)}
 * (the spec's {@code RTCLocalSessionDescriptionInit}, where the type is then implied by the
 * signaling state); {@code sdp} null is read as the IDL default {@code ""}.
 *
 * @param type the description type, or null when implied
 * @param sdp the SDP text, {@code ""} when absent
 */
public record RTCSessionDescriptionInit(RTCSdpType type, String sdp) {

  /** Normalises an absent SDP to {@code ""}. */
  public RTCSessionDescriptionInit {
    sdp = sdp == null ? "" : sdp;
  }

  /** An init of the given type and SDP. */
  public static RTCSessionDescriptionInit of(RTCSdpType type, String sdp) {
    return new RTCSessionDescriptionInit(type, sdp);
  }

  /** An init with only a type (e.g. {@code rollback}, or an implicit offer/answer). */
  public static RTCSessionDescriptionInit of(RTCSdpType type) {
    return new RTCSessionDescriptionInit(type, "");
  }
}
