package dev.jrtc.interop;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that two peers agree on what an offer/answer exchange negotiated, given the two SDPs and
 * each side's own view of its transceivers (W3C {@code getTransceivers()}).
 *
 * <p>For every m-section: same mid and kind in offer and answer (JSEP, RFC 8829 §5.3.1: the answer
 * has the offer's m-sections in order); for audio and video, each side has a transceiver with
 * that mid whose {@code currentDirection} is the answer's direction seen from that side (W3C
 * webrtc §4.4.1.6 "set the RTCSessionDescription": the answerer's currentDirection is the
 * answer's direction, the offerer's is its reverse), the answer's direction is one the offer
 * allows (RFC 8829 §5.3.1, RFC 3264 §6.1), the answer's codecs exist in the offer with the same
 * payload types (RFC 3264 §6.1), and each side's codecs (when its API reports them) are the
 * answer's for its sender and its own description's for its receiver, header extensions keep
 * the offer's IDs; for data, both sides keep the m-section with an {@code a=sctp-port}. Every
 * accepted m-section has ICE credentials (one ufrag per BUNDLE group), a fingerprint and the
 * DTLS setup role of its side; the answer bundles what it accepts.
 */
final class NegotiationCheck {

  private NegotiationCheck() {}

  /** One side: who it is (for messages) and its transceivers after the exchange. */
  record Side(String who, List<TransceiverView> transceivers) {}

