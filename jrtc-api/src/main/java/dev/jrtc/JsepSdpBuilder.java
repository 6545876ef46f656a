package dev.jrtc;

import dev.jrtc.sdp.Connection;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.Origin;
import dev.jrtc.sdp.SessionDescription;
import dev.jrtc.sdp.Simulcast;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the SDP of the offers and answers jrtc creates, in the shape Chromium 156 writes them
 * (compare {@code shared/fixtures/sdp/chromium156-*.initial.sdp}): BUNDLE, rtcp-mux, trickle ICE,
 * one sha-256 fingerprint, {@code a=setup:actpass} in offers and {@code active} in answers
 * (RFC 8829 §5.2.1, §5.3.1; RFC 8842 §5.2).
 */
final class JsepSdpBuilder {

  static final String RTP_PROTO = "UDP/TLS/RTP/SAVPF";
  static final String DATA_PROTO = "UDP/DTLS/SCTP";
  static final String DATA_FORMAT = "webrtc-datachannel";
  static final int SCTP_PORT = 5000;
  static final long MAX_MESSAGE_SIZE = 262144;

  /** ICE credentials and DTLS identity written into every m-section. */
  record Transport(String ufrag, String pwd, String fingerprint, String setup) {}

  private final SessionDescription.Builder session;
  private final List<MediaDescription> media = new ArrayList<>();
  private final List<String> bundle = new ArrayList<>();
  private final Set<String> streamIds = new LinkedHashSet<>();
  private final String cname;

  JsepSdpBuilder(String sessionId, long sessionVersion, String cname) {
    this.session = SessionDescription.builder()
        .origin(new Origin("-", sessionId, sessionVersion, "IN", "IP4", "127.0.0.1"))
        .sessionName("-")
        .timing(0, 0);
    this.cname = cname;
  }

  /** Adds an RTP m-section for a transceiver (RFC 8829 §5.2.1 / §5.3.1). */
  void addRtp(RTCRtpTransceiver t, String mid, List<Codec> codecs, List<HeaderExtension> extensions,
      RTCRtpTransceiverDirection direction, Transport tr, boolean rtcpRsize, boolean bundled,
      Simulcast offeredSimulcast) {
    List<String> formats = new ArrayList<>();
    codecs.forEach(c -> formats.add(Integer.toString(c.payloadType())));
    MediaDescription.Builder m = MediaDescription.builder(t.kind(), 9, RTP_PROTO, formats)
        .connection(Connection.ip4("0.0.0.0"))
        .attribute("rtcp", "9 IN IP4 0.0.0.0");
    transport(m, tr, mid);
    for (HeaderExtension e : extensions) {
      m.attribute("extmap", e.id() + " " + e.uri());
    }
    m.attribute(direction.value());
    RTCRtpSender sender = t.sender();
    boolean sending = SdpMedia.sends(direction);
    String trackId = sender.track() != null ? sender.track().id() : sender.senderId;
    if (sending) {
      // RFC 8830 §2: one a=msid per stream; "-" when the track is in no stream.
      if (sender.streamIds().isEmpty()) {
        m.attribute("msid", "- " + trackId);
      } else {
        for (String s : sender.streamIds()) {
          m.attribute("msid", s + " " + trackId);
          streamIds.add(s);
        }
      }
    }
    m.attribute("rtcp-mux");
    if (rtcpRsize) {
      m.attribute("rtcp-rsize");
    }
    for (Codec c : codecs) {
      m.attribute("rtpmap", c.payloadType() + " " + c.name() + "/" + c.clockRate()
          + (c.channels() > 0 ? "/" + c.channels() : ""));
      for (String fb : c.feedback()) {
        m.attribute("rtcp-fb", c.payloadType() + " " + fb);
      }
      if (!c.fmtp().isEmpty()) {
        m.attribute("fmtp", c.payloadType() + " " + c.fmtp());
      }
    }
    List<RTCRtpEncodingParameters> layers = sending && offeredSimulcast == null
        ? sender.simulcastEncodings() : List.of();
    if (!layers.isEmpty()) {
      // RFC 8853 §5 / RFC 8851: one a=rid per encoding and a=simulcast:send; the SSRCs are then
      // learnt from the rtp-stream-id header extension, so none is announced (as Chromium).
      List<String> streams = new ArrayList<>();
      for (RTCRtpEncodingParameters e : layers) {
        m.attribute("rid", e.rid() + " send");
        streams.add((e.active() ? "" : "~") + e.rid());
      }
      m.attribute("simulcast", "send " + String.join(";", streams));
    } else if (offeredSimulcast != null && !offeredSimulcast.send().isEmpty()) {
      // RFC 8853 §5.3: the answerer receives the offered layers: a=rid recv and a=simulcast:recv.
      List<String> streams = new ArrayList<>();
      for (List<Simulcast.Stream> alternatives : offeredSimulcast.send()) {
        List<String> alt = new ArrayList<>();
        for (Simulcast.Stream st : alternatives) {
          m.attribute("rid", st.rid() + " recv");
          alt.add(st.toValue());
        }
        streams.add(String.join(",", alt));
      }
      m.attribute("simulcast", "recv " + String.join(";", streams));
    } else if (sending && sender.track() != null) {
      boolean rtx = codecs.stream().anyMatch(Codec::isRtx);
      if (rtx) {
        m.attribute("ssrc-group", "FID " + sender.ssrc + " " + sender.rtxSsrc);
      }
      ssrcLines(m, sender.ssrc, sender, trackId);
      if (rtx) {
        ssrcLines(m, sender.rtxSsrc, sender, trackId);
      }
    }
    media.add(m.build());
    if (bundled) {
      bundle.add(mid);
    }
  }

