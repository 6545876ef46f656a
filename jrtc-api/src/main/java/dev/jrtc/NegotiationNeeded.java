package dev.jrtc;

import dev.jrtc.sdp.MediaDescription;
import java.util.HashSet;
import java.util.List;

/**
 * webrtc-pc §4.7.3 "check if negotiation is needed", evaluated over a connection's JSEP state
 * (called under the connection's lock).
 */
final class NegotiationNeeded {

  private NegotiationNeeded() {}

  /** webrtc-pc §4.7.3 "check if negotiation is needed". */
  static boolean check(JsepEngine e) {
    if (e.iceRestartPending) {
      return true;
    }
    JsepEngine.Desc local = e.currentLocal;
    JsepEngine.Desc remote = e.currentRemote;
    if (e.dataRequested && !e.dataNegotiated) {
      return true;
    }
    for (RTCRtpTransceiver t : e.transceivers) {
      MediaDescription m = local == null || t.mid == null ? null : JsepEngine.section(local.sdp(), t.mid);
      if (t.stopping && !t.stopped) {
        return true;
      }
      if (!t.stopped && m == null) {
        return true;
      }
      if (!t.stopped) {
        if (SdpMedia.sends(t.direction)) {
          List<String> ids = SdpMedia.streamIds(m);
          if (m.msids().isEmpty() || !new HashSet<>(ids).equals(new HashSet<>(t.sender().streamIds()))) {
            return true;
          }
        }
        RTCRtpTransceiverDirection localDir = SdpMedia.direction(local.sdp(), m);
        if (local.description().type() == RTCSdpType.OFFER) {
          MediaDescription r = remote == null ? null : JsepEngine.section(remote.sdp(), t.mid);
          RTCRtpTransceiverDirection remoteDir = r == null ? null
              : SdpMedia.reverse(SdpMedia.direction(remote.sdp(), r));
          if (localDir != t.direction && remoteDir != t.direction) {
            return true;
          }
        } else {
          MediaDescription r = remote == null ? null : JsepEngine.section(remote.sdp(), t.mid);
          RTCRtpTransceiverDirection expected = r == null ? t.direction
              : SdpMedia.intersect(t.direction, SdpMedia.direction(remote.sdp(), r));
          if (localDir != expected) {
            return true;
          }
        }
      }
      if (t.stopped && m != null && !SdpMedia.rejected(m)) {
        MediaDescription r = remote == null ? null : JsepEngine.section(remote.sdp(), t.mid);
        if (r == null || !SdpMedia.rejected(r)) {
          return true;
        }
      }
    }
    return false;
  }
}
