package dev.jrtc.interop;

import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCDataChannelInit;
import dev.jrtc.RTCIceCandidate;
import dev.jrtc.RTCIceCandidatePair;
import dev.jrtc.RTCIceGatheringState;
import dev.jrtc.RTCPeerConnectionState;
import dev.jrtc.RTCSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The jrtc side of an aiortc cell: a peer on its own event executor, the channels aiortc announces,
 * its connection states, its candidates as they are gathered, and the offer/answer with an
 * {@link AiortcPeer}: complete descriptions (non-trickle), or trickled candidates both ways.
 */
final class AiortcCall implements AutoCloseable {

  static final Duration T = Duration.ofSeconds(20);

  final JrtcPeer peer;
  private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "jrtc-events");
    t.setDaemon(true);
    return t;
  });
  private final LinkedBlockingQueue<JrtcChannel> announced = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> connected = new CompletableFuture<>();
  /** Completes when jrtc's current ICE generation ends gathering; replaced on an ICE restart. */
  private volatile CompletableFuture<Void> gathered = new CompletableFuture<>();
  /** jrtc's candidates not yet given to aiortc; an empty candidate string is the end of them. */
  private final LinkedBlockingQueue<RTCIceCandidate> candidates = new LinkedBlockingQueue<>();
  private final List<String> states = new ArrayList<>();
  private final List<String> toAiortc = new ArrayList<>();
  private final List<String> toJrtc = new ArrayList<>();

  AiortcCall(Transcript transcript) {
    peer = new JrtcPeer(RTCConfiguration.defaults(), RTCSettings.builder().eventExecutor(events).build());
    peer.reportTo(transcript);
    transcript.live("jrtc connectionState (history)", () -> peer.pc().connectionState().value() + " " + states());
    transcript.live("jrtc selected pair", () -> describe(selectedPair()));
    transcript.live("candidates trickled to aiortc", () -> copy(toAiortc));
    transcript.live("candidates trickled to jrtc", () -> copy(toJrtc));
    peer.pc().onConnectionStateChange(e -> {
      RTCPeerConnectionState s = peer.pc().connectionState();
      synchronized (states) {
        states.add(s.value());
      }
      if (s == RTCPeerConnectionState.CONNECTED) {
        connected.complete(null);
      }
    });
    peer.pc().onIceGatheringStateChange(e -> {
      if (peer.pc().iceGatheringState() == RTCIceGatheringState.COMPLETE) {
        gathered.complete(null);
      }
    });
    peer.pc().onIceCandidate(e -> {
      RTCIceCandidate c = e.candidate();
      if (c != null) {
        candidates.add(c); // an empty candidate string is the end-of-candidates indication
      }
    });
    peer.pc().onDataChannel(e -> announced.add(new JrtcChannel(e.channel())));
  }

  private static List<String> copy(List<String> list) {
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  /** Every connectionstatechange so far, as the state after it. */
  List<String> states() {
    return copy(states);
  }

  JrtcChannel channel(String label, RTCDataChannelInit init) throws Exception {
    return events.submit(() -> new JrtcChannel(init == null ? peer.pc().createDataChannel(label)
        : peer.pc().createDataChannel(label, init))).get(20, TimeUnit.SECONDS);
  }

  JrtcChannel nextAnnounced(Duration timeout) throws InterruptedException {
    JrtcChannel ch = announced.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (ch == null) {
      throw new AssertionError("jrtc: no datachannel event within " + timeout);
    }
    return ch;
  }

  /** Non-trickle offer/answer with aiortc; {@code aiortcChannels} are what aiortc creates before offering. */
  void connect(AiortcPeer aiortc, boolean jrtcOffers, List<Map<String, Object>> aiortcChannels) throws Exception {
    exchange(aiortc, jrtcOffers, aiortcChannels, false, false);
    awaitConnected(aiortc);
  }

  /**
   * Offer/answer with aiortc. Non-trickle: each side's description carries all its candidates.
   * Trickle: jrtc's description goes without candidates and each of jrtc's candidates, then the
   * end of them, goes to aiortc's addIceCandidate; aiortc's description comes without candidates
   * (taken out by the script) and each of its candidates, then the end of them, goes to jrtc's
   * addIceCandidate. {@code audio}: aiortc offers a recvonly audio transceiver too.
   */
  void exchange(AiortcPeer aiortc, boolean jrtcOffers, List<Map<String, Object>> aiortcChannels, boolean trickle,
      boolean audio) throws Exception {
    if (jrtcOffers) {
      peer.setLocalDescription("offer", peer.createOffer());
      String offer = trickle ? peer.pc().localDescription().sdp() : localAfterGathering();
      List<Map<String, Object>> negotiated = aiortcChannels.stream()
          .filter(c -> Boolean.TRUE.equals(c.get("negotiated"))).toList();
      aiortc.command(Map.of("cmd", "answer", "sdp", offer, "channels", negotiated, "trickle", trickle));
      peer.setRemoteDescription("answer", Json.asString(aiortc.await("description", null, T).get("sdp")));
    } else {
      aiortc.command(Map.of("cmd", "offer", "channels", aiortcChannels, "trickle", trickle, "audio", audio));
      peer.setRemoteDescription("offer", Json.asString(aiortc.await("description", null, T).get("sdp")));
      peer.setLocalDescription("answer", peer.createAnswer());
      aiortc.command(Map.of("cmd", "remote_answer", "sdp", trickle ? peer.pc().localDescription().sdp()
          : localAfterGathering()));
      aiortc.await("ok", null, T);
    }
    if (trickle) {
      trickle(aiortc);
    }
  }

  /** aiortc's candidate events into jrtc's addIceCandidate, jrtc's candidates into aiortc's, both up to their end. */
  private void trickle(AiortcPeer aiortc) throws Exception {
    while (true) {
      Map<String, Object> c = aiortc.await("candidate", null, T);
      String candidate = Json.asString(c.get("candidate"));
      synchronized (toJrtc) {
        toJrtc.add(candidate.isEmpty() ? "(end of candidates)" : candidate);
      }
      peer.addIceCandidate(candidate, Json.asString(c.get("sdpMid")));
      if (candidate.isEmpty()) {
        break;
      }
    }
    long deadline = System.nanoTime() + T.toNanos();
    while (true) {
      RTCIceCandidate c = candidates.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (c == null) {
        throw new AssertionError("jrtc: no end of candidates within " + T);
      }
      synchronized (toAiortc) {
        toAiortc.add(c.candidate().isEmpty() ? "(end of candidates)" : c.candidate());
      }
      aiortc.command(Map.of("cmd", "add_candidate", "candidate", c.candidate(), "sdpMid", c.sdpMid()));
      aiortc.await("ok", null, T);
      if (c.candidate().isEmpty()) {
        return;
      }
    }
  }

  /** Both sides report connected. */
  void awaitConnected(AiortcPeer aiortc) throws Exception {
    aiortc.awaitMatch("connection state connected", e -> "connectionstate".equals(e.get("event"))
        && "connected".equals(e.get("state")), T);
    try {
      connected.get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("jrtc connectionState did not reach connected within 20 s: "
          + peer.pc().connectionState().value() + " history " + states());
    }
  }

  /** jrtc's local description once its current ICE generation ended gathering. */
  String localAfterGathering() throws Exception {
    if (peer.pc().iceGatheringState() != RTCIceGatheringState.COMPLETE || !gathered.isDone()) {
      gathered.get(20, TimeUnit.SECONDS);
    }
    return peer.pc().localDescription().sdp();
  }

  /** Before an ICE restart: jrtc gathers again for its new credentials (RFC 8445 §9). */
  void expectNewGathering() {
    gathered = new CompletableFuture<>();
    candidates.clear();
  }

  RTCIceCandidatePair selectedPair() {
    return peer.pc().sctp() == null ? null : peer.pc().sctp().transport().iceTransport().getSelectedCandidatePair();
  }

  static String describe(RTCIceCandidatePair pair) {
    return pair == null ? "(none)" : pair.local().candidate() + "  <->  " + pair.remote().candidate();
  }

  @Override
  public void close() {
    peer.close();
    events.shutdown();
  }

  // ------------------------------------------------------------------ running a cell

  /** A cell's body. */
  interface Body {
    void run(Transcript transcript) throws Exception;
  }

  /** Runs a cell; a failure carries the transcript of both sides. */
  static void run(Body body) {
    Transcript transcript = new Transcript();
    try {
      body.run(transcript);
    } catch (Throwable failure) {
      AssertionError reported = new AssertionError(failure + "\n\n=== what the two sides said ===\n"
          + transcript.render(), failure);
      reported.setStackTrace(failure.getStackTrace());
      throw reported;
    }
  }
}
