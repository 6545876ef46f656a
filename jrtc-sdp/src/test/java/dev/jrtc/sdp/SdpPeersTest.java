package dev.jrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SDP in the styles of other peers (Firefox, aiortc, Pion, a legacy sctpmap peer, the RFC 8866
 * §5 line types) and with odd line endings and spacing: every one round trips byte for byte and
 * its fields read as written.
 */
class SdpPeersTest {

  static Stream<String> peers() {
    return Stream.of("firefox-offer.sdp", "aiortc-offer.sdp", "legacy-sctpmap.sdp", "pion-answer-lf.sdp",
        "rfc8866-all-lines.sdp", "odd-spacing.sdp");
  }

  private static SessionDescription parse(String name) {
    return SessionDescription.parse(SdpTestFiles.resource("peers/" + name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("peers")
  void roundTripsByteForByte(String name) {
    String text = SdpTestFiles.resource("peers/" + name);
    SessionDescription d = SessionDescription.parse(text);
    assertThat(d.write()).isEqualTo(text);
    assertThat(d.toBuilder().build().write()).isEqualTo(text);
    assertThat(SessionDescription.parse(d.write())).isEqualTo(d);
  }

  @ParameterizedTest(name = "{0} with LF, CRLF, mixed, no final newline, trailing blank lines")
  @MethodSource("peers")
  void lineEndingVariantsRoundTrip(String name) {
    String text = SdpTestFiles.resource("peers/" + name);
    String lf = text.replace("\r\n", "\n");
    String crlf = lf.replace("\n", "\r\n");
    StringBuilder mixed = new StringBuilder();
    String[] lines = lf.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      mixed.append(lines[i]);
      if (i < lines.length - 1) {
        mixed.append(i % 3 == 0 ? "\n" : "\r\n");
      }
    }
    String noFinal = crlf.endsWith("\r\n") ? crlf.substring(0, crlf.length() - 2) : crlf;
    for (String variant : List.of(lf, crlf, mixed.toString(), noFinal, crlf + "\r\n", lf + "\n  \n", noFinal + "\n")) {
      assertThat(SessionDescription.parse(variant).write()).isEqualTo(variant);
    }
  }

  @Test
  void firefoxOffer() {
    SessionDescription d = parse("firefox-offer.sdp");
    assertThat(d.origin().username()).isEqualTo("mozilla...THIS_IS_SDPARTA-153.0");
    assertThat(d.origin().sessionVersion()).isZero();
    assertThat(d.msidSemantic()).contains(new MsidSemantic("WMS", List.of("*")));
    assertThat(d.attribute("msid-semantic")).contains("WMS *");
    assertThat(d.fingerprints()).hasSize(1);
    assertThat(d.fingerprints().get(0).hashFunction()).isEqualTo("sha-256");
    assertThat(d.iceOptions()).containsExactly("trickle");
    assertThat(d.direction()).contains(Direction.SENDRECV);
    assertThat(d.extmapAllowMixed()).isFalse();

    MediaDescription audio = d.media().get(0);
    assertThat(audio.extmaps().get(1)).isEqualTo(new ExtMap(2, Optional.of(Direction.RECVONLY),
        "urn:ietf:params:rtp-hdrext:csrc-audio-level", Optional.empty()));
    assertThat(audio.rtpMap(9)).contains(new RtpMap(9, "G722", 8000, OptionalInt.of(1)));
    assertThat(audio.fmtp(101).orElseThrow().parameterMap()).containsExactly(Map.entry("0-15", ""));
    assertThat(audio.msids().get(0).streamId()).isEqualTo("{5f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}");
    assertThat(audio.endOfCandidates()).isTrue();
    List<Candidate> c = audio.candidates();
    assertThat(c).hasSize(3);
    assertThat(c.get(0).transport()).isEqualTo("UDP");
    assertThat(c.get(1).tcpType()).contains("active");
    assertThat(c.get(2).type()).isEqualTo("srflx");
    assertThat(c.get(2).relatedAddress()).contains("10.77.0.1");
    assertThat(c.get(2).relatedPort()).hasValue(54321);
    assertThat(c.get(2).toValue()).isEqualTo("2 1 UDP 1686052863 203.0.113.5 54321 typ srflx raddr 10.77.0.1 rport 54321");

    MediaDescription video = d.media().get(1);
    assertThat(video.port()).isZero();
    assertThat(video.hasAttribute("bundle-only")).isTrue();
    assertThat(video.fmtp(126).orElseThrow().parameters())
        .isEqualTo("profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1");
    assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(3286534453L, 1047397245L)));
    assertThat(video.rids()).containsExactly(
        new Rid("a", "send", List.of("max-width=1280")),
        new Rid("b", "send", List.of("max-width=640", "max-height=360")),
        new Rid("c", "send", List.of("max-width=320")));
    Simulcast s = video.simulcast().orElseThrow();
    assertThat(s.send()).containsExactly(List.of(new Simulcast.Stream("a", false)),
        List.of(new Simulcast.Stream("b", false)), List.of(new Simulcast.Stream("c", true)));
    assertThat(s.recv()).isEmpty();
    assertThat(s.toValue()).isEqualTo("send a;b;~c");
    RtcpFeedback wildcard = video.rtcpFeedbacks().get(5);
    assertThat(wildcard.isWildcard()).isTrue();
    assertThat(wildcard.type()).isEqualTo("ccm");
    assertThat(wildcard.parameter()).contains("tmmbr smaxpr=120");

    MediaDescription data = d.media().get(2);
    assertThat(data.maxMessageSize()).hasValue(1073741823L);
  }

