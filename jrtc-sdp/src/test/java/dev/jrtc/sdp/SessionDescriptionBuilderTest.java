package dev.jrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Descriptions built through the builders are written canonically, the way Chromium writes the
 * same content, and edits through {@code toBuilder()} leave untouched lines byte for byte.
 */
class SessionDescriptionBuilderTest {

  private static Candidate hostCandidate(String foundation, String transport, long priority, String address, int port,
      String tcpType, String networkId, boolean cost) {
    List<Map.Entry<String, String>> ext = cost
        ? List.of(Map.entry("generation", "0"), Map.entry("network-id", networkId), Map.entry("network-cost", "50"))
        : List.of(Map.entry("generation", "0"), Map.entry("network-id", networkId));
    return new Candidate(foundation, 1, transport, priority, address, port, "host", Optional.empty(),
        OptionalInt.empty(), Optional.ofNullable(tcpType), ext);
  }

  @Test
  void buildsChromiumDataChannelOfferByteForByte() {
    MediaDescription.Builder m = MediaDescription.builder("application", 52010, "UDP/DTLS/SCTP",
            List.of("webrtc-datachannel"))
        .connection(Connection.ip4("127.0.0.1"));
    for (Candidate c : List.of(
        hostCandidate("1674767269", "udp", 2122260223L, "127.0.0.1", 52010, null, "1", true),
        hostCandidate("2509258389", "udp", 2122194687L, "10.77.0.1", 60788, null, "2", false),
        hostCandidate("488442173", "tcp", 1518280447L, "127.0.0.1", 9, "active", "1", true),
        hostCandidate("3948928013", "tcp", 1518214911L, "10.77.0.1", 9, "active", "2", false))) {
      m.attribute("candidate", c.toValue());
    }
    m.attribute("ice-ufrag", "Ug1u")
        .attribute("ice-pwd", "hOuVMWapSoQ4R67+5ehkauAr")
        .attribute("ice-options", "trickle")
        .attribute("fingerprint", new Fingerprint("sha-256",
            "5D:D6:FD:AB:B3:52:C2:D3:0E:7A:03:20:0D:E6:10:FA:2A:A7:F8:CA:8F:EB:2A:36:33:4B:4B:CC:BD:EC:16:29").toValue())
        .attribute("setup", Setup.ACTPASS.value())
        .attribute("mid", "0")
        .attribute("sctp-port", "5000")
        .attribute("max-message-size", "262144");
    SessionDescription d = SessionDescription.builder()
        .origin(new Origin("-", "381897115235951869", 2, "IN", "IP4", "127.0.0.1"))
        .attribute("group", new Group("BUNDLE", List.of("0")).toValue())
        .attribute("extmap-allow-mixed")
        .attribute("msid-semantic", new MsidSemantic("WMS", List.of()).toValue())
        .addMedia(m.build())
        .build();
    assertThat(d.write()).isEqualTo(SdpTestFiles.resource("sdp/chromium156-offer-datachannel.sdp"));
  }

