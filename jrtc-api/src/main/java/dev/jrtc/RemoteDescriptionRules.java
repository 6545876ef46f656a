package dev.jrtc;

import dev.jrtc.sdp.Group;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.SdpParseException;
import dev.jrtc.sdp.Msid;
import dev.jrtc.sdp.SessionDescription;
import dev.jrtc.sdp.Setup;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks a remote description must pass before it is applied (webrtc-pc §4.4.1.6 step 2.1:
 * "If the content of description is invalid, reject with InvalidAccessError"), so that a rejected
 * description leaves the connection unchanged.
 */
final class RemoteDescriptionRules {

  private RemoteDescriptionRules() {}

  private static final String ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** Parses a remote description: a syntax error is an RTCError sdp-syntax-error (webrtc-pc §4.4.1.6 2.1.3). */
  static SessionDescription parse(String text) {
    try {
      SessionDescription sd = SessionDescription.parse(text);
      // The typed views parse on demand: read them all now, so that a malformed attribute is a
      // syntax error of setRemoteDescription and not a failure later.
      sd.groups();
      sd.fingerprints();
      sd.setup();
      sd.iceOptions();
      for (MediaDescription m : sd.media()) {
        m.direction();
        m.rtpMaps();
        m.fmtps();
        m.rtcpFeedbacks();
        m.extmaps();
        m.msids();
        m.ssrcs();
        m.candidates();
        m.fingerprints();
        m.setup();
        m.iceOptions();
        m.sctpPort();
        // a=max-message-size is not read strictly here: a value that is not 1*DIGIT (RFC 8841 §6)
        // is ignored as an attribute not understood (RFC 8866 §5.13), as Firefox does, and
        // TransportBinding reads it leniently (RTCSctpTransport-maxMessageSize.html writes
        // "a=max-message-size:undefined" when it means to drop the attribute).
        m.sctpmap();
      }
      return sd;
    } catch (SdpParseException e) {
      throw new RTCError(RTCErrorInit.sdpSyntaxError(e.lineNumber()),
          "Failed to parse SessionDescription. " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new RTCError(RTCErrorInit.sdpSyntaxError(0),
          "Failed to parse SessionDescription. " + e.getMessage(), e);
    }
  }

  static void validate(SessionDescription sd, RTCSdpType type, JsepEngine engine) {
    List<MediaDescription> media = sd.media();
    Set<String> mids = new HashSet<>();
    Set<String> msids = new HashSet<>();
    for (int i = 0; i < media.size(); i++) {
      MediaDescription m = media.get(i);
      String mid = SdpMedia.mid(m, i);
      if (!mids.add(mid)) {
        throw new InvalidAccessException("Duplicate a=mid value '" + mid + "' (RFC 8843 §9.1)");
      }
      if (SdpMedia.rejected(m)) {
        continue;
      }
      String where = "m-section " + i + " (mid " + mid + ")";
      // RFC 8839 §5.4: ice-ufrag 4..256 ice-chars, ice-pwd 22..256 ice-chars.
      Optional<String> ufrag = SdpMedia.ufrag(sd, m);
      Optional<String> pwd = SdpMedia.pwd(sd, m);
      if (ufrag.isEmpty() || pwd.isEmpty()) {
        throw new InvalidAccessException(where + " has no a=ice-ufrag/a=ice-pwd");
      }
      checkIceChars(ufrag.get(), 4, where + ": ice-ufrag");
      checkIceChars(pwd.get(), 22, where + ": ice-pwd");
      if (!SdpMedia.hasFingerprint(sd, m)) {
        throw new InvalidAccessException(where + " has no a=fingerprint (RFC 8827 §6.5)");
      }
      if (SdpMedia.isRtp(m) && !m.rtcpMux()) {
        // webrtc-pc §4.4.1.6 2.1.4: rtcpMuxPolicy "require" and no a=rtcp-mux.
        throw new InvalidAccessException(where + " lacks a=rtcp-mux, which rtcpMuxPolicy 'require' needs");
      }
      if (type != RTCSdpType.OFFER && SdpMedia.setup(sd, m).orElse(null) == Setup.ACTPASS) {
        throw new InvalidAccessException(where + ": an answer cannot use a=setup:actpass (RFC 8842 §5.3)");
      }
      for (Msid msid : m.msids()) {
        if (msid.trackId().isPresent() && !msids.add(msid.streamId() + " " + msid.trackId().get())) {
          // RFC 8830 §2: an msid identifies one m-section.
          throw new OperationException(where + " repeats a=msid:" + msid.streamId() + " "
              + msid.trackId().get());
        }
      }
    }
    for (Group g : sd.groups()) {
      // RFC 8843 §7.3.1: bundled m-sections of an answer use one transport, so one ufrag. An
      // offer may still carry per-section credentials (RFC 8829 §7.1 example; browsers accept it).
      if (!g.semantics().equals("BUNDLE") || type == RTCSdpType.OFFER) {
        continue;
      }
      String ufrag = null;
      for (String mid : g.mids()) {
        MediaDescription m = JsepEngine.section(sd, mid);
        if (m == null) {
          throw new InvalidAccessException("a=group:BUNDLE names unknown mid '" + mid + "'");
        }
        if (SdpMedia.rejected(m)) {
          continue;
        }
        String u = SdpMedia.ufrag(sd, m).orElse("");
        if (ufrag == null) {
          ufrag = u;
        } else if (!ufrag.equals(u)) {
          throw new InvalidAccessException("m-sections of one BUNDLE group have different ice-ufrag ("
              + ufrag + ", " + u + ")");
        }
      }
    }
    if (type == RTCSdpType.ANSWER || type == RTCSdpType.PRANSWER) {
      // RFC 8829 §5.8 / RFC 3264 §6: the answer has the offer's m-lines, in order.
      SessionDescription offer = engine.pendingLocal.sdp();
      if (offer.media().size() != media.size()) {
        throw new InvalidAccessException("The answer has " + media.size() + " m-sections, the offer "
            + offer.media().size());
      }
      for (int i = 0; i < media.size(); i++) {
        MediaDescription o = offer.media().get(i);
        MediaDescription a = media.get(i);
        if (!o.media().equals(a.media())) {
          throw new InvalidAccessException("m-section " + i + " is " + a.media() + " in the answer, "
              + o.media() + " in the offer");
        }
        if (!SdpMedia.mid(o, i).equals(SdpMedia.mid(a, i))) {
          throw new InvalidAccessException("The answer's m-section " + i + " has mid '"
              + SdpMedia.mid(a, i) + "', not the offered '" + SdpMedia.mid(o, i) + "'");
        }
      }
    } else if (type == RTCSdpType.OFFER) {
      // RFC 8829 §5.2.2/§5.7: a new offer keeps the negotiated m-lines in place.
      JsepEngine.Desc base = engine.currentRemote != null ? engine.currentRemote : null;
      if (base != null) {
        List<MediaDescription> old = base.sdp().media();
        if (media.size() < old.size()) {
          throw new InvalidAccessException("The offer removes m-sections: " + media.size() + " < "
              + old.size());
        }
        for (int i = 0; i < old.size(); i++) {
          MediaDescription o = old.get(i);
          MediaDescription n = media.get(i);
          boolean recycled = SdpMedia.rejected(o);
          if (!recycled && (!o.media().equals(n.media())
              || !SdpMedia.mid(o, i).equals(SdpMedia.mid(n, i)))) {
            throw new InvalidAccessException("m-section " + i + " changed from " + o.media() + " mid "
                + SdpMedia.mid(o, i) + " to " + n.media() + " mid " + SdpMedia.mid(n, i));
          }
        }
      }
    }
  }

  private static void checkIceChars(String v, int min, String what) {
    if (v.length() < min || v.length() > 256) {
      throw new InvalidAccessException(what + " '" + v + "' must have " + min + " to 256 characters");
    }
    for (int i = 0; i < v.length(); i++) {
      if (ICE_CHARS.indexOf(v.charAt(i)) < 0) {
        throw new InvalidAccessException(what + " contains '" + v.charAt(i) + "'");
      }
    }
  }
}
