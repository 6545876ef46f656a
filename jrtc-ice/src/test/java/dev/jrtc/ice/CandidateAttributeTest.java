package dev.jrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 8839 §5.1 candidate attributes as Chromium and Firefox write them. */
class CandidateAttributeTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "candidate:3893061205 1 udp 2130706431 192.0.2.20 6000 typ host generation 0 ufrag jvoz network-id 1",
      "candidate:1 1 UDP 2122252543 1f4712db-ea17-4bcf-a596-105139dfd8bf.local 54321 typ host",
      "candidate:842163049 1 udp 1677729535 203.0.113.5 46154 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag abcd network-cost 999",
      "candidate:2 1 tcp 1518280447 192.168.1.2 9 typ host tcptype active generation 0",
      "candidate:3 1 udp 2122262783 2001:db8::1 50000 typ host",
      "candidate:4 2 UDP 8265727 198.51.100.9 61234 typ relay raddr 203.0.113.5 rport 46154"})
  @DisplayName("browser candidates parse and write back unchanged")
  void roundTrip(String text) throws Exception {
    CandidateAttribute c = CandidateAttribute.parse(text);
    assertThat(c.toString()).isEqualTo(text);
    assertThat(CandidateAttribute.parse("a=" + text)).isEqualTo(c);
  }

  @Test
  void fields() throws Exception {
    CandidateAttribute c = CandidateAttribute.parse(
        "candidate:842163049 1 udp 1677729535 203.0.113.5 46154 typ srflx raddr 10.0.0.1 rport 5000 generation 0");
    assertThat(c.foundation()).isEqualTo("842163049");
    assertThat(c.priority()).isEqualTo(1677729535L);
    assertThat(c.extensions()).containsExactly(new CandidateAttribute.Extension("generation", "0"));
    Candidate k = c.toCandidate();
    assertThat(k.type()).isEqualTo(CandidateType.SERVER_REFLEXIVE);
    assertThat(k.address()).isEqualTo(TestNet.udp("203.0.113.5", 46154));
    assertThat(k.relatedAddress()).isEqualTo(TestNet.udp("10.0.0.1", 5000));
    assertThat(k.toSdp()).isEqualTo("candidate:842163049 1 udp 1677729535 203.0.113.5 46154 typ srflx raddr 10.0.0.1 rport 5000");
    CandidateAttribute tcp = CandidateAttribute.parse("candidate:2 1 tcp 1518280447 192.168.1.2 9 typ host tcptype active");
    assertThat(tcp.tcpType()).isEqualTo("active");
    assertThat(tcp.toCandidate().address().protocol()).isEqualTo(Protocol.TCP);
    CandidateAttribute mdns = CandidateAttribute.parse("candidate:1 1 UDP 2122252543 abc.local 54321 typ host");
    assertThat(mdns.isMdns()).isTrue();
    assertThatThrownBy(mdns::toCandidate).isInstanceOf(CandidateParseException.class)
        .hasMessage("connection-address is not an IP literal: abc.local");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "candidat:1 1 udp 1 192.0.2.1 1 typ host|does not start with \"candidate:\"",
      "candidate:1 1 udp 1 192.0.2.1 1 typ|expected at least 8 fields, found 7",
      "candidate:1 1 udp 1 192.0.2.1  1 typ host|empty field (two spaces in a row or a trailing space)",
      "candidate:1 0 udp 1 192.0.2.1 1 typ host|component-id must be 1..256: 0",
      "candidate:1 1 udp 0 192.0.2.1 1 typ host|priority must be 1..2^32-1: 0",
      "candidate:1 1 udp 99999999999 192.0.2.1 1 typ host|priority has more than 10 digits: 99999999999",
      "candidate:1 1 udp 1 192.0.2.1 65536 typ host|port out of range: 65536",
      "candidate:1 1 udp 1 192.0.2.1 x typ host|port is not a number: x",
      "candidate:1 1 udp 1 192.0.2.1 1 type host|expected \"typ\", found type",
      "candidate:1 1 udp 1 bad_host 1 typ host|connection-address is neither an IP address nor a host name: bad_host",
      "candidate:1 1 udp 1 192.0.2.1 1 typ host generation|extension generation has no value",
      "candidate:a;b 1 udp 1 192.0.2.1 1 typ host|foundation must be 1..32 ice-chars: a;b"})
  @DisplayName("malformed candidates name their defect")
  void rejects(String text, String message) {
    assertThatThrownBy(() -> CandidateAttribute.parse(text)).isInstanceOf(CandidateParseException.class)
        .hasMessage(message);
  }

  @Test
  void unusableCandidates() throws Exception {
    assertThatThrownBy(() -> CandidateAttribute.parse("candidate:1 1 sctp 1 192.0.2.1 1 typ host").toCandidate())
        .isInstanceOf(CandidateParseException.class).hasMessage("unsupported transport: sctp");
    assertThatThrownBy(() -> CandidateAttribute.parse("candidate:1 1 udp 1 192.0.2.1 1 typ weird").toCandidate())
        .isInstanceOf(CandidateParseException.class).hasMessage("unknown candidate type: weird");
    assertThat(CandidateAttribute.literal("1:2")).isNull(); // invalid IPv6: no DNS lookup, just null
    assertThat(List.of(CandidateAttribute.parse("candidate:1 1 udp 1 ::ffff:192.0.2.1 1 typ host").address()))
        .containsExactly("::ffff:192.0.2.1");
  }
}
