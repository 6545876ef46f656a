package dev.jrtc;

import dev.jrtc.sdp.Candidate;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * addIceCandidate's checks and its effect on the remote description (webrtc-pc §4.4.1.7): the
 * target m-sections of a candidate and the SDP with the candidate (or end-of-candidates) added.
 */
final class IceCandidates {

  private IceCandidates() {}

  /**
   * The indexes of the m-sections a candidate applies to: the one of {@code sdpMid}, else of
   * {@code sdpMLineIndex}, else (end-of-candidates) every m-section whose ufrag matches.
   */
  static List<Integer> targets(SessionDescription sd, RTCIceCandidateInit c) {
    List<MediaDescription> media = sd.media();
    List<Integer> out = new ArrayList<>();
    if (c.sdpMid() != null) {
      for (int i = 0; i < media.size(); i++) {
        if (SdpMedia.mid(media.get(i), i).equals(c.sdpMid())) {
          out.add(i);
          break;
        }
      }
      if (out.isEmpty()) {
        throw new OperationException("No m-section has mid '" + c.sdpMid() + "'");
      }
    } else if (c.sdpMLineIndex() != null) {
      if (c.sdpMLineIndex() >= media.size()) {
        throw new OperationException("sdpMLineIndex " + c.sdpMLineIndex() + " is out of range (there are "
            + media.size() + " m-sections)");
      }
      out.add(c.sdpMLineIndex());
    } else {
      for (int i = 0; i < media.size(); i++) {
        out.add(i);
      }
    }
    if (c.usernameFragment() != null) {
      // step 4.4: the ufrag must be one of the remote description's, in the target m-section.
      List<Integer> matching = new ArrayList<>();
      for (int i : out) {
        if (SdpMedia.ufrag(sd, media.get(i)).map(c.usernameFragment()::equals).orElse(false)) {
          matching.add(i);
        }
      }
      if (matching.isEmpty()) {
        throw new OperationException("No m-section has ice-ufrag '" + c.usernameFragment() + "'");
      }
      out = matching;
    }
    return out;
  }

  /** The remote description with the candidate (or a=end-of-candidates) added to the targets. */
  static JsepEngine.Desc add(JsepEngine.Desc remote, RTCIceCandidateInit c, List<Integer> targets) {
    String attribute;
    String value;
    if (c.candidate().isEmpty()) {
      attribute = "end-of-candidates";
      value = null;
    } else {
      Candidate parsed = RTCIceCandidate.parseOrNull(c.candidate());
      if (parsed == null) {
        throw new OperationException("The candidate '" + c.candidate() + "' could not be parsed");
      }
      attribute = "candidate";
      value = parsed.toValue();
    }
    SessionDescription sd = remote.sdp();
    List<MediaDescription> media = new ArrayList<>(sd.media());
    for (int i : targets) {
      MediaDescription m = media.get(i);
      if (value == null && m.endOfCandidates()) {
        continue;
      }
      if (value != null && m.attributeValues("candidate").contains(value)) {
        continue;
      }
      MediaDescription.Builder b = m.toBuilder();
      if (value == null) {
        b.attribute(attribute);
      } else {
        b.attribute(attribute, value);
      }
      media.set(i, b.build());
    }
    SessionDescription updated = sd.toBuilder().media(media).build();
    String text = updated.write();
    return new JsepEngine.Desc(new RTCSessionDescription(remote.description().type(), text), updated);
  }
}
