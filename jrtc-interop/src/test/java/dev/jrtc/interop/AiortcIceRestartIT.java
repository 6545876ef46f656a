package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.RTCIceTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, an ICE restart in the middle of a transfer against aiortc 1.4 (aioice 0.8), the same
 * cell as {@link IceRestartCells#browserCell}: 4 MiB each way in numbered 16 KiB messages on
 * reliable ordered channels, one side restarts ICE once a quarter has arrived, descriptions are
 * complete (aiortc gathers before its description is ready).
 *
 * <p>aiortc 1.4 cannot take part in an ICE restart (read in
 * /usr/lib/python3/dist-packages/aiortc and aioice): {@code RTCPeerConnection} has no
 * {@code restartIce()} and {@code createOffer()} no {@code iceRestart} option, its ICE credentials
 * are made once per {@code RTCIceGatherer}; {@code RTCIceTransport.start()} returns at once when
 * called again, so new remote credentials in a later description never reach aioice
 * ({@code Connection.remote_username} stays), and aioice answers only checks whose USERNAME is
 * its ufrag and the first remote ufrag. Each cell runs all the same and fails on the first thing
 * aiortc cannot do, marked {@link KnownPeerLimit}. Because aiortc's role never changes, it also
 * shows which role jrtc's {@code RTCIceTransport} reports after jrtc's own restart.
 */
@ExtendWith(KnownFailures.class)
class AiortcIceRestartIT {

  private static final Duration T = AiortcCall.T;
  private static final int N = IceRestartCells.MESSAGES;

  @BeforeAll
  static void insideTheNamespace() {
    PrivateNetwork.require();
  }

  @Test
  @KnownPeerLimit(value = "aiortc 1.4 keeps its ICE credentials when answering a restart offer"
      + " (RFC 8839 §4.4.1.2.2 wants new ones) and never takes the new remote ones: RTCIceTransport.start()"
      + " runs once, so aioice keeps checking and answering with the first ufrag pair",
      failureContains = "aiortc's answer to jrtc's ICE restart offer has new credentials")
  @DisplayName("jrtc offers, then jrtc restarts ICE mid-transfer (aiortc cannot: its answer keeps its ufrag)")
  void jrtcOffersJrtcRestarts() {
    AiortcCall.run(transcript -> cell(transcript, true, true));
  }

  @Test
  @KnownPeerLimit(value = "aiortc 1.4 keeps its ICE credentials when answering a restart offer"
      + " (RFC 8839 §4.4.1.2.2 wants new ones) and never takes the new remote ones: RTCIceTransport.start()"
      + " runs once, so aioice keeps checking and answering with the first ufrag pair",
      failureContains = "aiortc's answer to jrtc's ICE restart offer has new credentials")
  @DisplayName("jrtc answers, then jrtc restarts ICE mid-transfer (aiortc cannot: its answer keeps its ufrag)")
  void jrtcAnswersJrtcRestarts() {
    AiortcCall.run(transcript -> cell(transcript, false, true));
  }

  @Test
  @KnownPeerLimit(value = "aiortc 1.4 has no RTCPeerConnection.restartIce() (webrtc-pc §4.4.1.6)"
      + " and no createOffer iceRestart option: it cannot restart ICE",
      failureContains = "has no attribute 'restartIce'")
  @DisplayName("jrtc offers, then aiortc restarts ICE mid-transfer (aiortc cannot: no restartIce())")
  void jrtcOffersAiortcRestarts() {
    AiortcCall.run(transcript -> cell(transcript, true, false));
  }

  @Test
  @KnownPeerLimit(value = "aiortc 1.4 has no RTCPeerConnection.restartIce() (webrtc-pc §4.4.1.6)"
      + " and no createOffer iceRestart option: it cannot restart ICE",
      failureContains = "has no attribute 'restartIce'")
  @DisplayName("jrtc answers, then aiortc restarts ICE mid-transfer (aiortc cannot: no restartIce())")
  void jrtcAnswersAiortcRestarts() {
    AiortcCall.run(transcript -> cell(transcript, false, false));
  }

  /**
   * webrtc-pc §5.6: {@code RTCIceTransport.role} is the role the ICE agent has. aiortc never
   * changes its role (it is set by the first offer and aioice switches only on a role conflict,
   * which cannot happen here), so jrtc's agent keeps its role through its own ICE restart, and
   * {@code role()} must keep saying so.
   */
  @Test
  @DisplayName("jrtc answers, then restarts ICE: RTCIceTransport.role stays the agent's role (controlled, aiortc controls)")
  void roleAfterJrtcRestart() {
    AiortcCall.run(transcript -> {
      try (AiortcCall jrtc = new AiortcCall(transcript); AiortcPeer aiortc = AiortcPeer.start(transcript)) {
        jrtc.connect(aiortc, false, List.of(Map.of("label", "from-aiortc")));
        RTCIceTransport ice = jrtc.peer.pc().sctp().transport().iceTransport();
        aiortc.command(Map.of("cmd", "selected_pair"));
        assertThat(aiortc.await("selected_pair", null, T).get("role")).isEqualTo("controlling");
        assertThat(ice.role().value()).as("jrtc's RTCIceTransport.role after the first exchange").isEqualTo("controlled");
        jrtc.expectNewGathering();
        jrtc.peer.pc().restartIce();
        jrtc.peer.setLocalDescription("offer", jrtc.peer.createOffer());
        aiortc.command(Map.of("cmd", "answer", "sdp", jrtc.localAfterGathering(), "channels", List.of()));
        jrtc.peer.setRemoteDescription("answer", Json.asString(aiortc.await("description", null, T).get("sdp")));
        aiortc.command(Map.of("cmd", "selected_pair"));
        Map<String, Object> after = aiortc.await("selected_pair", null, T);
        transcript.record("aiortc after jrtc's restart", after);
        assertThat(after.get("role")).as("aiortc's role after jrtc's restart").isEqualTo("controlling");
        // The answer's parameters reach RTCIceTransport in a task of jrtc's event executor, at a
        // moment the test cannot observe: role() gets 2 s to change, and must not.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (ice.role().value().equals("controlled") && System.nanoTime() < deadline) {
          Thread.sleep(20); // polling pace only
        }
        assertThat(ice.role().value()).as("jrtc's RTCIceTransport.role after its ICE restart (aiortc is %s)",
            after.get("role")).isEqualTo("controlled");
      }
    });
  }

  private static void cell(Transcript transcript, boolean jrtcOffers, boolean jrtcRestarts) throws Exception {
    Thread sender = null;
    try (AiortcCall jrtc = new AiortcCall(transcript); AiortcPeer aiortc = AiortcPeer.start(transcript)) {
      JrtcChannel toAiortc = jrtc.channel("numbered-to-aiortc", null);
      // aiortc offers only with a channel of its own (its createOffer needs media or a channel).
      jrtc.connect(aiortc, jrtcOffers, List.of(Map.of("label", "numbered-to-jrtc")));
      aiortc.await("datachannel", "numbered-to-aiortc", T);
      toAiortc.awaitOpen(T);
      if (jrtcOffers) {
        aiortc.command(Map.of("cmd", "channel", "label", "numbered-to-jrtc"));
      }
      JrtcChannel fromAiortc = jrtc.nextAnnounced(T);
      assertThat(fromAiortc.label()).isEqualTo("numbered-to-jrtc");
      IceRestartCells.NumberedReceiver received = new IceRestartCells.NumberedReceiver();
      fromAiortc.sinkBinary(received::accept);
      fromAiortc.awaitOpen(T);
      aiortc.await("open", "numbered-to-jrtc", T);
      RTCIceTransport ice = jrtc.peer.pc().sctp().transport().iceTransport();

      // Both streams start; each side holds its second half until the restart exchange is done.
      CountDownLatch restartDone = new CountDownLatch(1);
      IceRestartCells.NumberedSender numbered = new IceRestartCells.NumberedSender(toAiortc, restartDone);
      sender = new Thread(numbered, "jrtc-restart-sender");
      sender.setDaemon(true);
      sender.start();
      aiortc.command(Map.of("cmd", "send_numbered", "label", "numbered-to-jrtc", "start", 0, "end", N / 2,
          "size", IceRestartCells.MESSAGE_SIZE));
      received.awaitCount(N / 4, T);
      awaitAiortcReceived(aiortc, N / 4);
      String jrtcUfragBefore = IceRestartCells.ufrag(jrtc.peer.pc().currentLocalDescription().sdp());
      String aiortcUfragBefore = IceRestartCells.ufrag(jrtc.peer.pc().currentRemoteDescription().sdp());

      jrtc.expectNewGathering();
      String answer;
      if (jrtcRestarts) {
        jrtc.peer.pc().restartIce();
        jrtc.peer.setLocalDescription("offer", jrtc.peer.createOffer());
        String offer = jrtc.localAfterGathering();
        transcript.record("ICE restart: jrtc's offer", offer);
        assertThat(IceRestartCells.ufrag(offer)).as("jrtc's restart offer has a new ufrag").isNotEqualTo(jrtcUfragBefore);
        aiortc.command(Map.of("cmd", "answer", "sdp", offer, "channels", List.of()));
        answer = Json.asString(aiortc.await("description", null, T).get("sdp"));
        transcript.record("ICE restart: aiortc's answer", answer);
        jrtc.peer.setRemoteDescription("answer", answer);
      } else {
        // What a W3C client does: restartIce(), then the offer negotiationneeded asks for.
        aiortc.command(Map.of("cmd", "restart_ice"));
        aiortc.await("ok", null, T);
        aiortc.command(Map.of("cmd", "offer", "channels", List.of()));
        String offer = Json.asString(aiortc.await("description", null, T).get("sdp"));
        transcript.record("ICE restart: aiortc's offer", offer);
        jrtc.peer.setRemoteDescription("offer", offer);
        jrtc.peer.setLocalDescription("answer", jrtc.peer.createAnswer());
        answer = jrtc.localAfterGathering();
        aiortc.command(Map.of("cmd", "remote_answer", "sdp", answer));
        aiortc.await("ok", null, T);
      }
      restartDone.countDown();
      aiortc.command(Map.of("cmd", "send_numbered", "label", "numbered-to-jrtc", "start", N / 2, "end", N,
          "size", IceRestartCells.MESSAGE_SIZE));

      // Every message arrives once and in order, both ways, and the hashes match.
      sender.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(numbered.failure.get()).as("jrtc sender").isNull();
      assertThat(numbered.sha256.get()).as("jrtc sent everything").isNotNull();
      Map<String, Object> atAiortc = awaitAiortcReceived(aiortc, N);
      assertThat(atAiortc.get("error")).as("order of jrtc's messages at aiortc").isNull();
      assertThat(atAiortc.get("sha256")).as("SHA-256 of jrtc's 4 MiB at aiortc").isEqualTo(numbered.sha256.get());
      Map<String, Object> sent = aiortc.awaitMatch("aiortc sent everything", e -> "numbered_sent".equals(e.get("event"))
          && ((Number) e.get("end")).intValue() == N, Duration.ofSeconds(60));
      received.awaitCount(N, Duration.ofSeconds(60));
      assertThat(received.error.get()).as("order of aiortc's messages at jrtc").isNull();
      assertThat(received.sha256()).as("SHA-256 of aiortc's 4 MiB at jrtc").isEqualTo(sent.get("sha256"));

      // The restart itself: new credentials on both sides, a selected pair of the new generation.
      String jrtcUfrag = IceRestartCells.ufrag(jrtc.peer.pc().currentLocalDescription().sdp());
      String aiortcUfrag = IceRestartCells.ufrag(jrtc.peer.pc().currentRemoteDescription().sdp());
      aiortc.command(Map.of("cmd", "selected_pair"));
      Map<String, Object> aiortcPair = aiortc.await("selected_pair", null, T);
      transcript.record("after the restart: ufrags", Map.of("jrtc", jrtcUfragBefore + " -> " + jrtcUfrag,
          "aiortc", aiortcUfragBefore + " -> " + aiortcUfrag));
      transcript.record("after the restart: aiortc's nominated pair (aioice)", aiortcPair);
      transcript.record("after the restart: jrtc's selected pair", AiortcCall.describe(jrtc.selectedPair()));
      assertThat(jrtcUfrag).as("jrtc's currentLocalDescription ufrag after the restart").isNotEqualTo(jrtcUfragBefore);
      // RFC 8839 §4.4.1.2.2: the answer to a restart offer has new credentials.
      assertThat(aiortcUfrag).as(jrtcRestarts ? "aiortc's answer to jrtc's ICE restart offer has new credentials"
          : "aiortc's restart offer has new credentials").isNotEqualTo(aiortcUfragBefore);
      assertThat(ice.getLocalParameters().usernameFragment()).isEqualTo(jrtcUfrag);
      assertThat(ice.getRemoteParameters().usernameFragment()).isEqualTo(aiortcUfrag);
      assertThat(Json.asObject(aiortcPair.get("pair")).get("remoteUfrag")).as("aiortc checks with jrtc's new ufrag")
          .isEqualTo(jrtcUfrag);
      assertThat(jrtc.peer.pc().connectionState().value()).isEqualTo("connected");
      assertThat(jrtc.states()).doesNotContain("failed", "closed");
    } finally {
      if (sender != null) {
        sender.interrupt();
      }
    }
  }

  /** Waits until aiortc counted {@code n} numbered messages from jrtc (or one out of order); returns its digest. */
  private static Map<String, Object> awaitAiortcReceived(AiortcPeer aiortc, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      aiortc.command(Map.of("cmd", "numbered_digest", "label", "numbered-to-aiortc"));
      Map<String, Object> d = aiortc.await("numbered_digest", "numbered-to-aiortc", T);
      if (((Number) d.get("next")).intValue() >= n || d.get("error") != null) {
        return d;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("aiortc received " + d.get("next") + " of the " + n + " numbered messages expected");
      }
      Thread.sleep(50); // polling pace only
    }
  }
}
