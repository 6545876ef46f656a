package dev.jrtc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrickleIceFragmentTest {

  // RFC 9725 §4.3.1 example shape (RFC 8840 §9 sdpfrag)
  private static final String FRAG = String.join("\r\n",
      "a=ice-ufrag:EsAw",
      "a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y",
      "m=audio 9 UDP/TLS/RTP/SAVPF 111",
      "a=mid:0",
      "a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 ufrag EsAw network-id 1",
      "a=candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ host generation 0",
      "a=end-of-candidates",
      "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
      "a=candidate:9 1 udp 1 203.0.113.3 9 typ host",
      "a=mid:1",
      "");

  @Test
  void parsesCredentialsCandidatesMidsAndEnd() throws Exception {
    TrickleIceFragment f = TrickleIceFragment.parse(FRAG);
    assertThat(f.iceUfrag()).isEqualTo("EsAw");
    assertThat(f.icePwd()).isEqualTo("bP+XJMM09aR8AiX1jdukzR6Y");
    assertThat(f.endOfCandidates()).isTrue();
    assertThat(f.candidates()).extracting(TrickleIceFragment.Candidate::mid).containsExactly("0", "0", "1");
    assertThat(f.candidates()).extracting(TrickleIceFragment.Candidate::mLineIndex).containsExactly(0, 0, 1);
    assertThat(f.candidates().get(1).attribute())
        .isEqualTo("candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ host generation 0");
  }

  @Test
  void acceptsLfLineEndingsAndNoMediaLine() throws Exception {
    TrickleIceFragment f = TrickleIceFragment.parse("a=ice-ufrag:u\na=candidate:1 1 udp 5 127.0.0.1 4000 typ host\n");
    assertThat(f.candidates()).singleElement().satisfies(c -> {
      assertThat(c.mid()).isNull();
      assertThat(c.mLineIndex()).isNull();
    });
    assertThat(f.endOfCandidates()).isFalse();
    assertThat(f.icePwd()).isNull();
  }

  @Test
  void rejectsLinesThatAreNotSdp() {
    assertThatThrownBy(() -> TrickleIceFragment.parse("hello world"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("line 1")
        .satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(400));
  }

  @Test
  void rejectsShortCandidates() {
    assertThatThrownBy(() -> TrickleIceFragment.parse("a=mid:0\r\na=candidate:1 1 udp\r\n"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("8 fields");
  }

  @Test
  void rejectsEmptyCredentials() {
    assertThatThrownBy(() -> TrickleIceFragment.parse("a=ice-ufrag: \r\n"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("empty value");
  }

  @Test
  void rejectsHugeBodies() {
    assertThatThrownBy(() -> TrickleIceFragment.parse("a=x\n".repeat(20_000)))
        .isInstanceOf(BadRequestException.class)
        .satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(413));
  }
}
