package dev.jrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed attribute parsers: each canonical value parses to the expected record and renders
 * back to the same text; each malformed value fails with {@link SdpParseException} (line 0).
 */
class AttributeParsersTest {

  static Stream<Arguments> canonical() {
    return Stream.of(
        Arguments.of("rtpmap", (Function<String, ?>) RtpMap::parse, "111 opus/48000/2",
            new RtpMap(111, "opus", 48000, OptionalInt.of(2))),
        Arguments.of("rtpmap video", (Function<String, ?>) RtpMap::parse, "96 VP8/90000", new RtpMap(96, "VP8", 90000)),
        Arguments.of("fmtp", (Function<String, ?>) Fmtp::parse,
            "126 profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1",
            new Fmtp(126, "profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1")),
        Arguments.of("fmtp empty", (Function<String, ?>) Fmtp::parse, "96", new Fmtp(96, "")),
        Arguments.of("rtcp-fb", (Function<String, ?>) RtcpFeedback::parse, "96 nack pli", new RtcpFeedback(96, "nack", "pli")),
        Arguments.of("rtcp-fb wildcard", (Function<String, ?>) RtcpFeedback::parse, "* ccm tmmbr smaxpr=120",
            new RtcpFeedback("*", "ccm", Optional.of("tmmbr smaxpr=120"))),
        Arguments.of("extmap", (Function<String, ?>) ExtMap::parse, "2/recvonly urn:x:y ext attrs",
            new ExtMap(2, Optional.of(Direction.RECVONLY), "urn:x:y", Optional.of("ext attrs"))),
        Arguments.of("extmap two-byte id", (Function<String, ?>) ExtMap::parse, "255 urn:x", new ExtMap(255, "urn:x")),
        Arguments.of("msid", (Function<String, ?>) Msid::parse, "s t", new Msid("s", "t")),
        Arguments.of("msid stream only", (Function<String, ?>) Msid::parse, "-", new Msid("-", Optional.empty())),
        Arguments.of("ssrc", (Function<String, ?>) SsrcAttribute::parse, "4294967295 cname:a:b",
            new SsrcAttribute(4294967295L, "cname", "a:b")),
        Arguments.of("ssrc flag", (Function<String, ?>) SsrcAttribute::parse, "1 x-flag",
            new SsrcAttribute(1, "x-flag", Optional.empty())),
        Arguments.of("ssrc-group", (Function<String, ?>) SsrcGroup::parse, "SIM 1 2 3", new SsrcGroup("SIM", List.of(1L, 2L, 3L))),
        Arguments.of("group", (Function<String, ?>) Group::parse, "BUNDLE a b", new Group("BUNDLE", List.of("a", "b"))),
        Arguments.of("group LS", (Function<String, ?>) Group::parse, "LS", new Group("LS", List.of())),
        Arguments.of("rid", (Function<String, ?>) Rid::parse, "1 recv pt=96,97;max-fps=30",
            new Rid("1", "recv", List.of("pt=96,97", "max-fps=30"))),
        Arguments.of("rid bare", (Function<String, ?>) Rid::parse, "hi send", new Rid("hi", "send", List.of())),
        Arguments.of("simulcast", (Function<String, ?>) Simulcast::parse, "send 1,~2;3 recv 4",
            new Simulcast(List.of(List.of(new Simulcast.Stream("1", false), new Simulcast.Stream("2", true)),
                List.of(new Simulcast.Stream("3", false))), List.of(List.of(new Simulcast.Stream("4", false))))),
        Arguments.of("fingerprint", (Function<String, ?>) Fingerprint::parse, "sha-1 00:FF",
            new Fingerprint("sha-1", "00:FF")),
        Arguments.of("rtcp", (Function<String, ?>) Rtcp::parse, "9 IN IP4 0.0.0.0",
            new Rtcp(9, Optional.of(Connection.ip4("0.0.0.0")))),
        Arguments.of("rtcp port only", (Function<String, ?>) Rtcp::parse, "53020", new Rtcp(53020, Optional.empty())),
        Arguments.of("sctpmap", (Function<String, ?>) SctpMap::parse, "5000 webrtc-datachannel 1024",
            new SctpMap(5000, "webrtc-datachannel", OptionalInt.of(1024))),
        Arguments.of("sctpmap no streams", (Function<String, ?>) SctpMap::parse, "5000 webrtc-datachannel",
            new SctpMap(5000, "webrtc-datachannel", OptionalInt.empty())),
        Arguments.of("origin", (Function<String, ?>) Origin::parse, "- 18446744073709551615 18446744073709551615 IN IP6 ::1",
            new Origin("-", "18446744073709551615", -1L, "IN", "IP6", "::1")),
        Arguments.of("connection multicast", (Function<String, ?>) Connection::parse, "IN IP4 233.252.0.1/127/3",
            new Connection("IN", "IP4", "233.252.0.1/127/3")),
        Arguments.of("bandwidth", (Function<String, ?>) Bandwidth::parse, "TIAS:64000", new Bandwidth("TIAS", 64000)),
        Arguments.of("timing", (Function<String, ?>) Timing::parse, "3034423619 3042462419",
            new Timing(3034423619L, 3042462419L)),
        Arguments.of("candidate relay tcp", (Function<String, ?>) Candidate::parse,
            "3 2 tcp 41885439 198.51.100.9 3478 typ relay raddr 0.0.0.0 rport 0 tcptype passive generation 0",
            new Candidate("3", 2, "tcp", 41885439L, "198.51.100.9", 3478, "relay", Optional.of("0.0.0.0"),
                OptionalInt.of(0), Optional.of("passive"), List.of(Map.entry("generation", "0")))),
        Arguments.of("candidate mDNS", (Function<String, ?>) Candidate::parse,
            "1 1 udp 2113937151 5d3c1a0e-2f6b-4d0a-9c1e-7b2a8f3e4d5c.local 54321 typ host",
            new Candidate("1", 1, "udp", 2113937151L, "5d3c1a0e-2f6b-4d0a-9c1e-7b2a8f3e4d5c.local", 54321, "host",
                Optional.empty(), OptionalInt.empty(), Optional.empty(), List.of())),
        Arguments.of("attribute", (Function<String, ?>) Attribute::parse, "foo:bar:baz", new Attribute("foo", "bar:baz")),
        Arguments.of("attribute flag", (Function<String, ?>) Attribute::parse, "rtcp-mux", Attribute.flag("rtcp-mux")));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("canonical")
  void parsesAndRendersBack(String name, Function<String, ?> parser, String value, Object expected) throws Exception {
    Object parsed = parser.apply(value);
    assertThat(parsed).isEqualTo(expected);
    assertThat(expected.getClass().getMethod("toValue").invoke(expected)).isEqualTo(value);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of((Function<String, ?>) RtpMap::parse, "111", "rtpmap must be <payload type> <encoding>/<clock rate>"),
        Arguments.of((Function<String, ?>) RtpMap::parse, "128 opus/48000", "payload type is out of range (0..127)"),
        Arguments.of((Function<String, ?>) RtpMap::parse, "111 opus", "rtpmap encoding must be <name>/<clock rate>[/<parameters>]"),
        Arguments.of((Function<String, ?>) RtpMap::parse, "111 opus/0", "clock rate is out of range (1..2147483647)"),
        Arguments.of((Function<String, ?>) RtpMap::parse, "111 opus/48000/x", "channels is not a number"),
        Arguments.of((Function<String, ?>) RtpMap::parse, "111 opus/99999999999", "clock rate is out of range (1..2147483647)"),
        Arguments.of((Function<String, ?>) Fmtp::parse, "webrtc-datachannel max-message-size=1", "payload type is not a number"),
        Arguments.of((Function<String, ?>) RtcpFeedback::parse, "96", "rtcp-fb must be <payload type> <type> [<parameter>]"),
        Arguments.of((Function<String, ?>) ExtMap::parse, "0 urn:x", "extmap id is out of range (1..255, 4096..4351)"),
        Arguments.of((Function<String, ?>) ExtMap::parse, "1/sideways urn:x", "extmap direction is unknown"),
        Arguments.of((Function<String, ?>) ExtMap::parse, "1", "extmap must be <id>[/<direction>] <uri>"),
        Arguments.of((Function<String, ?>) Msid::parse, "", "msid must be <stream id> [<track id>]"),
        Arguments.of((Function<String, ?>) Msid::parse, "a b c", "msid must be <stream id> [<track id>]"),
        Arguments.of((Function<String, ?>) SsrcAttribute::parse, "-1 cname:x", "ssrc is not a number"),
        Arguments.of((Function<String, ?>) SsrcAttribute::parse, "1", "ssrc must be <ssrc-id> <attribute>[:<value>]"),
        Arguments.of((Function<String, ?>) SsrcGroup::parse, "FID 1 x", "ssrc is not a number"),
        Arguments.of((Function<String, ?>) Group::parse, " ", "group semantics is missing"),
        Arguments.of((Function<String, ?>) Rid::parse, "a both", "rid direction must be send or recv"),
        Arguments.of((Function<String, ?>) Simulcast::parse, "send", "simulcast must be send|recv <streams> [send|recv <streams>]"),
        Arguments.of((Function<String, ?>) Simulcast::parse, "send a recv b send c",
            "simulcast must be send|recv <streams> [send|recv <streams>]"),
        Arguments.of((Function<String, ?>) Simulcast::parse, "send a send b", "simulcast direction must be send or recv, once each"),
        Arguments.of((Function<String, ?>) Simulcast::parse, "send a;;b", "simulcast rid is empty"),
        Arguments.of((Function<String, ?>) Simulcast::parse, "send ~", "simulcast rid is empty"),
        Arguments.of((Function<String, ?>) Fingerprint::parse, "sha-256", "fingerprint must be <hash-func> <fingerprint>"),
        Arguments.of((Function<String, ?>) Rtcp::parse, "9 IN IP4", "rtcp must be <port> [<nettype> <addrtype> <address>]"),
        Arguments.of((Function<String, ?>) SctpMap::parse, "x webrtc-datachannel", "port is not a number"),
        Arguments.of((Function<String, ?>) Candidate::parse, "1 1 udp 1 1.1.1.1 9 typ", "candidate has fewer than 8 fields"),
        Arguments.of((Function<String, ?>) Candidate::parse, "1 1 udp 1 1.1.1.1 9 type host", "candidate lacks \"typ\""),
        Arguments.of((Function<String, ?>) Candidate::parse, "1 0 udp 1 1.1.1.1 9 typ host", "component id is out of range (1..256)"),
        Arguments.of((Function<String, ?>) Candidate::parse, "1 1 udp 4294967296 1.1.1.1 9 typ host",
            "priority is out of range (0..4294967295)"),
        Arguments.of((Function<String, ?>) Candidate::parse, "1 1 udp 1 1.1.1.1 9 typ host generation",
            "candidate extension attribute without value"),
        Arguments.of((Function<String, ?>) Candidate::parse, "1 1 udp 1 1.1.1.1 9 typ srflx raddr 1.1.1.1 rport x",
            "rport is not a number"),
        Arguments.of((Function<String, ?>) Candidate::parse, "1 1 udp 1 1.1.1.1 9 typ host\r\n", "value contains CR, LF or NUL"),
        Arguments.of((Function<String, ?>) Origin::parse, "- 1 18446744073709551616 IN IP4 x", "session version is out of range"),
        Arguments.of((Function<String, ?>) Bandwidth::parse, ":1", "bandwidth must be <type>:<value>"),
        Arguments.of((Function<String, ?>) Timing::parse, "0 -1", "stop time is not a number"),
        Arguments.of((Function<String, ?>) Setup::fromValue, "sideways", "unknown setup role"),
        Arguments.of((Function<String, ?>) Direction::fromValue, "sideways", "unknown direction"));
  }