  private void ssrcLines(MediaDescription.Builder m, long ssrc, RTCRtpSender sender, String trackId) {
    m.attribute("ssrc", ssrc + " cname:" + cname);
    if (sender.streamIds().isEmpty()) {
      m.attribute("ssrc", ssrc + " msid:- " + trackId);
    }
    for (String s : sender.streamIds()) {
      m.attribute("ssrc", ssrc + " msid:" + s + " " + trackId);
    }
  }

  /** Adds the data m-section (RFC 8841 §4.1: UDP/DTLS/SCTP webrtc-datachannel, sctp-port, max-message-size). */
  void addData(String mid, String proto, Transport tr, boolean bundled) {
    MediaDescription.Builder m = MediaDescription.builder("application", 9, proto, List.of(DATA_FORMAT))
        .connection(Connection.ip4("0.0.0.0"));
    transport(m, tr, mid);
    m.attribute("sctp-port", Integer.toString(SCTP_PORT));
    m.attribute("max-message-size", Long.toString(MAX_MESSAGE_SIZE));
    media.add(m.build());
    if (bundled) {
      bundle.add(mid);
    }
  }

  /** Adds a legacy data m-section ({@code DTLS/SCTP 5000} with {@code a=sctpmap}) answering an old peer. */
  void addLegacyData(String mid, Transport tr, boolean bundled) {
    MediaDescription.Builder m = MediaDescription.builder("application", 9, "DTLS/SCTP",
        List.of(Integer.toString(SCTP_PORT))).connection(Connection.ip4("0.0.0.0"));
    transport(m, tr, mid);
    m.attribute("sctpmap", SCTP_PORT + " webrtc-datachannel 1024");
    media.add(m.build());
    if (bundled) {
      bundle.add(mid);
    }
  }

  /** Adds a rejected m-section: port 0 (RFC 3264 §6; RFC 8829 §5.2.2, §5.3.1). */
  void addRejected(String kind, String proto, List<String> formats, String mid) {
    List<String> f = formats.isEmpty() ? List.of(kind.equals("application") ? DATA_FORMAT : "0") : formats;
    MediaDescription.Builder m = MediaDescription.builder(kind, 0, proto, f)
        .connection(Connection.ip4("0.0.0.0"))
        .attribute("mid", mid);
    if (!kind.equals("application")) {
      m.attribute("inactive");
      m.attribute("rtcp-mux");
    }
    media.add(m.build());
  }

  private static void transport(MediaDescription.Builder m, Transport tr, String mid) {
    m.attribute("ice-ufrag", tr.ufrag())
        .attribute("ice-pwd", tr.pwd())
        .attribute("ice-options", "trickle")
        .attribute("fingerprint", RTCCertificate.FINGERPRINT_HASH + " " + tr.fingerprint())
        .attribute("setup", tr.setup())
        .attribute("mid", mid);
  }

  /** The description's text, with {@code a=extmap-allow-mixed} when asked. */
  String build(boolean extmapAllowMixed) {
    if (!bundle.isEmpty()) {
      session.attribute("group", "BUNDLE " + String.join(" ", bundle));
    }
    if (extmapAllowMixed) {
      // RFC 8285 §6: offered by us always (as Chromium); in an answer only when offered.
      session.attribute("extmap-allow-mixed");
    }
    StringBuilder wms = new StringBuilder(" WMS");
    for (String s : streamIds) {
      wms.append(' ').append(s);
    }
    session.attribute("msid-semantic", wms.toString());
    session.media(media);
    return session.build().write();
  }
}
