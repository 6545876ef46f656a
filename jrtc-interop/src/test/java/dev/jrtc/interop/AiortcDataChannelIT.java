package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.RTCDataChannelInit;
import dev.jrtc.RTCDataChannelState;
import dev.jrtc.RTCIceCandidatePair;
import dev.jrtc.RTCPeerConnectionState;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, the jrtc &lt;-&gt; aiortc data channel cells (aiortc 1.4: aioice, OpenSSL DTLS, its own
 * SCTP), aiortc run by {@link AiortcPeer}. aiortc does not trickle (its descriptions carry every
 * candidate once gathering is done), so both sides exchange complete descriptions. Each failure
 * carries what both sides said.
 */
class AiortcDataChannelIT {

  private static final Duration T = AiortcCall.T;
  private static final int BULK = 16 << 20;
  private static final int CHUNK = 64 << 10;

  @BeforeAll
  static void insideTheNamespace() {
    PrivateNetwork.require();
  }

  @Test
  @DisplayName("self-check: two aiortc peers connect a data channel inside the namespace")
  void selfCheck() {
    AiortcCall.run(transcript -> {
      try (AiortcPeer aiortc = AiortcPeer.start(transcript)) {
        aiortc.command(Map.of("cmd", "selfcheck"));
        Map<String, Object> r = aiortc.await("selfcheck", null, T);
        assertThat(r.get("message")).isEqualTo("echo:ping");
        assertThat(r.get("state")).isEqualTo("connected");
        assertThat(PrivateNetwork.candidateAddressInside(Json.asString(r.get("local")))).isTrue();
        assertThat(PrivateNetwork.candidateAddressInside(Json.asString(r.get("remote")))).isTrue();
        List<Object> candidates = Json.asArray(r.get("candidates"));
        assertThat(candidates).isNotEmpty();
        for (Object c : candidates) {
          String address = Json.asString(c).split(" ")[4];
          assertThat(PrivateNetwork.candidateAddressInside(address)).as("candidate %s", c).isTrue();
        }
      }
    });
  }

  @Test
  @DisplayName("jrtc offers: connected, pair in the namespace, channels both ways (in-band, negotiated) echo, 16 MiB each way")
  void jrtcOffers() {
    AiortcCall.run(transcript -> cell(transcript, true));
  }

  @Test
  @DisplayName("jrtc answers: connected, pair in the namespace, channels both ways (in-band, negotiated) echo, 16 MiB each way")
  void jrtcAnswers() {
    AiortcCall.run(transcript -> cell(transcript, false));
  }

  @Test
  @DisplayName("aiortc closes a channel and then the connection: jrtc sees closing/close and the SCTP transport closed")
  void aiortcCloses() {
    AiortcCall.run(transcript -> closes(transcript, true));
  }

  @Test
  @DisplayName("jrtc closes a channel and then the connection: aiortc sees both closes")
  void jrtcCloses() {
    AiortcCall.run(transcript -> closes(transcript, false));
  }

  // ------------------------------------------------------------------ the cells