  @Test
  void aiortcOffer() {
    SessionDescription d = parse("aiortc-offer.sdp");
    assertThat(d.origin().sessionId()).isEqualTo("3973419843");
    MediaDescription data = d.media().get(0);
    assertThat(data.port()).isEqualTo(46721);
    assertThat(data.sctpPort()).hasValue(5000);
    assertThat(data.maxMessageSize()).hasValue(65536);
    assertThat(data.sctpmap()).isEmpty();
    assertThat(data.fingerprints()).extracting(Fingerprint::hashFunction).containsExactly("sha-256", "sha-384");
    assertThat(data.fingerprints().get(1).bytes()).hasSize(48);
    assertThat(data.candidates()).hasSize(2);
    assertThat(data.candidates().get(1).relatedPort()).hasValue(46721);
    assertThat(data.endOfCandidates()).isTrue();
  }

  @Test
  void legacySctpmap() {
    MediaDescription data = parse("legacy-sctpmap.sdp").media().get(0);
    assertThat(data.proto()).isEqualTo("DTLS/SCTP");
    assertThat(data.formats()).containsExactly("5000");
    assertThat(data.sctpmap()).contains(new SctpMap(5000, "webrtc-datachannel", OptionalInt.of(1024)));
    assertThat(data.sctpPort()).isEmpty();
    assertThat(data.mid()).contains("data");
  }

  @Test
  void pionAnswerWithLfOnly() {
    String text = SdpTestFiles.resource("peers/pion-answer-lf.sdp");
    assertThat(text).doesNotContain("\r");
    SessionDescription d = SessionDescription.parse(text);
    assertThat(d.lineEnding()).isEqualTo("\n");
    assertThat(d.iceLite()).isTrue();
    assertThat(d.extmapAllowMixed()).isTrue();
    assertThat(d.fingerprints()).hasSize(1);
    MediaDescription audio = d.media().get(0);
    assertThat(audio.direction()).contains(Direction.SENDONLY);
    assertThat(audio.rtcpFeedbacks()).containsExactly(new RtcpFeedback(111, "transport-cc"));
    assertThat(audio.candidates()).extracting(Candidate::component).containsExactly(1, 2);
    assertThat(audio.ssrcs()).extracting(SsrcAttribute::attribute).containsExactly("cname", "msid", "mslabel", "label");
    // A line added to an LF description through toBuilder() gets LF too.
    String added = d.toBuilder().attribute("ice-options", "trickle").build().write();
    assertThat(added).doesNotContain("\r").contains("a=ice-options:trickle\n");
  }

