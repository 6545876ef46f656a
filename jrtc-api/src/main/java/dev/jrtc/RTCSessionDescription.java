package dev.jrtc;

/**
 * The W3C {@code RTCSessionDescription} (https://w3c.github.io/webrtc-pc/#rtcsessiondescription-class).
 * The connection returns the same instance from {@code localDescription} and
 * {@code currentLocalDescription}/{@code pendingLocalDescription} while it is current.
 *
 * @param type the type
 * @param sdp the SDP text ({@code ""} for rollback)
 */
public record RTCSessionDescription(RTCSdpType type, String sdp) {

  /** The IDL constructor: {@code type} is required. */
  public RTCSessionDescription {
    if (type == null) {
      throw new TypeException("RTCSessionDescription requires a type");
    }
    sdp = sdp == null ? "" : sdp;
  }

  /** The IDL constructor from an init dictionary. */
  public static RTCSessionDescription from(RTCSessionDescriptionInit init) {
    if (init == null) {
      throw new TypeException("RTCSessionDescriptionInit is required");
    }
    return new RTCSessionDescription(init.type(), init.sdp());
  }

  /** The {@code toJSON()} result: the init with the same members. */
  public RTCSessionDescriptionInit toJSON() {
    return new RTCSessionDescriptionInit(type, sdp);
  }
}
