package dev.jrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden SDP captured from Chromium 156 ({@code ../../shared/fixtures/sdp}, copied into
 * {@code src/test/resources/sdp}): parsed and written back byte for byte (RFC 8866 lossless round
 * trip), then checked field by field.
 */
class SdpGoldenTest {

  static final List<String> FIXTURES = List.of(
      "chromium156-answer-av.sdp",
      "chromium156-answer-datachannel.sdp",
      "chromium156-offer-av.initial.sdp",
      "chromium156-offer-av.sdp",
      "chromium156-offer-datachannel.initial.sdp",
      "chromium156-offer-datachannel.sdp");

  private static final Path SHARED = Paths.get("../../shared/fixtures/sdp");

  static Stream<String> fixtures() {
    return FIXTURES.stream();
  }

  /** Every file of the shared fixture directory, when it is there (it is outside the module). */
  static Stream<Path> sharedFixtures() throws IOException {
    if (!Files.isDirectory(SHARED)) {
      return Stream.empty();
    }
    try (Stream<Path> s = Files.list(SHARED)) {
      return s.filter(p -> p.toString().endsWith(".sdp")).sorted().collect(Collectors.toList()).stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void resourceRoundTripsByteForByte(String name) {
    String text = SdpTestFiles.resource("sdp/" + name);
    assertThat(text).contains("\r\n");
    SessionDescription d = SessionDescription.parse(text);
    assertThat(d.write()).isEqualTo(text);
    assertThat(d.toString()).isEqualTo(text);
    assertThat(d.toBuilder().build().write()).isEqualTo(text);
    assertThat(d.write().getBytes(StandardCharsets.UTF_8)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedFixtures")
  void sharedFixtureRoundTripsByteForByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(SessionDescription.parse(text).write().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
  }

  @Test
  void resourceCopiesMatchSharedFixtures() throws IOException {
    assumeTrue(Files.isDirectory(SHARED), "shared fixtures not present");
    List<String> shared;
    try (Stream<Path> s = Files.list(SHARED)) {
      shared = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sdp")).sorted()
          .collect(Collectors.toList());
    }
    assertThat(shared).containsExactlyElementsOf(FIXTURES);
    for (String name : FIXTURES) {
      assertThat(SdpTestFiles.resource("sdp/" + name))
          .isEqualTo(Files.readString(SHARED.resolve(name), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyTypedViewParses(String name) {
    SessionDescription d = SessionDescription.parse(SdpTestFiles.resource("sdp/" + name));
    assertThat(d.version()).isZero();
    assertThat(d.sessionName()).isEqualTo("-");
    assertThat(d.timings()).containsExactly(new Timing(0, 0));
    assertThat(d.extmapAllowMixed()).isTrue();
    assertThat(d.bundleGroup()).isPresent();
    assertThat(d.msidSemantic().orElseThrow().semantic()).isEqualTo("WMS");
    for (MediaDescription m : d.media()) {
      assertThat(m.mid()).isPresent();
      assertThat(m.iceUfrag()).isPresent();
      assertThat(m.icePwd()).isPresent();
      assertThat(m.iceOptions()).containsExactly("trickle");
      assertThat(m.fingerprints()).hasSize(1);
      assertThat(m.setup()).isPresent();
      m.rtpMaps();
      m.fmtps().forEach(Fmtp::parameterMap);
      m.rtcpFeedbacks();
      m.extmaps();
      m.msids();
      m.ssrcs();
      m.ssrcGroups();
      m.candidates();
      m.rtcp();
      m.sctpPort();
      m.maxMessageSize();
      // Each typed view renders back to the attribute text Chromium wrote.
      m.rtpMaps().forEach(r -> assertThat(m.attributeValues("rtpmap")).contains(r.toValue()));
      m.fmtps().forEach(f -> assertThat(m.attributeValues("fmtp")).contains(f.toValue()));
      m.rtcpFeedbacks().forEach(f -> assertThat(m.attributeValues("rtcp-fb")).contains(f.toValue()));
      m.extmaps().forEach(e -> assertThat(m.attributeValues("extmap")).contains(e.toValue()));
      m.candidates().forEach(c -> assertThat(m.attributeValues("candidate")).contains(c.toValue()));
      m.ssrcs().forEach(s -> assertThat(m.attributeValues("ssrc")).contains(s.toValue()));
      m.ssrcGroups().forEach(s -> assertThat(m.attributeValues("ssrc-group")).contains(s.toValue()));
      m.msids().forEach(s -> assertThat(m.attributeValues("msid")).contains(s.toValue()));
      m.fingerprints().forEach(s -> assertThat(m.attributeValues("fingerprint")).contains(s.toValue()));
      m.rtcp().ifPresent(r -> assertThat(m.attribute("rtcp")).contains(r.toValue()));
    }
    d.groups().forEach(g -> assertThat(d.attributeValues("group")).contains(g.toValue()));
    assertThat(d.attribute("msid-semantic")).contains(d.msidSemantic().orElseThrow().toValue());
    assertThat(d.origin().toValue()).isEqualTo(d.lines().get(1).value());
  }

  @Test
  void chromiumAudioVideoDataOffer() {
    SessionDescription d = SessionDescription.parse(SdpTestFiles.resource("sdp/chromium156-offer-av.sdp"));
    assertThat(d.origin()).isEqualTo(new Origin("-", "564520793517043801", 2, "IN", "IP4", "127.0.0.1"));
    assertThat(d.bundleGroup().orElseThrow().mids()).containsExactly("0", "1", "2");
    assertThat(d.msidSemantic().orElseThrow().ids()).containsExactly("dccf33ae-b000-4740-babe-4e576cbd7127");
    assertThat(d.media()).extracting(MediaDescription::media).containsExactly("audio", "video", "application");
    assertThat(d.media()).extracting(m -> m.mid().orElseThrow()).containsExactly("0", "1", "2");

    MediaDescription audio = d.media().get(0);
    assertThat(audio.port()).isEqualTo(37663);
    assertThat(audio.numberOfPorts()).isEmpty();
    assertThat(audio.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
    assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
    assertThat(audio.connection()).contains(Connection.ip4("127.0.0.1"));
    assertThat(audio.rtcp()).contains(new Rtcp(9, java.util.Optional.of(Connection.ip4("0.0.0.0"))));
    assertThat(audio.rtpMap(111)).contains(new RtpMap(111, "opus", 48000, OptionalInt.of(2)));
    assertThat(audio.fmtp(111).orElseThrow().parameterMap())
        .containsExactly(Map.entry("minptime", "10"), Map.entry("useinbandfec", "1"));
    assertThat(audio.rtcpFeedbacks()).containsExactly(new RtcpFeedback(111, "transport-cc"));
    assertThat(audio.direction()).contains(Direction.SENDRECV);
    assertThat(audio.rtcpMux()).isTrue();
    assertThat(audio.rtcpRsize()).isTrue();
    assertThat(audio.rtcpMuxOnly()).isFalse();
    assertThat(audio.iceUfrag()).contains("gFFo");
    assertThat(audio.icePwd()).contains("ngabRopcP4GTM5KkhzHQ2XV0");
    assertThat(audio.setup()).contains(Setup.ACTPASS);
    assertThat(audio.fingerprints()).containsExactly(new Fingerprint("sha-256",
        "C4:4C:46:52:47:7F:F7:5E:E8:69:24:B7:30:A2:70:AC:33:7B:D8:66:91:36:EB:73:42:A4:89:2C:ED:FF:5F:0C"));
    assertThat(audio.fingerprints().get(0).bytes()).hasSize(32).startsWith((byte) 0xC4, (byte) 0x4C);
    assertThat(audio.extmaps()).hasSize(4);
    assertThat(audio.extmaps().get(3)).isEqualTo(new ExtMap(4, "urn:ietf:params:rtp-hdrext:sdes:mid"));
    assertThat(audio.msids()).containsExactly(new Msid("dccf33ae-b000-4740-babe-4e576cbd7127",
        "c28a8491-69b2-466e-877d-36ecdae1cc53"));
    assertThat(audio.endOfCandidates()).isFalse();

    List<Candidate> candidates = audio.candidates();
    assertThat(candidates).hasSize(4);
    Candidate host = candidates.get(0);
    assertThat(host.foundation()).isEqualTo("1290814992");
    assertThat(host.component()).isEqualTo(1);
    assertThat(host.transport()).isEqualTo("udp");
    assertThat(host.priority()).isEqualTo(2122260223L);
    assertThat(host.address()).isEqualTo("127.0.0.1");
    assertThat(host.port()).isEqualTo(37663);
    assertThat(host.type()).isEqualTo("host");
    assertThat(host.relatedAddress()).isEmpty();
    assertThat(host.tcpType()).isEmpty();
    assertThat(host.extensions()).containsExactly(Map.entry("generation", "0"), Map.entry("network-id", "1"),
        Map.entry("network-cost", "50"));
    Candidate tcp = candidates.get(2);
    assertThat(tcp.transport()).isEqualTo("tcp");
    assertThat(tcp.port()).isEqualTo(9);
    assertThat(tcp.tcpType()).contains("active");
    assertThat(tcp.toValue()).isEqualTo("2992280196 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active"
        + " generation 0 network-id 1 network-cost 50");

    MediaDescription video = d.media().get(1);
    assertThat(video.rtpMap(96)).contains(new RtpMap(96, "VP8", 90000));
    assertThat(video.rtpMap(102)).contains(new RtpMap(102, "H264", 90000));
    assertThat(video.fmtp(102).orElseThrow().parameterMap())
        .containsEntry("profile-level-id", "42001f").containsEntry("packetization-mode", "1")
        .containsEntry("level-asymmetry-allowed", "1");
    assertThat(video.fmtp(97).orElseThrow().parameterMap()).containsExactly(Map.entry("apt", "96"));
    assertThat(video.rtpMaps()).filteredOn(r -> r.encodingName().equals("H264")).hasSize(6);
    assertThat(video.rtcpFeedbacks()).contains(new RtcpFeedback(96, "nack", "pli"), new RtcpFeedback(96, "ccm", "fir"));
    assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(3009746448L, 367683415L)));
    assertThat(video.ssrcs()).hasSize(4);
    assertThat(video.ssrcs().get(0)).isEqualTo(new SsrcAttribute(3009746448L, "cname", "8XLmGLBKeqSXQJ87"));
    assertThat(video.ssrcs().get(1).value()).contains(
        "dccf33ae-b000-4740-babe-4e576cbd7127 36346a9a-06ba-4567-b971-262873b11cf5");
    assertThat(video.extmaps()).extracting(ExtMap::id).containsExactly(14, 2, 13, 3, 5, 6, 7, 8, 4, 10, 11);

    MediaDescription data = d.media().get(2);
    assertThat(data.proto()).isEqualTo("UDP/DTLS/SCTP");
    assertThat(data.formats()).containsExactly("webrtc-datachannel");
    assertThat(data.sctpPort()).hasValue(5000);
    assertThat(data.maxMessageSize()).hasValue(262144);
    assertThat(data.sctpmap()).isEmpty();
    assertThat(data.rtpMaps()).isEmpty();
    assertThat(data.direction()).isEmpty();
  }

  @Test
  void chromiumAnswer() {
    SessionDescription d = SessionDescription.parse(SdpTestFiles.resource("sdp/chromium156-answer-av.sdp"));
    assertThat(d.media()).allSatisfy(m -> assertThat(m.setup()).contains(Setup.ACTIVE));
    MediaDescription audio = d.media().get(0);
    assertThat(audio.port()).isEqualTo(56807);
    assertThat(audio.candidates()).extracting(Candidate::address).containsExactly("127.0.0.1", "10.77.0.1");
    assertThat(audio.candidates().get(1).extensions()).containsExactly(Map.entry("generation", "0"),
        Map.entry("network-id", "2"));
    assertThat(audio.ssrcs()).containsExactly(new SsrcAttribute(3364326255L, "cname", "SMu/OZpcJJeX2rXH"));
    assertThat(d.media().get(1).connection()).contains(Connection.ip4("0.0.0.0"));
  }

  @Test
  void chromiumDataChannelOffer() {
    SessionDescription d = SessionDescription.parse(SdpTestFiles.resource("sdp/chromium156-offer-datachannel.sdp"));
    assertThat(d.msidSemantic()).contains(new MsidSemantic("WMS", List.of()));
    assertThat(d.attribute("msid-semantic")).contains(" WMS");
    assertThat(d.media()).hasSize(1);
    MediaDescription data = d.media().get(0);
    assertThat(data.candidates()).isNotEmpty();
    assertThat(data.sctpPort()).hasValue(5000);
    assertThat(data.setup()).contains(Setup.ACTPASS);
  }
}
