package dev.jrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over generated input, each case from a fixed seed so every run is the same:
 * model -> text -> model is the identity for descriptions built through the builders, and
 * arbitrary text (random characters, random bytes decoded as ISO-8859-1 and UTF-8, SDP-shaped
 * noise, mutated browser SDP) either parses and writes back byte for byte, or fails with
 * {@link SdpParseException}, never with another exception; typed views likewise.
 *
 * <p>Written with seeded {@link Random} and JUnit parameterized tests rather than jqwik: the jqwik
 * 1.10.1 engine on this machine prints a notice that AI agents must not use it, so this
 * AI-written test does not.
 */
class SdpProperties {

  private static final String[] FIXTURES = {
      "sdp/chromium156-offer-av.sdp", "sdp/chromium156-answer-av.sdp", "sdp/chromium156-offer-datachannel.sdp",
      "peers/firefox-offer.sdp", "peers/rfc8866-all-lines.sdp", "peers/odd-spacing.sdp"};

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  static LongStream fuzzSeeds() {
    return LongStream.range(0, 2000);
  }

  // ---- model -> text -> model ----

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void builtModelRoundTrips(long seed) {
    Random r = new Random(seed);
    Generated g = generate(r);
    SessionDescription built = g.description;
    String text = built.write();
    SessionDescription parsed = SessionDescription.parse(text);

    assertThat(parsed).isEqualTo(built);
    assertThat(parsed.write()).isEqualTo(text);
    assertThat(parsed.origin()).isEqualTo(built.origin());
    assertThat(parsed.sessionName()).isEqualTo(built.sessionName());
    assertThat(parsed.connection()).isEqualTo(built.connection());
    assertThat(parsed.bandwidths()).isEqualTo(built.bandwidths());
    assertThat(parsed.attributes()).isEqualTo(built.attributes()).isEqualTo(g.sessionAttributes);
    assertThat(parsed.lineEnding()).isEqualTo(built.lineEnding());
    assertThat(parsed.media()).isEqualTo(built.media());
    for (int i = 0; i < g.media.size(); i++) {
      GeneratedMedia gm = g.media.get(i);
      MediaDescription m = parsed.media().get(i);
      assertThat(m.media()).isEqualTo(gm.media);
      assertThat(m.port()).isEqualTo(gm.port);
      assertThat(m.proto()).isEqualTo(gm.proto);
      assertThat(m.formats()).isEqualTo(gm.formats);
      assertThat(m.attributes()).isEqualTo(built.media().get(i).attributes());
      assertThat(m.rtpMaps()).isEqualTo(gm.rtpMaps);
      assertThat(m.fmtps()).isEqualTo(gm.fmtps);
      assertThat(m.rtcpFeedbacks()).isEqualTo(gm.feedbacks);
      assertThat(m.extmaps()).isEqualTo(gm.extmaps);
      assertThat(m.candidates()).isEqualTo(gm.candidates);
      assertThat(m.ssrcs()).isEqualTo(gm.ssrcs);
      assertThat(m.rids()).isEqualTo(gm.rids);
      assertThat(m.msids()).isEqualTo(gm.msids);
      assertThat(m.mid()).contains(gm.mid);
      assertThat(m.direction()).isEqualTo(gm.direction);
    }
  }

  private record Generated(SessionDescription description, List<Attribute> sessionAttributes,
      List<GeneratedMedia> media) { }

  private static final class GeneratedMedia {
    String media;
    int port;
    String proto;
    List<String> formats;
    String mid;
    Optional<Direction> direction = Optional.empty();
    final List<RtpMap> rtpMaps = new ArrayList<>();
    final List<Fmtp> fmtps = new ArrayList<>();
    final List<RtcpFeedback> feedbacks = new ArrayList<>();
    final List<ExtMap> extmaps = new ArrayList<>();
    final List<Candidate> candidates = new ArrayList<>();
    final List<SsrcAttribute> ssrcs = new ArrayList<>();
    final List<Rid> rids = new ArrayList<>();
    final List<Msid> msids = new ArrayList<>();
  }

  private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+/{}*!#$%&'~";
  private static final String TEXT_CHARS = TOKEN_CHARS + "  \t:;=,\u00e9\u4e2d\u20ac";

