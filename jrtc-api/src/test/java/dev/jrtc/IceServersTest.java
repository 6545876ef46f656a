package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.internal.net.NetworkSettings;
import dev.jrtc.internal.net.TurnServer;
import dev.jrtc.stun.StunRetransmission;
import dev.jrtc.turn.TurnTransport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link IceServers}: RTCIceServer URLs (RFC 7064 stun:, RFC 7065 turn:/turns:) as the ICE
 * runtime takes them, and the webrtc-pc {@code icecandidateerror} events that a silent STUN
 * server (701 "STUN binding request timed out.", fast with a configured RFC 8489 §6.2.1 RTO) and
 * an unresolvable name (701 "STUN host lookup received error.", null address and port) give.
 */
class IceServersTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "turn:192.0.2.1|192.0.2.1|3478|UDP|turn:192.0.2.1",
      "turn:192.0.2.1:3479?transport=udp|192.0.2.1|3479|UDP|turn:192.0.2.1:3479?transport=udp",
      "turn:turn.example.org?transport=tcp|turn.example.org|3478|TCP|turn:turn.example.org?transport=tcp",
      "turns:turn.example.org|turn.example.org|5349|TLS|turns:turn.example.org",
      "turns:turn.example.org:443?transport=tcp|turn.example.org|443|TLS|turns:turn.example.org:443?transport=tcp",
      "TURN:[2001:DB8::1]:3480|2001:db8::1|3480|UDP|TURN:[2001:DB8::1]:3480",
      "turn:Turn.Example.ORG|turn.example.org|3478|UDP|turn:Turn.Example.ORG"})
  @DisplayName("RFC 7065 §3: turn:/turns: host, default port (3478 / 5349) and transport (turns: is TLS)")
  void turnUrls(String url, String host, int port, TurnTransport transport, String keptUrl) {
    TurnServer t = IceServers.turnServer(url, IceServers.parse(url), "user", "pass");
    assertThat(t).isEqualTo(new TurnServer(keptUrl, host, port, transport, "user", "pass"));
  }

  @Test
  @DisplayName("RFC 7065: turns: with transport=udp (TURN over DTLS) is not used")
  void turnsOverUdpIsSkipped() {
    String url = "turns:turn.example.org?transport=udp";
    assertThat(IceServers.turnServer(url, IceServers.parse(url), "u", "p")).isNull();
  }

  @Test
  @DisplayName("RFC 7064 §3: stun: with an IP literal is resolved as is, a name is left for the runtime to look up")
  void stunUrls() throws Exception {
    assertThat(IceServers.stunServer(IceServers.parse("stun:192.0.2.7:3479")))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 3479));
    assertThat(IceServers.stunServer(IceServers.parse("stun:[::1]")))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 3478));
    InetSocketAddress named = IceServers.stunServer(IceServers.parse("stun:stun.l.google.com:19302"));
    assertThat(named.isUnresolved()).isTrue();
    assertThat(named.getHostString()).isEqualTo("stun.l.google.com");
    assertThat(named.getPort()).isEqualTo(19302);
    // 999.1.1.1 is not an IPv4 literal: a name for the resolver (which will fail)
    assertThat(IceServers.stunServer(IceServers.parse("stun:999.1.1.1")).isUnresolved()).isTrue();
  }

  /**
   * Starts {@code pc}'s gathering (a data channel, an offer set as local description) and returns
   * the first webrtc-pc {@code icecandidateerror} it fired, asserting there is one, once gathering
   * completed: the server errors must not keep gathering from completing.
   */
  static RTCPeerConnectionIceErrorEvent firstIceCandidateError(RTCPeerConnection pc) throws InterruptedException {
    LinkedBlockingQueue<RTCPeerConnectionIceErrorEvent> errors = new LinkedBlockingQueue<>();
    CompletableFuture<Void> complete = new CompletableFuture<>();
    pc.onIceCandidateError(errors::add);
    pc.onIceGatheringStateChange(e -> {
      if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
        complete.complete(null);
      }
    });
    pc.createDataChannel("x");
    LoopbackPeers.await(pc.setLocalDescription(LoopbackPeers.await(pc.createOffer())));
    LoopbackPeers.await(complete);
    RTCPeerConnectionIceErrorEvent error = errors.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(error).isNotNull();
    return error;
  }

  @Test
  @DisplayName("webrtc-pc icecandidateerror: a STUN server that never answers is 701 'STUN binding request timed out.' (RTO 20 ms)")
  void silentStunServerFiresIceCandidateError() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      String url = "stun:127.0.0.1:" + silent.getLocalPort();
      RTCSettings settings = RTCSettings.builder().network(NetworkSettings.loopbackOnly().toBuilder()
          .stunRetransmission(new StunRetransmission(TimeUnit.MILLISECONDS.toNanos(20), 3, 2)).build()).build();
      RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.builder().iceServers(RTCIceServer.of(url))
          .build(), settings);
      try {
        LinkedBlockingQueue<RTCIceCandidate> candidates = new LinkedBlockingQueue<>();
        pc.onIceCandidate(e -> {
          if (e.candidate() != null && !e.candidate().candidate().isEmpty()) {
            candidates.add(e.candidate());
          }
        });
        RTCPeerConnectionIceErrorEvent error = firstIceCandidateError(pc);
        assertThat(error.errorCode()).isEqualTo(701);
        assertThat(error.errorText()).isEqualTo("STUN binding request timed out.");
        assertThat(error.url()).isEqualTo(url);
        assertThat(error.address()).isEqualTo("127.0.0.1");
        RTCIceCandidate host = candidates.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(host).isNotNull();
        assertThat(error.port()).isEqualTo(host.port());
      } finally {
        pc.close();
      }
    }
  }

  @Test
  @DisplayName("webrtc-pc icecandidateerror: an unresolvable STUN name is 701 'STUN host lookup received error.', address and port null")
  void unresolvableStunName() throws Exception {
    RTCSettings settings = RTCSettings.builder().network(NetworkSettings.loopbackOnly().toBuilder()
        .resolver(host -> CompletableFuture.failedFuture(new UnknownHostException(host))).build()).build();
    RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.builder()
        .iceServers(RTCIceServer.of("stun:stun.invalid")).build(), settings);
    try {
      RTCPeerConnectionIceErrorEvent error = firstIceCandidateError(pc);
      assertThat(error.errorCode()).isEqualTo(701);
      assertThat(error.errorText()).isEqualTo("STUN host lookup received error.");
      assertThat(error.url()).isEqualTo("stun:stun.invalid:3478");
      assertThat(error.address()).isNull();
      assertThat(error.port()).isNull();
    } finally {
      pc.close();
    }
  }
}
