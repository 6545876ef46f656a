package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** webrtc-pc §4.8.1 RTCIceCandidate, after WPT RTCIceCandidate-constructor.html. */
class RTCIceCandidateTest {

  static final String UDP = "candidate:1905690388 1 udp 2113937151 192.168.0.1 58041 typ host generation 0 ufrag thC8 network-cost 50";
  static final String TCP = "candidate:435653019 2 tcp 1845501695 192.168.0.196 4444 typ srflx raddr www.example.com rport 22222 tcptype active";

  @Test
  void bothMidAndIndexNullIsTypeError() {
    assertThatThrownBy(() -> new RTCIceCandidate(new RTCIceCandidateInit("", null, null, null)))
        .isInstanceOfSatisfying(TypeException.class, e -> assertThat(e.name()).isEqualTo("TypeError"));
    assertThatThrownBy(() -> new RTCIceCandidate(new RTCIceCandidateInit(UDP, null, null, null)))
        .isInstanceOf(TypeException.class);
  }

  @Test
  void udpCandidate() {
    RTCIceCandidate c = new RTCIceCandidate(new RTCIceCandidateInit(UDP, "video", 1, "test"), "udp",
        "stun:stun.example.org");
    assertThat(c.candidate()).isEqualTo(UDP);
    assertThat(c.sdpMid()).isEqualTo("video");
    assertThat(c.sdpMLineIndex()).isEqualTo(1);
    assertThat(c.usernameFragment()).isEqualTo("test");
    assertThat(c.foundation()).isEqualTo("1905690388");
    assertThat(c.component()).isEqualTo(RTCIceComponent.RTP);
    assertThat(c.priority()).isEqualTo(2113937151L);
    assertThat(c.address()).isEqualTo("192.168.0.1");
    assertThat(c.protocol()).isEqualTo(RTCIceProtocol.UDP);
    assertThat(c.port()).isEqualTo(58041);
    assertThat(c.type()).isEqualTo(RTCIceCandidateType.HOST);
    assertThat(c.tcpType()).isNull();
    assertThat(c.relatedAddress()).isNull();
    assertThat(c.relatedPort()).isNull();
    assertThat(c.relayProtocol()).isEqualTo("udp");
    assertThat(c.url()).isEqualTo("stun:stun.example.org");
  }

  @Test
  void tcpCandidate() {
    RTCIceCandidate c = new RTCIceCandidate(new RTCIceCandidateInit(TCP, "video", 1, "user1"));
    assertThat(c.component()).isEqualTo(RTCIceComponent.RTCP);
    assertThat(c.protocol()).isEqualTo(RTCIceProtocol.TCP);
    assertThat(c.type()).isEqualTo(RTCIceCandidateType.SRFLX);
    assertThat(c.tcpType()).isEqualTo(RTCIceTcpCandidateType.ACTIVE);
    assertThat(c.relatedAddress()).isEqualTo("www.example.com");
    assertThat(c.relatedPort()).isEqualTo(22222);
  }

  @Test
  void invalidCandidateStringIsKeptButNotParsed() {
    RTCIceCandidate c = new RTCIceCandidate(new RTCIceCandidateInit("<arbitrary string[0] content>;", "audio", null, null));
    assertThat(c.candidate()).isEqualTo("<arbitrary string[0] content>;");
    assertThat(c.foundation()).isNull();
    assertThat(c.port()).isNull();
    assertThat(c.sdpMLineIndex()).isNull();
    assertThat(c.usernameFragment()).isNull();
  }

  @Test
  void toJsonDropsRelayProtocolAndUrl() {
    RTCIceCandidate c = new RTCIceCandidate(new RTCIceCandidateInit("", "video", null, null), "tls",
        "turn:turn.example.net");
    RTCIceCandidate copy = new RTCIceCandidate(c.toJSON());
    assertThat(copy.relayProtocol()).isNull();
    assertThat(copy.url()).isNull();
    assertThat(copy.toJSON()).isEqualTo(new RTCIceCandidateInit("", "video", null, null));
  }

  @Test
  void eventTypeCarriesTheCandidate() {
    RTCIceCandidate c = new RTCIceCandidate(new RTCIceCandidateInit(UDP, "0", 0, null));
    RTCPeerConnectionIceEvent e = new RTCPeerConnectionIceEvent("icecandidate", c, null);
    assertThat(e.type()).isEqualTo("icecandidate");
    assertThat(e.candidate()).isSameAs(c);
    assertThat(new RTCPeerConnectionIceEvent("icecandidate", null, null).candidate()).isNull();
  }
}