  private static String token(Random r) {
    int n = 1 + r.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(TOKEN_CHARS.charAt(r.nextInt(TOKEN_CHARS.length())));
    }
    return sb.toString();
  }

  /** A token that cannot be mistaken for a list separator or a paused rid. */
  private static String word(Random r) {
    return token(r).replaceAll("[^a-zA-Z0-9]", "x");
  }

  private static String text(Random r) {
    int n = r.nextInt(20);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(TEXT_CHARS.charAt(r.nextInt(TEXT_CHARS.length())));
    }
    return sb.toString();
  }

  private static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  private static Generated generate(Random r) {
    SessionDescription.Builder b = SessionDescription.builder()
        .origin(new Origin(token(r), Long.toString(r.nextLong() & Long.MAX_VALUE), r.nextLong(), "IN",
            r.nextBoolean() ? "IP4" : "IP6", token(r)));
    if (r.nextBoolean()) {
      b.sessionName(text(r));
    }
    if (r.nextInt(4) == 0) {
      b.connection(new Connection("IN", "IP4", token(r)));
    }
    if (r.nextInt(4) == 0) {
      b.bandwidth(new Bandwidth(pick(r, List.of("AS", "TIAS", "CT")), r.nextInt(1_000_000)));
    }
    if (r.nextInt(4) == 0) {
      b.timing(r.nextInt(1 << 30), r.nextInt(1 << 30));
    }
    if (r.nextBoolean()) {
      b.lineEnding("\n");
    }
    List<Attribute> sessionAttributes = new ArrayList<>();
    int nAttributes = r.nextInt(6);
    for (int i = 0; i < nAttributes; i++) {
      Attribute a = r.nextInt(3) == 0 ? Attribute.flag(token(r).replace(":", "")) : new Attribute(
          token(r).replace(":", ""), text(r));
      sessionAttributes.add(a);
      b.attribute(a);
    }
    List<GeneratedMedia> media = new ArrayList<>();
    int nMedia = r.nextInt(4);
    for (int i = 0; i < nMedia; i++) {
      GeneratedMedia gm = generateMedia(r, i);
      media.add(gm);
      b.addMedia(buildMedia(r, gm));
    }
    return new Generated(b.build(), sessionAttributes, media);
  }

  private static GeneratedMedia generateMedia(Random r, int index) {
    GeneratedMedia gm = new GeneratedMedia();
    gm.media = pick(r, List.of("audio", "video", "application", "text", "x-" + word(r)));
    gm.port = r.nextInt(65536);
    gm.proto = pick(r, List.of("UDP/TLS/RTP/SAVPF", "RTP/AVP", "UDP/DTLS/SCTP", "DTLS/SCTP", token(r)));
    List<String> formats = new ArrayList<>();
    int nFormats = 1 + r.nextInt(5);
    for (int i = 0; i < nFormats; i++) {
      formats.add(Integer.toString(r.nextInt(128)));
    }
    gm.formats = formats;
    gm.mid = Integer.toString(index);
    for (String f : formats) {
      int pt = Integer.parseInt(f);
      gm.rtpMaps.add(new RtpMap(pt, word(r), 1 + r.nextInt(100_000),
          r.nextBoolean() ? OptionalInt.of(1 + r.nextInt(8)) : OptionalInt.empty()));
      if (r.nextBoolean()) {
        gm.fmtps.add(new Fmtp(pt, word(r) + "=" + r.nextInt(100) + ";" + word(r) + "=" + word(r)));
      }
      if (r.nextBoolean()) {
        gm.feedbacks.add(r.nextBoolean() ? new RtcpFeedback(pt, word(r))
            : new RtcpFeedback(pt, word(r), word(r) + " " + word(r)));
      }
    }
    for (int i = 0; i < r.nextInt(4); i++) {
      gm.extmaps.add(new ExtMap(1 + r.nextInt(255),
          r.nextBoolean() ? Optional.of(pick(r, List.of(Direction.values()))) : Optional.empty(),
          "urn:" + token(r), r.nextBoolean() ? Optional.of(word(r)) : Optional.empty()));
    }
    for (int i = 0; i < r.nextInt(4); i++) {
      List<Map.Entry<String, String>> ext = new ArrayList<>();
      for (int j = 0; j < r.nextInt(4); j++) {
        ext.add(Map.entry(pick(r, List.of("generation", "ufrag", "network-id", "x-" + word(r))), token(r)));
      }
      boolean related = r.nextBoolean();
      gm.candidates.add(new Candidate(word(r), 1 + r.nextInt(256), pick(r, List.of("udp", "tcp", "UDP")),
          r.nextLong() & 0xffffffffL, token(r), r.nextInt(65536), pick(r, List.of("host", "srflx", "prflx", "relay")),
          related ? Optional.of(token(r)) : Optional.empty(),
          related ? OptionalInt.of(r.nextInt(65536)) : OptionalInt.empty(),
          r.nextBoolean() ? Optional.of(pick(r, List.of("active", "passive", "so"))) : Optional.empty(), ext));
    }
    for (int i = 0; i < r.nextInt(4); i++) {
      gm.ssrcs.add(r.nextBoolean() ? new SsrcAttribute(r.nextLong() & 0xffffffffL, word(r), token(r) + text(r).strip() + token(r))
          : new SsrcAttribute(r.nextLong() & 0xffffffffL, word(r), Optional.empty()));
    }
    for (int i = 0; i < r.nextInt(3); i++) {
      gm.rids.add(new Rid(word(r), r.nextBoolean() ? "send" : "recv",
          r.nextBoolean() ? List.of() : List.of("max-width=" + r.nextInt(4000), "pt=" + r.nextInt(128))));
    }
    for (int i = 0; i < r.nextInt(3); i++) {
      gm.msids.add(r.nextBoolean() ? new Msid(token(r), token(r)) : new Msid(token(r), Optional.empty()));
    }
    if (r.nextBoolean()) {
      gm.direction = Optional.of(pick(r, List.of(Direction.values())));
    }
    return gm;
  }

  private static MediaDescription buildMedia(Random r, GeneratedMedia gm) {
    MediaDescription.Builder b = MediaDescription.builder(gm.media, gm.port, gm.proto, gm.formats);
    if (r.nextBoolean()) {
      b.connection(Connection.ip4(token(r)));
    }
    if (r.nextInt(4) == 0) {
      b.bandwidth(new Bandwidth("AS", r.nextInt(10_000)));
    }
    b.attribute("mid", gm.mid);
    gm.direction.ifPresent(d -> b.attribute(d.value()));
    gm.candidates.forEach(c -> b.attribute("candidate", c.toValue()));
    gm.extmaps.forEach(e -> b.attribute("extmap", e.toValue()));
    gm.msids.forEach(m -> b.attribute("msid", m.toValue()));
    gm.rtpMaps.forEach(m -> b.attribute("rtpmap", m.toValue()));
    gm.fmtps.forEach(m -> b.attribute("fmtp", m.toValue()));
    gm.feedbacks.forEach(m -> b.attribute("rtcp-fb", m.toValue()));
    gm.ssrcs.forEach(m -> b.attribute("ssrc", m.toValue()));
    gm.rids.forEach(m -> b.attribute("rid", m.toValue()));
    if (r.nextBoolean()) {
      b.attribute("x-" + word(r), text(r));
    }
    return b.build();
  }

  // ---- arbitrary input never throws anything but SdpParseException ----

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("fuzzSeeds")
  void arbitraryInputFailsOnlyWithSdpParseException(long seed) {
    Random r = new Random(seed);
    byte[] bytes = new byte[r.nextInt(300)];
    r.nextBytes(bytes);
    check(new String(bytes, StandardCharsets.ISO_8859_1));
    check(new String(bytes, StandardCharsets.UTF_8));
    check(randomChars(r));
    check(sdpShapedNoise(r));
    check(mutate(r, SdpTestFiles.resource(FIXTURES[r.nextInt(FIXTURES.length)])));
  }

  private static String randomChars(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(200);
    for (int i = 0; i < n; i++) {
      sb.append((char) (r.nextInt(4) == 0 ? r.nextInt(0x10000) : r.nextInt(128)));
    }
    return sb.toString();
  }

  /** Lines that look like SDP: a valid head, then random types and random (mostly plausible) values. */
  private static String sdpShapedNoise(Random r) {
    StringBuilder sb = new StringBuilder(r.nextBoolean() ? "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" : "");
    String[] attributes = {"rtpmap", "fmtp", "rtcp-fb", "extmap", "msid", "ssrc", "ssrc-group", "rid", "simulcast",
        "candidate", "fingerprint", "setup", "rtcp", "sctp-port", "max-message-size", "sctpmap", "group",
        "msid-semantic", "mid", "ice-options", "sendrecv"};
    int n = r.nextInt(30);
    for (int i = 0; i < n; i++) {
      char type = "vosiuepcbtrzkamxA1 ".charAt(r.nextInt(19));
      sb.append(type).append(r.nextInt(10) == 0 ? "" : "=");
      if (type == 'a') {
        sb.append(attributes[r.nextInt(attributes.length)]).append(r.nextBoolean() ? ":" : "");
      }
      int parts = r.nextInt(8);
      for (int p = 0; p < parts; p++) {
        sb.append(pick(r, List.of("0", "1", "65536", "-1", "4294967296", "99999999999999999999", "x", "IN", "IP4",
            "typ", "raddr", "rport", "send", "recv", "~a", ";", ",", "/", ":", "", " ", "\t", "\u00e9")));
        if (r.nextBoolean()) {
          sb.append(' ');
        }
      }
      sb.append(pick(r, List.of("\r\n", "\n", "\r", "", "\r\n\r\n")));
    }
    return sb.toString();
  }

  /** A browser SDP with a few random edits: deleted, inserted or replaced characters, dropped or repeated lines. */
  private static String mutate(Random r, String text) {
    StringBuilder sb = new StringBuilder(text);
    int edits = 1 + r.nextInt(5);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int at = r.nextInt(sb.length());
      switch (r.nextInt(5)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, pick(r, List.of(" ", ":", "/", "\r", "\n", "\0", "9", "x", "=", "\u00ff", "~")));
        case 2 -> sb.setCharAt(at, (char) r.nextInt(256));
        case 3 -> sb.setLength(at);
        default -> {
          int start = sb.lastIndexOf("\n", at) + 1;
          int end = sb.indexOf("\n", at);
          String line = sb.substring(start, end < 0 ? sb.length() : end + 1);
          sb.insert(start, line);
        }
      }
    }
    return sb.toString();
  }

  private static void check(String input) {
    SessionDescription d;
    try {
      d = SessionDescription.parse(input);
    } catch (SdpParseException expected) {
      assertThat(expected.reason()).isNotBlank();
      assertThat(expected.getMessage()).isNotBlank();
      return;
    } catch (RuntimeException e) {
      throw new AssertionError("parse threw " + e + " for input " + escape(input), e);
    }
    assertThat(d.write()).isEqualTo(input);
    view(input, d::version);
    view(input, d::origin);
    view(input, d::connection);
    view(input, d::bandwidths);
    view(input, d::timings);
    view(input, d::attributes);
    view(input, d::groups);
    view(input, d::bundleGroup);
    view(input, d::fingerprints);
    view(input, d::setup);
    view(input, d::msidSemantic);
    view(input, d::iceOptions);
    view(input, d::direction);
    for (MediaDescription m : d.media()) {
      view(input, m::connection);
      view(input, m::bandwidths);
      view(input, m::attributes);
      view(input, m::mid);
      view(input, m::direction);
      view(input, m::rtpMaps);
      view(input, () -> m.fmtps().stream().map(Fmtp::parameterMap).toList());
      view(input, m::rtcpFeedbacks);
      view(input, m::extmaps);
      view(input, m::msids);
      view(input, m::ssrcs);
      view(input, m::ssrcGroups);
      view(input, m::rids);
      view(input, m::simulcast);
      view(input, m::candidates);
      view(input, m::fingerprints);
      view(input, m::setup);
      view(input, m::rtcp);
      view(input, m::sctpPort);
      view(input, m::maxMessageSize);
      view(input, m::sctpmap);
      view(input, m::iceOptions);
      view(input, () -> m.toBuilder().build());
    }
    view(input, () -> d.toBuilder().build().write());
  }

  private static void view(String input, Supplier<?> view) {
    try {
      view.get();
    } catch (SdpParseException expected) {
      assertThat(expected.lineNumber()).isPositive();
    } catch (RuntimeException e) {
      fail("view threw " + e + " for input " + escape(input), e);
    }
  }

  private static String escape(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n\n");
  }
}
