package dev.jrtc;

import static dev.jrtc.LoopbackPeers.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.internal.net.Coturn;
import dev.jrtc.internal.net.NetworkSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two {@link RTCPeerConnection}s with {@code iceTransportPolicy: "relay"} whose only path is
 * Debian's coturn on 127.0.0.1 reached over TCP ({@code turn:...?transport=tcp}) or TLS
 * ({@code turns:}, RFC 8656 §3.1), with a data channel echo; and a wrong TURN password as the
 * webrtc-pc {@code icecandidateerror} 401 with the {@code turns:} URL. The TLS server's
 * self-signed certificate is trusted through {@link NetworkSettings#turnTlsContext()}.
 */
class IceServersCoturnTest {
  private static Coturn coturn;
  private static SSLContext trust;

  @BeforeAll
  static void start() throws Exception {
    coturn = Coturn.start(true);
    trust = coturn.trustingContext();
  }

  @AfterAll
  static void stop() {
    if (coturn != null) {
      coturn.close();
    }
  }

  private static RTCSettings settings() {
    return RTCSettings.builder().network(NetworkSettings.loopbackOnly().toBuilder().turnTlsContext(trust).build())
        .build();
  }

  private static String url(String kind) {
    return kind.equals("tls") ? "turns:127.0.0.1:" + coturn.tlsPort : "turn:127.0.0.1:" + coturn.port
        + "?transport=tcp";
  }

  private static RTCConfiguration relayOnly(String url, String password) {
    return RTCConfiguration.builder().iceTransportPolicy(RTCIceTransportPolicy.RELAY)
        .iceServers(RTCIceServer.builder().urls(url).username(Coturn.USER).credential(password).build()).build();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tcp", "tls"})
  @DisplayName("webrtc-pc iceTransportPolicy relay: a data channel echo through TURN over TCP and over TLS")
  void dataChannelThroughStreamTurn(String kind) throws Exception {
    try (LoopbackPeers p = new LoopbackPeers(relayOnly(url(kind), Coturn.PASSWORD), settings(), settings())) {
      LinkedBlockingQueue<RTCIceCandidate> aCandidates = new LinkedBlockingQueue<>();
      p.a.onIceCandidate(e -> {
        if (e.candidate() != null && !e.candidate().candidate().isEmpty()) {
          aCandidates.add(e.candidate());
        }
      });
      RTCDataChannel ca = p.a.createDataChannel("echo");
      CompletableFuture<Void> aOpen = new CompletableFuture<>();
      ca.onOpen(e -> aOpen.complete(null));
      p.b.onDataChannel(e -> e.channel().onMessage(m -> e.channel().send("echo: " + m.text())));
      LinkedBlockingQueue<String> back = new LinkedBlockingQueue<>();
      ca.onMessage(m -> back.add(m.text()));
      p.connectFullSdp();
      await(aOpen);
      ca.send("through " + kind);
      assertThat(back.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("echo: through " + kind);
      p.awaitConnected();
      RTCIceCandidatePair pair = p.a.sctp().transport().iceTransport().getSelectedCandidatePair();
      assertThat(pair.local().type()).isEqualTo(RTCIceCandidateType.RELAY);
      assertThat(pair.remote().type()).isEqualTo(RTCIceCandidateType.RELAY);
      assertThat(p.a.localDescription().sdp()).contains(" typ relay").doesNotContain(" typ host");
      assertThat(aCandidates).allMatch(c -> c.type() == RTCIceCandidateType.RELAY);
      // webrtc-pc RTCIceCandidate.relayProtocol and url: how the relayed candidate reaches its server
      assertThat(aCandidates).isNotEmpty().allSatisfy(c -> {
        assertThat(c.relayProtocol()).isEqualTo(kind);
        assertThat(c.url()).isEqualTo(url(kind));
      });
      assertThat(pair.local().relayProtocol()).isEqualTo(kind);
    }
  }

  @Test
  @DisplayName("webrtc-pc icecandidateerror: a wrong password on a turns: server is 401 with its URL; gathering completes")
  void wrongPasswordOverTls() throws Exception {
    RTCPeerConnection pc = new RTCPeerConnection(relayOnly(url("tls"), "wrong"), settings());
    try {
      LinkedBlockingQueue<RTCPeerConnectionIceErrorEvent> errors = new LinkedBlockingQueue<>();
      CompletableFuture<Void> complete = new CompletableFuture<>();
      pc.onIceCandidateError(errors::add);
      pc.onIceGatheringStateChange(e -> {
        if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
          complete.complete(null);
        }
      });
      pc.createDataChannel("x");
      await(pc.setLocalDescription(await(pc.createOffer())));
      await(complete);
      RTCPeerConnectionIceErrorEvent error = errors.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(error).isNotNull();
      assertThat(error.errorCode()).isEqualTo(401);
      assertThat(error.url()).isEqualTo(url("tls"));
      assertThat(error.address()).isEqualTo("127.0.0.1");
      assertThat(pc.localDescription().sdp()).doesNotContain("a=candidate");
    } finally {
      pc.close();
    }
  }
}