  private static void cell(Transcript transcript, boolean jrtcOffers) throws Exception {
    try (AiortcCall jrtc = new AiortcCall(transcript); AiortcPeer aiortc = AiortcPeer.start(transcript)) {
      JrtcChannel negotiated = jrtc.channel("negotiated", RTCDataChannelInit.builder().negotiated(true).id(7).build());
      JrtcChannel fromJrtc = jrtcOffers ? jrtc.channel("from-jrtc", null) : null;
      jrtc.connect(aiortc, jrtcOffers, List.of(Map.of("label", "from-aiortc"),
          Map.of("label", "negotiated", "negotiated", true, "id", 7)));
      RTCIceCandidatePair pair = jrtc.selectedPair();
      transcript.record("jrtc selected pair", pair == null ? null : pair.local().candidate() + " <-> " + pair.remote().candidate());
      assertThat(pair).isNotNull();
      assertThat(PrivateNetwork.candidateAddressInside(pair.local().address())).as("jrtc local").isTrue();
      assertThat(PrivateNetwork.candidateAddressInside(pair.remote().address())).as("jrtc remote").isTrue();
      if (!jrtcOffers) {
        fromJrtc = jrtc.channel("from-jrtc", null);
      } else {
        aiortc.command(Map.of("cmd", "channel", "label", "from-aiortc"));
      }
      JrtcChannel fromAiortc = jrtc.nextAnnounced(T);
      assertThat(fromAiortc.label()).isEqualTo("from-aiortc");
      for (JrtcChannel ch : List.of(fromJrtc, negotiated, fromAiortc)) {
        ch.awaitOpen(T);
        String text = "héllo ✓ " + ch.label();
        ch.channel().send(text);
        assertThat(ch.nextText(T)).isEqualTo(text);
        byte[] binary = new byte[1500];
        new Random(42).nextBytes(binary);
        ch.channel().send(binary);
        assertThat(ch.nextBinary(T)).isEqualTo(binary);
        assertThat(aiortc.await("message", ch.label(), T).get("text")).isEqualTo(text);
        assertThat(aiortc.await("message", ch.label(), T).get("binary")).isEqualTo(1500L);
      }
      assertThat(negotiated.channel().id()).isEqualTo(7);

      // 16 MiB jrtc -> aiortc.
      JrtcChannel sinkA = jrtc.channel("sink-to-aiortc", null);
      sinkA.awaitOpen(T);
      aiortc.await("datachannel", "sink-to-aiortc", T);
      MessageDigest sent = MessageDigest.getInstance("SHA-256");
      Random random = new Random(6);
      for (int off = 0; off < BULK; off += CHUNK) {
        byte[] chunk = new byte[CHUNK];
        random.nextBytes(chunk);
        sent.update(chunk);
        sinkA.sendPaced(chunk, 1 << 20, Duration.ofSeconds(60));
      }
      String expected = HexFormat.of().formatHex(sent.digest());
      Map<String, Object> digest = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        aiortc.command(Map.of("cmd", "sink_digest", "label", "sink-to-aiortc"));
        digest = aiortc.await("sink_digest", "sink-to-aiortc", T);
        if (((Number) digest.get("bytes")).longValue() >= BULK) {
          break;
        }
        Thread.sleep(100); // polling pace only
      }
      assertThat(digest.get("bytes")).isEqualTo((long) BULK);
      assertThat(digest.get("sha256")).as("SHA-256 of the 16 MiB jrtc sent, computed by aiortc").isEqualTo(expected);

      // 16 MiB aiortc -> jrtc.
      aiortc.command(Map.of("cmd", "channel", "label", "sink-to-jrtc"));
      JrtcChannel sinkB = jrtc.nextAnnounced(T);
      MessageDigest received = MessageDigest.getInstance("SHA-256");
      AtomicLong receivedBytes = new AtomicLong();
      CompletableFuture<Void> all = new CompletableFuture<>();
      sinkB.sinkBinary(b -> {
        received.update(b);
        if (receivedBytes.addAndGet(b.length) >= BULK) {
          all.complete(null);
        }
      });
      sinkB.awaitOpen(T);
      aiortc.await("open", "sink-to-jrtc", T);
      aiortc.command(Map.of("cmd", "send_bulk", "label", "sink-to-jrtc", "total", BULK, "chunk", CHUNK));
      Map<String, Object> bulk = aiortc.await("bulk_sent", "sink-to-jrtc", Duration.ofSeconds(90));
      all.get(60, TimeUnit.SECONDS);
      assertThat(receivedBytes.get()).isEqualTo(BULK);
      assertThat(HexFormat.of().formatHex(received.digest())).as("SHA-256 of the 16 MiB aiortc sent")
          .isEqualTo(bulk.get("sha256"));
    }
  }

  private static void closes(Transcript transcript, boolean aiortcCloses) throws Exception {
    try (AiortcCall jrtc = new AiortcCall(transcript); AiortcPeer aiortc = AiortcPeer.start(transcript)) {
      JrtcChannel one = jrtc.channel("one", null);
      JrtcChannel survivor = jrtc.channel("survivor", null);
      jrtc.connect(aiortc, true, List.of());
      one.awaitOpen(T);
      survivor.awaitOpen(T);
      aiortc.await("datachannel", "one", T);
      aiortc.await("datachannel", "survivor", T);
      if (aiortcCloses) {
        aiortc.command(Map.of("cmd", "close_channel", "label", "one"));
        one.awaitClose(T);
        // webrtc-pc §6.2 "closing procedure": a remote reset fires closing, then close.
        assertThat(one.events()).containsExactly("open", "closing", "close");
        survivor.channel().send("still here");
        assertThat(survivor.nextText(T)).isEqualTo("still here");
        aiortc.command(Map.of("cmd", "close"));
        survivor.awaitClose(T);
        assertThat(survivor.channel().readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        assertThat(jrtc.peer.pc().sctp().state().value()).isEqualTo("closed");
      } else {
        one.channel().close();
        aiortc.await("close", "one", T);
        one.awaitClose(T);
        assertThat(one.events()).containsExactly("open", "close");
        survivor.channel().send("still here");
        assertThat(survivor.nextText(T)).isEqualTo("still here");
        jrtc.peer.pc().close();
        assertThat(jrtc.peer.pc().connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
        aiortc.await("close", "survivor", T);
      }
    }
  }
}