  /**
   * Every disagreement found, as readable sentences; empty when the two sides agree.
   *
   * @param offer the SDP of the offer as the offerer made it
   * @param answer the SDP of the answer as the answerer made it
   */
  static List<String> disagreements(String offer, String answer, Side offerer, Side answerer) {
    List<String> problems = new ArrayList<>();
    SdpView o = SdpView.parse(offer);
    SdpView a = SdpView.parse(answer);
    if (o.sections().size() != a.sections().size()) {
      problems.add("the offer has " + o.sections().size() + " m-sections, the answer " + a.sections().size());
    }
    if (!new HashSet<>(o.bundleMids()).containsAll(a.bundleMids())) {
      problems.add("the answer's BUNDLE group " + a.bundleMids() + " has mids the offer's " + o.bundleMids() + " lacks");
    }
    for (SdpView view : List.of(o, a)) {
      List<String> outside = view.addressesOutsideNamespace();
      if (!outside.isEmpty()) {
        problems.add((view == o ? "the offer" : "the answer") + " has addresses outside the namespace: " + outside);
      }
    }
    checkTransport("the offer", o, true, problems);
    checkTransport("the answer", a, false, problems);
    int n = Math.min(o.sections().size(), a.sections().size());
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SdpView.Section os = o.sections().get(i);
      SdpView.Section as = a.sections().get(i);
      String where = "m-section " + i + " (mid " + os.mid() + ", " + os.kind() + ")";
      if (os.mid() == null || !os.mid().equals(as.mid())) {
        problems.add(where + ": the answer's mid is " + as.mid());
        continue;
      }
      if (!os.kind().equals(as.kind())) {
        problems.add(where + ": the answer's kind is " + as.kind());
        continue;
      }
      if (as.port() == 0) {
        problems.add(where + ": rejected in the answer (port 0)");
        continue;
      }
      accepted.add(as.mid());
      if (os.kind().equals("application")) {
        checkData(where, os, as, problems);
      } else {
        checkMedia(where, os, as, offerer, answerer, problems);
      }
    }
    // RFC 8843 §7.3.1: with max-bundle (jrtc's and Chromium's default) the answer bundles every
    // m-section it accepts.
    if (!o.bundleMids().isEmpty() && !new HashSet<>(a.bundleMids()).equals(new HashSet<>(accepted))) {
      problems.add("the answer's BUNDLE group " + a.bundleMids() + " is not its accepted mids " + accepted);
    }
    return problems;
  }

  /**
   * ICE and DTLS attributes every accepted m-section needs: ice-ufrag and ice-pwd (RFC 8839 §5.4),
   * the same ufrag for every section of a BUNDLE group (RFC 8843 §7.1.3, its transport is the
   * bundle's), a fingerprint (RFC 8122 §5), and setup actpass in an offer, active or passive in an
   * answer (RFC 8842 §5.2, §5.3).
   */
  private static void checkTransport(String which, SdpView sdp, boolean isOffer, List<String> problems) {
    Set<String> bundleUfrags = new java.util.TreeSet<>();
    for (SdpView.Section s : sdp.sections()) {
      if (s.port() == 0) {
        continue;
      }
      String where = which + " m-section " + s.index() + " (mid " + s.mid() + ")";
      if (s.attribute("ice-ufrag").size() != 1 || s.attribute("ice-pwd").size() != 1) {
        problems.add(where + ": needs one ice-ufrag and one ice-pwd, has " + s.attribute("ice-ufrag") + " / "
            + s.attribute("ice-pwd").size() + " ice-pwd");
      } else if (sdp.bundleMids().contains(s.mid())) {
        bundleUfrags.add(s.attribute("ice-ufrag").get(0));
      }
      if (s.attribute("fingerprint").isEmpty()) {
        problems.add(where + ": has no a=fingerprint");
      }
      List<String> setup = s.attribute("setup");
      boolean setupOk = isOffer ? setup.equals(List.of("actpass"))
          : setup.equals(List.of("active")) || setup.equals(List.of("passive"));
      if (!setupOk) {
        problems.add(where + ": a=setup is " + setup + ", expected " + (isOffer ? "actpass" : "active or passive"));
      }
    }
    if (bundleUfrags.size() > 1) {
      problems.add(which + ": the BUNDLE group's m-sections have different ice-ufrags " + bundleUfrags);
    }
  }

  private static void checkData(String where, SdpView.Section os, SdpView.Section as, List<String> problems) {
    if (!os.proto().equals(as.proto())) {
      problems.add(where + ": proto " + os.proto() + " in the offer, " + as.proto() + " in the answer");
    }
    if (os.attribute("sctp-port").isEmpty() || as.attribute("sctp-port").isEmpty()) {
      problems.add(where + ": a=sctp-port missing (offer " + os.attribute("sctp-port") + ", answer "
          + as.attribute("sctp-port") + ")");
    }
  }

  private static void checkMedia(String where, SdpView.Section os, SdpView.Section as, Side offerer, Side answerer,
      List<String> problems) {
    String answerDirection = as.direction();
    if (!allowedAnswer(os.direction(), answerDirection)) {
      problems.add(where + ": the offer says " + os.direction() + ", the answer " + answerDirection
          + ", which that offer does not allow (RFC 3264 §6.1)");
    }
    // Codecs of the answer must be codecs of the offer, with the same payload types.
    if (as.mediaCodecNames().isEmpty()) {
      problems.add(where + ": the answer lists no media codec: " + as.codecs());
    }
    for (TransceiverView.Codec codec : as.codecs()) {
      Optional<TransceiverView.Codec> offered =
          os.codecs().stream().filter(c -> c.payloadType() == codec.payloadType()).findFirst();
      if (offered.isEmpty()) {
        problems.add(where + ": the answer's payload type " + codec + " is not in the offer");
      } else if (!sameCodec(offered.get(), codec)) {
        problems.add(where + ": payload type " + codec.payloadType() + " is " + offered.get() + " in the offer but "
            + codec + " in the answer");
      }
    }
    // RFC 8829 §5.3.1 / RFC 8285 §6: the answer uses an offered header extension with the
    // offer's ID.
    Map<String, String> offeredExtensions = extensionIds(os);
    for (Map.Entry<String, String> e : extensionIds(as).entrySet()) {
      String offeredId = offeredExtensions.get(e.getKey());
      if (offeredId == null) {
        problems.add(where + ": the answer's header extension " + e.getKey() + " was not offered");
      } else if (!offeredId.equals(e.getValue())) {
        problems.add(where + ": header extension " + e.getKey() + " has ID " + offeredId + " in the offer, "
            + e.getValue() + " in the answer");
      }
    }
    checkSide(where, as, as, answerer, answerDirection, problems);
    checkSide(where, as, os, offerer, reverse(answerDirection), problems);
  }

  /**
   * @param localSection this side's own m-section (the offer for the offerer, the answer for the
   *     answerer): W3C webrtc §4.4.1.6 sets a receiver's [[ReceiveCodecs]] from the local
   *     description (the offerer stays ready to receive everything it offered) and a sender's
   *     [[SendCodecs]] from the answer.
   */
  private static void checkSide(String where, SdpView.Section answerSection, SdpView.Section localSection,
      Side side, String expectedCurrent, List<String> problems) {
    String mid = answerSection.mid();
    List<TransceiverView> matches = side.transceivers().stream().filter(t -> mid.equals(t.mid())).toList();
    if (matches.size() != 1) {
      problems.add(where + ": " + side.who() + " has " + matches.size() + " transceivers with mid " + mid
          + " (its transceivers: " + side.transceivers() + ")");
      return;
    }
    TransceiverView t = matches.get(0);
    if (t.kind() != null && !t.kind().equals(answerSection.kind())) {
      problems.add(where + ": " + side.who() + "'s transceiver " + mid + " is " + t.kind());
    }
    if (!expectedCurrent.equals(t.currentDirection())) {
      problems.add(where + ": " + side.who() + "'s currentDirection is " + t.currentDirection() + ", expected "
          + expectedCurrent + " (the answer says " + answerSection.direction() + ")");
    }
    // The codecs the side's API reports (sender while it sends, receiver while it receives):
    // the sender's are exactly the answer's, the receiver's exactly its own description's, in order.
    checkCodecs(where, side.who() + "'s sender codecs", t.senderCodecs(), answerSection, "the answer's", problems);
    checkCodecs(where, side.who() + "'s receiver codecs", t.receiverCodecs(), localSection,
        localSection == answerSection ? "the answer's" : "the offer's", problems);
    // The sender uses only header extensions of the answer, with the answer's IDs (RFC 8285 §6).
    // Not necessarily all of them: Chromium never sends toffset, for one.
    Set<String> answerExtensions = new java.util.TreeSet<>();
    extensionIds(answerSection).forEach((uri, id) -> answerExtensions.add(id + " " + uri));
    List<String> foreign = t.senderHeaderExtensions().stream().filter(e -> !answerExtensions.contains(e)).toList();
    if (!foreign.isEmpty()) {
      problems.add(where + ": " + side.who() + "'s sender header extensions " + foreign
          + " are not in the answer " + answerExtensions);
    }
  }

  private static void checkCodecs(String where, String what, List<TransceiverView.Codec> reported,
      SdpView.Section section, String sectionName, List<String> problems) {
    if (reported.isEmpty()) {
      return; // not reported (not sending/receiving, or an API without getParameters codecs)
    }
    List<String> expected = section.codecs().stream().map(NegotiationCheck::key).toList();
    List<String> keys = reported.stream().map(NegotiationCheck::key).toList();
    if (!keys.equals(expected)) {
      problems.add(where + ": " + what + " " + reported + " are not " + sectionName + " " + section.codecs());
    }
  }

  /** a=extmap:<id>[/<direction>] <uri> ... as uri -> id. */
  private static Map<String, String> extensionIds(SdpView.Section section) {
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    for (String value : section.attribute("extmap")) {
      String[] f = value.split(" ");
      if (f.length >= 2) {
        ids.put(f[1], f[0].split("/")[0]);
      }
    }
    return ids;
  }

  /** A codec as both SDP and getParameters() describe it: pt, mime (case-insensitive), rate, channels, fmtp. */
  static String key(TransceiverView.Codec c) {
    return c.payloadType() + " " + c.mimeType().toLowerCase(Locale.ROOT) + "/" + c.clockRate() + "/" + c.channels()
        + " " + normalizeFmtp(c.sdpFmtpLine());
  }

  private static boolean sameCodec(TransceiverView.Codec x, TransceiverView.Codec y) {
    return x.mimeType().equalsIgnoreCase(y.mimeType()) && x.clockRate() == y.clockRate() && x.channels() == y.channels();
  }

  /** fmtp parameters as a sorted set, so "a=1;b=2" and "b=2; a=1" compare equal. */
  private static String normalizeFmtp(String fmtp) {
    Set<String> parts = new java.util.TreeSet<>();
    for (String p : fmtp.split(";")) {
      if (!p.isBlank()) {
        parts.add(p.trim());
      }
    }
    return String.join(";", parts);
  }

  /** The direction seen from the other side (RFC 3264 §6.1). */
  static String reverse(String direction) {
    switch (direction) {
      case "sendonly": return "recvonly";
      case "recvonly": return "sendonly";
      default: return direction;
    }
  }

  /** RFC 3264 §6.1 / RFC 8829 §5.3.1: the answer directions an offer direction permits. */
  static boolean allowedAnswer(String offered, String answered) {
    switch (offered) {
      case "sendrecv": return true;
      case "sendonly": return answered.equals("recvonly") || answered.equals("inactive");
      case "recvonly": return answered.equals("sendonly") || answered.equals("inactive");
      case "inactive": return answered.equals("inactive");
      default: return false;
    }
  }
}