  @Test
  void rfc8866LineTypes() {
    SessionDescription d = parse("rfc8866-all-lines.sdp");
    assertThat(d.sessionName()).isEqualTo("Call to John Smith");
    assertThat(d.sessionInformation()).contains("SDP Offer #1");
    assertThat(d.uri()).contains("http://www.jdoe.example.com/home.html");
    assertThat(d.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>");
    assertThat(d.phoneNumbers()).containsExactly("+1 617 555-6011");
    assertThat(d.connection()).contains(Connection.ip4("198.51.100.1"));
    assertThat(d.bandwidths()).containsExactly(new Bandwidth("AS", 2000));
    assertThat(d.timings()).containsExactly(new Timing(2873397496L, 2873404696L));
    assertThat(d.direction()).contains(Direction.RECVONLY);
    assertThat(d.attribute("x-unknown-session-attribute")).contains("42 and   some\ttext");
    assertThat(d.media()).hasSize(3);
    assertThat(d.media().get(0).information()).contains("the audio");
    assertThat(d.media().get(0).connection()).isEmpty();
    assertThat(d.media().get(1).numberOfPorts()).hasValue(2);
    assertThat(d.media().get(1).bandwidths()).containsExactly(new Bandwidth("TIAS", 64000));
    MediaDescription video = d.media().get(2);
    assertThat(video.connection()).contains(Connection.ip6("2001:db8::2"));
    assertThat(video.rtpMap(99)).contains(new RtpMap(99, "h263-1998", 90000));
    assertThat(video.hasAttribute("x-unknown")).isTrue();
    assertThat(video.attribute("x-unknown")).contains("");
    assertThat(d.write()).endsWith("Q=an upper-case unknown line");
  }

  @Test
  void oddSpacing() {
    SessionDescription d = parse("odd-spacing.sdp");
    assertThat(d.version()).isZero();
    assertThat(d.origin()).isEqualTo(new Origin("-", "1", 2, "IN", "IP4", "127.0.0.1"));
    assertThat(d.sessionName()).isEqualTo(" ");
    assertThat(d.bundleGroup().orElseThrow().mids()).containsExactly("0");
    assertThat(d.msidSemantic()).contains(new MsidSemantic("WMS", List.of()));
    assertThat(d.iceOptions()).containsExactly("trickle", "renomination");
    MediaDescription audio = d.media().get(0);
    assertThat(audio.formats()).containsExactly("111", "0");
    assertThat(audio.mid()).contains("0");
    assertThat(audio.rtpMap(111)).contains(new RtpMap(111, "opus", 48000, OptionalInt.of(2)));
    assertThat(audio.fmtp(111).orElseThrow().parameterMap())
        .containsExactly(Map.entry("minptime", "10"), Map.entry("useinbandfec", "1"));
    assertThat(audio.rtcpFeedbacks()).containsExactly(new RtcpFeedback(111, "nack", "pli"));
    assertThat(audio.ssrcs()).containsExactly(new SsrcAttribute(1, "cname", "x y"));
    assertThat(audio.candidates().get(0).extensions()).containsExactly(Map.entry("generation", "0"));
    assertThat(audio.setup()).contains(Setup.PASSIVE);
    assertThat(audio.direction()).contains(Direction.SENDRECV);
    assertThat(audio.hasAttribute("sendrecv")).isTrue();
    assertThat(audio.attributes()).contains(Attribute.flag("sendrecv"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=msid-semantic: WMS x", "a=msid-semantic:WMS", "a=msid-semantic:  WMS  a b "})
  void msidSemanticSpellings(String line) {
    String text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" + line + "\r\n";
    SessionDescription d = SessionDescription.parse(text);
    assertThat(d.write()).isEqualTo(text);
    assertThat(d.msidSemantic().orElseThrow().semantic()).isEqualTo("WMS");
  }

  @Test
  void mediaLineWithoutFormatsIsAccepted() {
    // RFC 8866 §5.14 wants a format, but such m= lines are seen in the wild (str0m accepts them).
    String text = "v=0\r\no=- 1 3 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF\r\n"
        + "c=IN IP4 0.0.0.0\r\na=inactive\r\na=mid:0\r\n";
    SessionDescription d = SessionDescription.parse(text);
    assertThat(d.write()).isEqualTo(text);
    assertThat(d.media().get(0).formats()).isEmpty();
    assertThat(d.media().get(0).direction()).contains(Direction.INACTIVE);
  }

  @Test
  void unknownLinesAndAttributesAnywhere() {
    String text = "v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nx=before timing\nt=0 0\na=foo:bar:baz\na=flag\n"
        + "m=audio 9 RTP/AVP 0\ny=unknown in media\na=x-google-flag:conference\na=weird:  spaced   value  \n";
    SessionDescription d = SessionDescription.parse(text);
    assertThat(d.write()).isEqualTo(text);
    assertThat(d.attribute("foo")).contains("bar:baz");
    assertThat(d.attributes()).containsExactly(new Attribute("foo", "bar:baz"), Attribute.flag("flag"));
    assertThat(d.media().get(0).attribute("weird")).contains("  spaced   value  ");
  }
}