  @Test
  void buildsChromiumAudioSectionByteForByte() {
    String fixture = SdpTestFiles.resource("sdp/chromium156-offer-av.initial.sdp");
    MediaDescription parsed = SessionDescription.parse(fixture).media().get(0);
    MediaDescription.Builder b = MediaDescription.builder("audio", 9, "UDP/TLS/RTP/SAVPF",
            List.of("111", "63", "9", "0", "8", "13", "110", "126"))
        .connection(Connection.ip4("0.0.0.0"))
        .attribute("rtcp", new Rtcp(9, Optional.of(Connection.ip4("0.0.0.0"))).toValue())
        .attribute("ice-ufrag", "gFFo")
        .attribute("ice-pwd", "ngabRopcP4GTM5KkhzHQ2XV0")
        .attribute("ice-options", "trickle")
        .attribute("fingerprint", parsed.fingerprints().get(0).toValue())
        .attribute("setup", Setup.ACTPASS.value())
        .attribute("mid", "0")
        .attribute("extmap", new ExtMap(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level").toValue())
        .attribute("extmap", new ExtMap(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time").toValue())
        .attribute("extmap", new ExtMap(3,
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01").toValue())
        .attribute("extmap", new ExtMap(4, "urn:ietf:params:rtp-hdrext:sdes:mid").toValue())
        .attribute(Direction.SENDRECV.value())
        .attribute("msid", new Msid("dccf33ae-b000-4740-babe-4e576cbd7127", "c28a8491-69b2-466e-877d-36ecdae1cc53")
            .toValue())
        .attribute("rtcp-mux")
        .attribute("rtcp-rsize")
        .attribute("rtcp-xr", "rcvr-rtt=all")
        .attribute("rtpmap", new RtpMap(111, "opus", 48000, OptionalInt.of(2)).toValue())
        .attribute("rtcp-fb", new RtcpFeedback(111, "transport-cc").toValue())
        .attribute("fmtp", new Fmtp(111, "minptime=10;useinbandfec=1").toValue())
        .attribute("rtpmap", new RtpMap(63, "red", 48000, OptionalInt.of(2)).toValue())
        .attribute("fmtp", new Fmtp(63, "111/111").toValue())
        .attribute("rtpmap", new RtpMap(9, "G722", 8000).toValue())
        .attribute("rtpmap", new RtpMap(0, "PCMU", 8000).toValue())
        .attribute("rtpmap", new RtpMap(8, "PCMA", 8000).toValue())
        .attribute("rtpmap", new RtpMap(13, "CN", 8000).toValue())
        .attribute("rtpmap", new RtpMap(110, "telephone-event", 48000).toValue())
        .attribute("rtpmap", new RtpMap(126, "telephone-event", 8000).toValue())
        .attribute("ssrc", new SsrcAttribute(2386923658L, "cname", "8XLmGLBKeqSXQJ87").toValue())
        .attribute("ssrc", new SsrcAttribute(2386923658L, "msid",
            "dccf33ae-b000-4740-babe-4e576cbd7127 c28a8491-69b2-466e-877d-36ecdae1cc53").toValue());
    MediaDescription built = b.build();
    assertThat(built).isEqualTo(parsed);
    assertThat(built.toString()).isEqualTo(parsed.toString());
    int start = fixture.indexOf("m=audio");
    assertThat(fixture.substring(start, fixture.indexOf("m=video"))).isEqualTo(built.toString());
  }

  @Test
  void builderDefaults() {
    SessionDescription d = SessionDescription.builder()
        .origin(new Origin("-", "1", 2, "IN", "IP4", "127.0.0.1"))
        .build();
    assertThat(d.write()).isEqualTo("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
    assertThat(d.lineEnding()).isEqualTo("\r\n");
    assertThat(SessionDescription.parse(d.write())).isEqualTo(d);
  }

  @Test
  void originIsRequired() {
    assertThatThrownBy(() -> SessionDescription.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("o=");
  }

  @Test
  void linesGoWhereRfc8866OrdersThem() {
    SessionDescription d = SessionDescription.builder()
        .attribute("ice-lite")
        .timing(5, 6)
        .bandwidth(new Bandwidth("AS", 100))
        .connection(Connection.ip4("1.2.3.4"))
        .sessionName("call")
        .sessionInformation("info")
        .origin(new Origin("u", "1", 2, "IN", "IP4", "127.0.0.1"))
        .lineEnding("\n")
        .addMedia(MediaDescription.builder("audio", 9, "RTP/AVP", List.of("0"))
            .attribute("sendonly")
            .bandwidth(new Bandwidth("TIAS", 64000))
            .connection(Connection.ip6("::1"))
            .information("voice")
            .build())
        .build();
    assertThat(d.write()).isEqualTo("v=0\no=u 1 2 IN IP4 127.0.0.1\ns=call\ni=info\nc=IN IP4 1.2.3.4\nb=AS:100\n"
        + "t=5 6\na=ice-lite\nm=audio 9 RTP/AVP 0\ni=voice\nc=IN IP6 ::1\nb=TIAS:64000\na=sendonly\n");
    SessionDescription again = SessionDescription.parse(d.write());
    assertThat(again).isEqualTo(d);
    assertThat(again.bandwidths()).containsExactly(new Bandwidth("AS", 100));
    assertThat(again.media().get(0).direction()).contains(Direction.SENDONLY);
  }

  @Test
  void toBuilderEditsOnlyWhatItTouches() {
    String text = "v=0\r\no=-  1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=x-odd:  keep  me \r\n"
        + "m=audio 9 RTP/AVP 0\na=sendrecv\na=mid: 0\r\na=foo:1\r\na=foo:2\n";
    SessionDescription d = SessionDescription.parse(text);
    MediaDescription m = d.media().get(0).toBuilder()
        .setAttribute("foo", "3")
        .removeAttributes("sendrecv")
        .attribute("recvonly")
        .build();
    String out = d.toBuilder().media(List.of(m)).attribute("extmap-allow-mixed").build().write();
    assertThat(out).isEqualTo("v=0\r\no=-  1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=x-odd:  keep  me \r\n"
        + "a=extmap-allow-mixed\r\nm=audio 9 RTP/AVP 0\na=mid: 0\r\na=foo:3\r\na=recvonly\r\n");

    // Changing the m= line fields rewrites that line canonically and keeps its terminator.
    MediaDescription ported = d.media().get(0).toBuilder().port(5004).build();
    assertThat(ported.port()).isEqualTo(5004);
    assertThat(d.toBuilder().media(List.of(ported)).build().write())
        .contains("m=audio 5004 RTP/AVP 0\na=sendrecv\n");

    // An explicit line ending rewrites every terminator.
    assertThat(d.toBuilder().lineEnding("\r\n").build().write()).doesNotContain("\r\r").
        isEqualTo(text.replace("\r\n", "\n").replace("\n", "\r\n"));
  }

  @Test
  void missingFinalNewlineGetsOneWhenLinesFollow() {
    SessionDescription d = SessionDescription.parse("v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0");
    assertThat(d.write()).isEqualTo("v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0");
    assertThat(d.toBuilder().attribute("ice-lite").build().write())
        .isEqualTo("v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\na=ice-lite\n");
  }

  @Test
  void bandwidthAndConnectionReplaceInPlace() {
    SessionDescription d = SessionDescription.parse(
        "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 1.1.1.1\r\nb=AS:1\r\nb=TIAS:9\r\nt=0 0\r\n");
    String out = d.toBuilder().bandwidth(new Bandwidth("TIAS", 10)).connection(Connection.ip4("2.2.2.2"))
        .timing(1, 2).sessionName("x").build().write();
    assertThat(out).isEqualTo("v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=x\r\nc=IN IP4 2.2.2.2\r\nb=AS:1\r\nb=TIAS:10\r\n"
        + "t=1 2\r\n");
  }

  @Test
  void mediaBuilderFields() {
    MediaDescription m = MediaDescription.builder("video", 9, "UDP/TLS/RTP/SAVPF", List.of("96"))
        .numberOfPorts(2)
        .proto("RTP/AVPF")
        .formats(List.of("96", "97"))
        .attribute(new Attribute("mid", "1"))
        .setAttribute("mid", "2")
        .build();
    assertThat(m.toString()).isEqualTo("m=video 9/2 RTP/AVPF 96 97\r\na=mid:2\r\n");
    assertThat(m.numberOfPorts()).hasValue(2);
    assertThat(m.mid()).contains("2");
    assertThat(m.toBuilder().build()).isEqualTo(m);
    assertThatThrownBy(() -> MediaDescription.builder("video", 70000, "RTP/AVP", List.of("0")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MediaDescription.builder("video", 9, "RTP/AVP", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.toBuilder().attribute("bad name", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.toBuilder().attribute("ok", "line\r\nbreak"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void candidateBuiltWithExtensionsAndRelatedAddress() {
    Candidate c = new Candidate("842163049", 1, "udp", 1677729535L, "203.0.113.7", 61000, "srflx",
        Optional.of("10.77.0.1"), OptionalInt.of(50000), Optional.empty(),
        List.of(new SimpleEntry<>("generation", "0"), new SimpleEntry<>("ufrag", "Ug1u")));
    assertThat(c.toValue()).isEqualTo(
        "842163049 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 10.77.0.1 rport 50000 generation 0 ufrag Ug1u");
    assertThat(Candidate.parse(c.toValue())).isEqualTo(c);
    assertThat(Candidate.parse("candidate:" + c.toValue())).isEqualTo(c);
    assertThat(c.extension("ufrag")).contains("Ug1u");
  }
}
