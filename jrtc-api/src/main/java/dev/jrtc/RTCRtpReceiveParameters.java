package dev.jrtc;

import java.util.List;

/**
 * The W3C {@code RTCRtpReceiveParameters} dictionary that {@link RTCRtpReceiver#getParameters()}
 * returns: what the receiver is prepared to receive after negotiation.
 *
 * @param headerExtensions the negotiated header extensions
 * @param rtcp the RTCP parameters (no cname)
 * @param codecs the negotiated codecs
 */
public record RTCRtpReceiveParameters(List<RTCRtpHeaderExtensionParameters> headerExtensions,
    RTCRtcpParameters rtcp, List<RTCRtpCodecParameters> codecs) {

  /** Copies the lists. */
  public RTCRtpReceiveParameters {
    headerExtensions = List.copyOf(headerExtensions);
    codecs = List.copyOf(codecs);
  }
}
