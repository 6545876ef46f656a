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

  /** Channel "echo" from a to b; b sends back "echo: " and what it got. */
  private record Echo(RTCDataChannel channel, LinkedBlockingQueue<String> back) {
    /** Makes the channel, connects {@code p} with full SDP and waits until the channel is open at a. */
    static Echo connect(LoopbackPeers p) {
      RTCDataChannel ca = p.a.createDataChannel("echo");
      CompletableFuture<Void> aOpen = new CompletableFuture<>();
      ca.onOpen(e -> aOpen.complete(null));
      p.b.onDataChannel(e -> e.channel().onMessage(m -> e.channel().send("echo: " + m.text())));
      LinkedBlockingQueue<String> back = new LinkedBlockingQueue<>();
      ca.onMessage(m -> back.add(m.text()));
      p.connectFullSdp();
      await(aOpen);
      return new Echo(ca, back);
    }

    /** Sends {@code text} and returns what came back, or null after the wait. */
    String roundTrip(String text) throws InterruptedException {
      channel.send(text);
      return back.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS);
    }
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
      Echo echo = Echo.connect(p);
      assertThat(echo.roundTrip("through " + kind)).isEqualTo("echo: through " + kind);
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

  /** A future completed when {@code pc}'s gathering goes to gathering and then to complete. */
  private static CompletableFuture<Void> nextGatheringComplete(RTCPeerConnection pc) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    java.util.concurrent.atomic.AtomicBoolean gathering = new java.util.concurrent.atomic.AtomicBoolean();
    pc.onIceGatheringStateChange(e -> {
      if (pc.iceGatheringState() == RTCIceGatheringState.GATHERING) {
        gathering.set(true);
      } else if (gathering.get() && pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
        done.complete(null);
      }
    });
    return done;
  }

  /** a.restartIce(), then a full-SDP offer/answer where each side waits for its new gathering. */
  private static void restartFullSdp(LoopbackPeers p) {
    p.a.restartIce();
    CompletableFuture<Void> aDone = nextGatheringComplete(p.a);
    await(p.a.setLocalDescription(await(p.a.createOffer())));
    await(aDone);
    await(p.b.setRemoteDescription(p.a.localDescription()));
    CompletableFuture<Void> bDone = nextGatheringComplete(p.b);
    await(p.b.setLocalDescription(await(p.b.createAnswer())));
    await(bDone);
    await(p.a.setRemoteDescription(p.b.localDescription()));
  }

  private static RTCIceCandidateType selectedLocalType(RTCPeerConnection pc) {
    RTCIceCandidatePair pair = pc.sctp().transport().iceTransport().getSelectedCandidatePair();
    return pair == null ? null : pair.local().type();
  }

  @Test
  @DisplayName("webrtc-pc set a configuration: iceTransportPolicy relay then all, applied at the next ICE restart (RFC 8829 §4.1.18)")
  void policyChangeTakesEffectAtTheNextRestart() throws Exception {
    String turnUdp = "turn:127.0.0.1:" + coturn.port;
    RTCIceServer server = RTCIceServer.builder().urls(turnUdp).username(Coturn.USER).credential(Coturn.PASSWORD)
        .build();
    RTCConfiguration all = RTCConfiguration.builder().iceServers(server).build();
    try (LoopbackPeers p = new LoopbackPeers(all, settings(), settings())) {
      Echo echo = Echo.connect(p);
      p.awaitConnected();
      assertThat(p.a.localDescription().sdp()).contains(" typ host").contains(" typ relay");
      LoopbackPeers.awaitCondition(() -> selectedLocalType(p.a) == RTCIceCandidateType.HOST, "a host pair first");

      // Stored, not applied: no restart happens by itself (webrtc-pc: "no action will be taken
      // until the next gathering phase").
      p.a.setConfiguration(all.toBuilder().iceTransportPolicy(RTCIceTransportPolicy.RELAY).build());
      assertThat(p.a.getConfiguration().iceTransportPolicy()).isEqualTo(RTCIceTransportPolicy.RELAY);
      assertThat(echo.roundTrip("before the restart")).isEqualTo("echo: before the restart");
      assertThat(selectedLocalType(p.a)).isEqualTo(RTCIceCandidateType.HOST);

      restartFullSdp(p);
      assertThat(p.a.localDescription().sdp()).contains(" typ relay").doesNotContain(" typ host")
          .doesNotContain(" typ srflx");
      LoopbackPeers.awaitCondition(() -> selectedLocalType(p.a) == RTCIceCandidateType.RELAY,
          "a's pair on its relayed candidate");
      assertThat(echo.roundTrip("over TURN")).isEqualTo("echo: over TURN");

      // back to all, without the TURN server: host candidates again, no relayed one
      p.a.setConfiguration(RTCConfiguration.builder().build());
      restartFullSdp(p);
      assertThat(p.a.localDescription().sdp()).contains(" typ host").doesNotContain(" typ relay");
      LoopbackPeers.awaitCondition(() -> selectedLocalType(p.a) == RTCIceCandidateType.HOST, "a host pair again");
      assertThat(echo.roundTrip("direct again")).isEqualTo("echo: direct again");
      p.awaitConnected();
    }
  }

  @Test
  @DisplayName("webrtc-pc set a configuration on the answerer: its new policy applies when it answers the peer's ICE restart")
  void answererPolicyAppliesAtTheRemoteRestart() throws Exception {
    RTCIceServer server = RTCIceServer.builder().urls("turn:127.0.0.1:" + coturn.port).username(Coturn.USER)
        .credential(Coturn.PASSWORD).build();
    try (LoopbackPeers p = new LoopbackPeers(RTCConfiguration.defaults(), settings(), settings())) {
      RTCDataChannel ca = p.a.createDataChannel("echo");
      CompletableFuture<Void> aOpen = new CompletableFuture<>();
      ca.onOpen(e -> aOpen.complete(null));
      p.b.onDataChannel(e -> e.channel().onMessage(m -> e.channel().send("echo: " + m.text())));
      LinkedBlockingQueue<String> back = new LinkedBlockingQueue<>();
      ca.onMessage(m -> back.add(m.text()));
      p.connectFullSdp();
      await(aOpen);
      assertThat(p.b.localDescription().sdp()).contains(" typ host").doesNotContain(" typ relay");

      p.b.setConfiguration(RTCConfiguration.builder().iceServers(server)
          .iceTransportPolicy(RTCIceTransportPolicy.RELAY).build());
      restartFullSdp(p); // a restarts; b answers the restart with its new servers and policy
      assertThat(p.b.localDescription().sdp()).contains(" typ relay").doesNotContain(" typ host");
      LoopbackPeers.awaitCondition(() -> selectedLocalType(p.b) == RTCIceCandidateType.RELAY,
          "b's pair on its relayed candidate");
      ca.send("b over TURN");
      assertThat(back.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("echo: b over TURN");
    }
  }

  @Test
  @DisplayName("webrtc-pc icecandidateerror: a wrong password on a turns: server is 401 with its URL; gathering completes")
  void wrongPasswordOverTls() throws Exception {
    RTCPeerConnection pc = new RTCPeerConnection(relayOnly(url("tls"), "wrong"), settings());
    try {
      RTCPeerConnectionIceErrorEvent error = IceServersTest.firstIceCandidateError(pc);
      assertThat(error.errorCode()).isEqualTo(401);
      assertThat(error.url()).isEqualTo(url("tls"));
      assertThat(error.address()).isEqualTo("127.0.0.1");
      assertThat(pc.localDescription().sdp()).doesNotContain("a=candidate");
    } finally {
      pc.close();
    }
  }
}
