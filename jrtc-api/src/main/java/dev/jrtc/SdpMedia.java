package dev.jrtc;

import dev.jrtc.sdp.Direction;
import dev.jrtc.sdp.Fmtp;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.Msid;
import dev.jrtc.sdp.RtcpFeedback;
import dev.jrtc.sdp.RtpMap;
import dev.jrtc.sdp.SessionDescription;
import dev.jrtc.sdp.SsrcAttribute;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading the JSEP-relevant facts of an m-section, with session-level fallbacks. */
final class SdpMedia {

  private SdpMedia() {}

  /** The mid of m-section {@code index}; an m-section without {@code a=mid} is named by its index. */
  static String mid(MediaDescription m, int index) {
    return m.mid().orElse(Integer.toString(index));
  }

  static boolean isRtp(MediaDescription m) {
    return m.media().equals("audio") || m.media().equals("video");
  }

  static boolean isData(MediaDescription m) {
    return m.media().equals("application");
  }

  static boolean rejected(MediaDescription m) {
    return m.port() == 0 && !m.hasAttribute("bundle-only");
  }

  static Optional<String> ufrag(SessionDescription s, MediaDescription m) {
    return m.iceUfrag().or(s::iceUfrag);
  }

  static Optional<String> pwd(SessionDescription s, MediaDescription m) {
    return m.icePwd().or(s::icePwd);
  }

  static boolean hasFingerprint(SessionDescription s, MediaDescription m) {
    return !m.fingerprints().isEmpty() || !s.fingerprints().isEmpty();
  }

  static Optional<dev.jrtc.sdp.Setup> setup(SessionDescription s, MediaDescription m) {
    return m.setup().or(s::setup);
  }

  /** The direction attribute (media, then session level), sendrecv when absent (RFC 3264 §5.1). */
  static RTCRtpTransceiverDirection direction(SessionDescription s, MediaDescription m) {
    Direction d = m.direction().or(s::direction).orElse(Direction.SENDRECV);
    return RTCRtpTransceiverDirection.fromValue(d.value());
  }

  /** The direction as seen from the other side (JSEP §5.3.1: sendonly becomes recvonly). */
  static RTCRtpTransceiverDirection reverse(RTCRtpTransceiverDirection d) {
    switch (d) {
      case SENDONLY:
        return RTCRtpTransceiverDirection.RECVONLY;
      case RECVONLY:
        return RTCRtpTransceiverDirection.SENDONLY;
      default:
        return d;
    }
  }

  static boolean sends(RTCRtpTransceiverDirection d) {
    return d == RTCRtpTransceiverDirection.SENDRECV || d == RTCRtpTransceiverDirection.SENDONLY;
  }

  static boolean receives(RTCRtpTransceiverDirection d) {
    return d == RTCRtpTransceiverDirection.SENDRECV || d == RTCRtpTransceiverDirection.RECVONLY;
  }

  /** JSEP §5.3.1: the answer direction from our preferred one and the offered one. */
  static RTCRtpTransceiverDirection intersect(RTCRtpTransceiverDirection ours,
      RTCRtpTransceiverDirection offered) {
    RTCRtpTransceiverDirection reversed = reverse(offered);
    boolean send = sends(ours) && sends(reversed);
    boolean recv = receives(ours) && receives(reversed);
    if (send && recv) {
      return RTCRtpTransceiverDirection.SENDRECV;
    }
    if (send) {
      return RTCRtpTransceiverDirection.SENDONLY;
    }
    if (recv) {
      return RTCRtpTransceiverDirection.RECVONLY;
    }
    return RTCRtpTransceiverDirection.INACTIVE;
  }

  /** The m-section's payload formats as codecs; static types 0 and 8 without rtpmap are PCMU/PCMA. */
  static List<Codec> codecs(MediaDescription m) {
    List<Codec> out = new ArrayList<>();
    for (String f : m.formats()) {
      int pt = MediaCodecs.parseIntOr(f, -1);
      if (pt < 0 || pt > 127) {
        continue;
      }
      Optional<RtpMap> map = m.rtpMap(pt);
      String name;
      int clock;
      int channels = 0;
      if (map.isPresent()) {
        name = map.get().encodingName();
        clock = map.get().clockRate();
        channels = map.get().channels().orElse(0);
      } else if (pt == 0) {
        name = "PCMU";
        clock = 8000;
      } else if (pt == 8) {
        name = "PCMA";
        clock = 8000;
      } else {
        continue; // a dynamic type without rtpmap cannot be used (RFC 8866 §6.6)
      }
      String fmtp = m.fmtp(pt).map(Fmtp::parameters).orElse("");
      List<String> fb = new ArrayList<>();
      for (RtcpFeedback r : m.rtcpFeedbacks()) {
        if (r.payloadType().equals(f) || r.isWildcard()) {
          fb.add(r.type() + r.parameter().map(p -> " " + p).orElse(""));
        }
      }
      out.add(new Codec(pt, name, clock, channels, fmtp, fb));
    }
    return out;
  }

  static List<HeaderExtension> extensions(MediaDescription m) {
    List<HeaderExtension> out = new ArrayList<>();
    m.extmaps().forEach(e -> out.add(new HeaderExtension(e.id(), e.uri())));
    return out;
  }

  /** The stream ids of {@code a=msid} (RFC 8830), or of {@code a=ssrc:.. msid:} when there is none. */
  static List<String> streamIds(MediaDescription m) {
    Set<String> ids = new LinkedHashSet<>();
    for (Msid msid : m.msids()) {
      ids.add(msid.streamId());
    }
    if (ids.isEmpty()) {
      for (SsrcAttribute s : m.ssrcs()) {
        if (s.attribute().equals("msid") && s.value().isPresent()) {
          String v = s.value().get().trim();
          int sp = v.indexOf(' ');
          ids.add(sp < 0 ? v : v.substring(0, sp));
        }
      }
    }
    ids.remove("-");
    return new ArrayList<>(ids);
  }

  /** True when the remote m-section announces no msid at all (pre-RFC 8830 peers). */
  static boolean hasNoMsid(MediaDescription m) {
    return m.msids().isEmpty()
        && m.ssrcs().stream().noneMatch(s -> s.attribute().equals("msid"));
  }
  /** Whether a description announces {@code a=ice-options:trickle} (RFC 8840 §4.1.3), at any level. */
  static boolean trickles(SessionDescription sd) {
    if (sd.iceOptions().contains("trickle")) {
      return true;
    }
    for (MediaDescription m : sd.media()) {
      if (m.iceOptions().contains("trickle")) {
        return true;
      }
    }
    return false;
  }
}
