package dev.jrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 8445 §5.1.2 candidate priorities and §6.1.2.3 pair priorities. */
class CandidateTest {
  @Test
  @DisplayName("RFC 8445 §5.1.2.1 priority formula with the §5.1.2.2 type preferences")
  void priorityFormula() {
    assertThat(Candidate.priority(CandidateType.HOST, 65535, 1)).isEqualTo(2130706431L); // Chromium's host
    assertThat(Candidate.priority(CandidateType.PEER_REFLEXIVE, 65535, 1)).isEqualTo((110L << 24) + (65535L << 8) + 255);
    assertThat(Candidate.priority(CandidateType.SERVER_REFLEXIVE, 0, 1)).isEqualTo((100L << 24) + 255);
    assertThat(Candidate.priority(CandidateType.RELAYED, 10, 2)).isEqualTo((10L << 8) + 254);
    assertThat(new Candidate("1", 1, TestNet.udp("192.0.2.1", 1), Candidate.priority(CandidateType.HOST, 1234, 1),
        CandidateType.HOST, null).localPreference()).isEqualTo(1234);
    assertThatThrownBy(() -> Candidate.priority(CandidateType.HOST, 65536, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("RFC 8445 §6.1.2.3 pair priority")
  void pairPriority() {
    assertThat(CandidatePair.priority(10, 20)).isEqualTo((10L << 32) + 40);
    assertThat(CandidatePair.priority(20, 10)).isEqualTo((10L << 32) + 40 + 1);
    long max = 0x7fffffffL;
    assertThat(CandidatePair.priority(max, max)).isEqualTo((max << 32) + 2 * max);
    assertThat(CandidatePair.priority(max, max)).isPositive();
    Candidate l = new Candidate("1", 1, TestNet.udp("192.0.2.1", 1), 100, CandidateType.HOST, null);
    Candidate r = new Candidate("2", 1, TestNet.udp("192.0.2.2", 2), 200, CandidateType.HOST, null);
    CandidatePair p = new CandidatePair(l, r);
    assertThat(p.priority(true)).isEqualTo(CandidatePair.priority(100, 200));
    assertThat(p.priority(false)).isEqualTo(CandidatePair.priority(200, 100));
    assertThat(p.foundation()).isEqualTo("1:2");
  }

  @Test
  void baseAndSdp() {
    TransportAddress base = TestNet.udp("10.0.0.1", 5000);
    Candidate srflx = new Candidate("7", 1, TestNet.udp("203.0.113.1", 6000), 1686052607L,
        CandidateType.SERVER_REFLEXIVE, base);
    assertThat(srflx.base()).isEqualTo(base);
    assertThat(srflx.toSdp())
        .isEqualTo("candidate:7 1 udp 1686052607 203.0.113.1 6000 typ srflx raddr 10.0.0.1 rport 5000");
    Candidate relay = new Candidate("8", 1, TestNet.udp("198.51.100.1", 7000), 1, CandidateType.RELAYED, base);
    assertThat(relay.base()).isEqualTo(relay.address());
  }

  @Test
  @DisplayName("RFC 8839 §5.1: a local IPv6 address's %scope never reaches the candidate line")
  void scopedIpv6AddressIsWrittenWithoutScope() throws Exception {
    java.net.Inet6Address scoped = java.net.Inet6Address.getByAddress(null,
        java.net.InetAddress.getByName("fd00::2").getAddress(), 2);
    assertThat(scoped.getHostAddress()).contains("%");
    Candidate host = new Candidate("9", 1, TransportAddress.udp(scoped, 5000), 2130706431L, CandidateType.HOST, null);
    assertThat(host.toSdp()).isEqualTo("candidate:9 1 udp 2130706431 fd00:0:0:0:0:0:0:2 5000 typ host");
    assertThat(CandidateAttribute.parse(host.toSdp())).isNotNull();
  }

  @Test
  void validation() {
    TransportAddress a = TestNet.udp("192.0.2.1", 1);
    assertThatThrownBy(() -> new Candidate("", 1, a, 1, CandidateType.HOST, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Candidate("1", 0, a, 1, CandidateType.HOST, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Candidate("1", 1, a, 0x80000000L, CandidateType.HOST, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IceCredentials("abc", "0123456789012345678901"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IceCredentials("abcd", "0123456789012345678901;"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
