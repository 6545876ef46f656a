package dev.jrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed SDP (RFC 8866 §5 structure and field syntax) is rejected with an
 * {@link SdpParseException} naming the 1-based line, its text and the reason.
 */
class SdpParseErrorTest {

  private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", "", 0, "", "SDP is empty"),
        Arguments.of("only newlines", "\r\n\r\n", 0, "", "SDP is empty"),
        Arguments.of("first line not v=", "o=- 1 2 IN IP4 127.0.0.1\r\n", 1, "o=- 1 2 IN IP4 127.0.0.1",
            "expected v= line"),
        Arguments.of("version not a number", "v=x\r\no=- 1 2 IN IP4 1.1.1.1\r\ns=-\r\nt=0 0\r\n", 1, "v=x",
            "version is not a number"),
        Arguments.of("version 1", "v=1\r\no=- 1 2 IN IP4 1.1.1.1\r\ns=-\r\nt=0 0\r\n", 1, "v=1",
            "version is out of range (0..0)"),
        Arguments.of("no o=", "v=0\r\ns=-\r\nt=0 0\r\n", 2, "s=-", "expected o= line"),
        Arguments.of("o= with 5 fields", "v=0\r\no=- 1 2 IN IP4\r\ns=-\r\nt=0 0\r\n", 2, "o=- 1 2 IN IP4",
            "origin must have 6 fields, found 5"),
        Arguments.of("o= version not a number", "v=0\r\no=- 1 x IN IP4 1.1.1.1\r\ns=-\r\nt=0 0\r\n", 2,
            "o=- 1 x IN IP4 1.1.1.1", "session version is not a number"),
        Arguments.of("no s=", "v=0\r\no=- 1 2 IN IP4 1.1.1.1\r\nt=0 0\r\n", 3, "t=0 0", "expected s= line"),
        Arguments.of("no t=", "v=0\r\no=- 1 2 IN IP4 1.1.1.1\r\ns=-\r\na=ice-lite\r\n", 5, "", "t= line missing"),
        Arguments.of("no t= before m=", "v=0\r\no=- 1 2 IN IP4 1.1.1.1\r\ns=-\r\nm=audio 9 RTP/AVP 0\r\nt=0 0\r\n",
            4, "m=audio 9 RTP/AVP 0", "t= line missing before the first m= line"),
        Arguments.of("bad t=", HEAD.replace("t=0 0", "t=0"), 4, "t=0", "timing must be <start-time> <stop-time>"),
        Arguments.of("duplicate v=", HEAD + "v=0\r\n", 5, "v=0", "duplicate v= line"),
        Arguments.of("not type=value", HEAD + "hello\r\n", 5, "hello", "expected <type>=<value>"),
        Arguments.of("digit type", HEAD + "1=x\r\n", 5, "1=x", "expected <type>=<value>"),
        Arguments.of("space before =", HEAD + "a =x\r\n", 5, "a =x", "expected <type>=<value>"),
        Arguments.of("blank line inside", HEAD + "\r\na=x\r\n", 5, "", "empty line"),
        Arguments.of("NUL", HEAD + "a=x\0y\r\n", 5, "a=x\0y", "line contains NUL"),
        Arguments.of("stray CR", HEAD + "a=x\ry\r\n", 5, "a=x\ry", "line contains a stray CR"),
        Arguments.of("empty attribute name", HEAD + "a=:x\r\n", 5, "a=:x", "attribute name is empty"),
        Arguments.of("attribute name with space", HEAD + "a=fo o:x\r\n", 5, "a=fo o:x",
            "attribute name contains a space"),
        Arguments.of("port not a number", HEAD + "a=ice-lite\r\nm=audio x UDP/TLS/RTP/SAVPF 111\r\n", 6,
            "m=audio x UDP/TLS/RTP/SAVPF 111", "port is not a number"),
        Arguments.of("port out of range", HEAD + "m=audio 65536 RTP/AVP 0\r\n", 5, "m=audio 65536 RTP/AVP 0",
            "port is out of range (0..65535)"),
        Arguments.of("number of ports 0", HEAD + "m=audio 9/0 RTP/AVP 0\r\n", 5, "m=audio 9/0 RTP/AVP 0",
            "number of ports is out of range (1..65535)"),
        Arguments.of("m= without proto", HEAD + "m=audio 9\r\n", 5, "m=audio 9",
            "media line must be <media> <port> <proto> <fmt> ..."),
        Arguments.of("second m= bad", HEAD + "m=audio 9 RTP/AVP 0\r\na=x\r\nm=video -1 RTP/AVP 96\r\n", 7,
            "m=video -1 RTP/AVP 96", "port is not a number"),
        Arguments.of("t= in media", HEAD + "m=audio 9 RTP/AVP 0\r\nt=0 0\r\n", 6, "t=0 0",
            "t= line is not allowed in a media description"),
        Arguments.of("bad c=", HEAD + "m=audio 9 RTP/AVP 0\nc=IN IP4\n", 6, "c=IN IP4",
            "connection must have 3 fields, found 2"),
        Arguments.of("bad b=", HEAD + "b=AS\r\n", 5, "b=AS", "bandwidth must be <type>:<value>"),
        Arguments.of("b= not a number", HEAD + "b=AS:x\r\n", 5, "b=AS:x", "bandwidth is not a number"),
        Arguments.of("LF line numbers", "v=0\no=- 1 2 IN IP4 1.1.1.1\ns=-\nt=0 0\nm=audio 9 RTP/AVP 0\nc=bad\n", 6,
            "c=bad", "connection must have 3 fields, found 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejected(String name, String sdp, int lineNumber, String line, String reason) {
    SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(sdp));
    assertThat(e).as("exception for %s", name).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.lineNumber()).isEqualTo(lineNumber);
    assertThat(e.line()).isEqualTo(line);
  }

  @Test
  void messageFormat() {
    assertThatThrownBy(() -> SessionDescription.parse(
        "v=0\r\no=- 1 2 IN IP4 1.1.1.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=ice-lite\r\n"
            + "m=audio x UDP/TLS/RTP/SAVPF 111\r\n"))
        .isInstanceOf(SdpParseException.class)
        .hasMessage("line 7: \"m=audio x UDP/TLS/RTP/SAVPF 111\": port is not a number");
    assertThatThrownBy(() -> RtpMap.parse("x opus/48000"))
        .isInstanceOf(SdpParseException.class)
        .hasMessage("\"x opus/48000\": payload type is not a number");
    assertThatThrownBy(() -> SessionDescription.parse(""))
        .isInstanceOf(SdpParseException.class).hasMessage("SDP is empty");
  }

  @Test
  void limits() {
    String big = HEAD + ("a=x-pad:" + "p".repeat(60_000) + "\r\n").repeat(18);
    SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(big));
    assertThat(e.reason()).isEqualTo("SDP is larger than 1048576 bytes");
    assertThat(e.lineNumber()).isZero();

    // Multi-byte characters count as their UTF-8 size: 400,000 three-byte characters are over 1 MiB.
    String wide = HEAD + "a=x-wide:" + "\u20ac".repeat(400_000) + "\r\n";
    assertThat(catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(wide)).reason())
        .isEqualTo("SDP is larger than 1048576 bytes");

    String longLine = HEAD + "a=x-long:" + "l".repeat(65_536) + "\r\n";
    SdpParseException l = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(longLine));
    assertThat(l.lineNumber()).isEqualTo(5);
    assertThat(l.reason()).isEqualTo("line is longer than 65536 characters");
    assertThat(l.getMessage()).hasSizeLessThan(300);

    String justFits = HEAD + "a=x-long:" + "l".repeat(65_536 - 9) + "\r\n";
    assertThat(SessionDescription.parse(justFits).write()).isEqualTo(justFits);
  }

  @Test
  void typedViewErrorsNameTheLine() {
    SessionDescription d = SessionDescription.parse(HEAD + "a=group\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\n"
        + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:x PCMU\r\na=candidate:1 1 udp 1 1.1.1.1 70000 typ host\r\n"
        + "a=setup:sideways\r\na=extmap:0 urn:x\r\na=ssrc:4294967296 cname:x\r\na=max-message-size:-1\r\n");
    MediaDescription m = d.media().get(0);
    SdpParseException g = catchThrowableOfType(SdpParseException.class, d::groups);
    assertThat(g.lineNumber()).isEqualTo(5);
    assertThat(g.line()).isEqualTo("a=group");
    assertThat(g.reason()).isEqualTo("group semantics is missing");
    SdpParseException r = catchThrowableOfType(SdpParseException.class, m::rtpMaps);
    assertThat(r.lineNumber()).isEqualTo(9);
    assertThat(r.getMessage()).isEqualTo("line 9: \"a=rtpmap:x PCMU\": payload type is not a number");
    SdpParseException c = catchThrowableOfType(SdpParseException.class, m::candidates);
    assertThat(c.lineNumber()).isEqualTo(10);
    assertThat(c.reason()).isEqualTo("port is out of range (0..65535)");
    assertThat(catchThrowableOfType(SdpParseException.class, m::setup).lineNumber()).isEqualTo(11);
    assertThat(catchThrowableOfType(SdpParseException.class, m::extmaps).lineNumber()).isEqualTo(12);
    assertThat(catchThrowableOfType(SdpParseException.class, m::ssrcs).lineNumber()).isEqualTo(13);
    assertThat(catchThrowableOfType(SdpParseException.class, m::maxMessageSize).lineNumber()).isEqualTo(14);
    // Lines the views do not read are still fine, and the text still round trips.
    assertThat(m.mid()).contains("0");
    assertThat(d.write()).contains("a=rtpmap:x PCMU\r\n");
  }
}