  @ParameterizedTest(name = "[{1}] {2}")
  @MethodSource("malformed")
  void rejectsMalformed(Function<String, ?> parser, String value, String reason) {
    SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> parser.apply(value));
    assertThat(e).as("exception for %s", value).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.lineNumber()).isZero();
    assertThat(e.line()).isEqualTo(value);
  }

  @ParameterizedTest
  @EnumSource(Direction.class)
  void directionTokens(Direction d) {
    assertThat(Direction.fromValue(d.value())).isSameAs(d);
    assertThat(d.value()).isEqualTo(d.name().toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void setupTokens(Setup s) {
    assertThat(Setup.fromValue(s.value())).isSameAs(s);
    assertThat(Setup.parse(" " + s.toValue() + " ")).isSameAs(s);
    assertThat(s.value()).isEqualTo(s.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void candidateAcceptsPrefixAndKeepsUnknownExtensionsInOrder() {
    Candidate c = Candidate.parse("candidate:842163049 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 10.0.0.1"
        + " rport 50000 generation 0 ufrag EsAw network-id 3 network-cost 10 x-new yes");
    assertThat(c.extensions()).extracting(Map.Entry::getKey)
        .containsExactly("generation", "ufrag", "network-id", "network-cost", "x-new");
    assertThat(c.extension("network-cost")).contains("10");
    assertThat(c.extension("missing")).isEmpty();
    assertThat(c.toValue()).startsWith("842163049 1 udp").endsWith("x-new yes");
  }

  @Test
  void fmtpParameterMap() {
    assertThat(new Fmtp(111, "minptime=10; useinbandfec=1;;stereo").parameterMap())
        .containsExactly(Map.entry("minptime", "10"), Map.entry("useinbandfec", "1"), Map.entry("stereo", ""));
  }

  @Test
  void fingerprintBytes() {
    Fingerprint f = Fingerprint.of("sha-256", new byte[] {0x0a, (byte) 0xbc, (byte) 0xff});
    assertThat(f.value()).isEqualTo("0A:BC:FF");
    assertThat(f.bytes()).containsExactly(0x0a, 0xbc, 0xff);
    assertThat(new Fingerprint("sha-256", "0a:bc").bytes()).containsExactly(0x0a, 0xbc);
    assertThatThrownBy(() -> new Fingerprint("sha-256", "0A-BC").bytes()).isInstanceOf(SdpParseException.class);
    assertThatThrownBy(() -> new Fingerprint("sha-256", "0G:BC").bytes()).isInstanceOf(SdpParseException.class);
  }

  @Test
  void msidSemanticRendersLikeChromium() {
    assertThat(new MsidSemantic("WMS", List.of()).toValue()).isEqualTo(" WMS");
    assertThat(new MsidSemantic("WMS", List.of("a", "b")).toValue()).isEqualTo(" WMS a b");
    assertThat(MsidSemantic.parse("WMS *")).isEqualTo(new MsidSemantic("WMS", List.of("*")));
  }

  @Test
  void recordsRejectValuesThatWouldBreakTheLine() {
    assertThatThrownBy(() -> new RtpMap(200, "x", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Group("BUNDLE", List.of("a b"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Attribute("a", "x\ny")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Origin("-", "1", 1, "IN", "IP4", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SsrcAttribute(-1, "cname", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExtMap(15000, "urn:x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Simulcast(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
