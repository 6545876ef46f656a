package dev.jrtc.interop;

import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCDataChannel;
import dev.jrtc.RTCIceCandidate;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCSettings;
import dev.jrtc.common.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The cross pairs of {@link PeersBench}: jrtc offers to another peer (a browser page, {@link
 * PeersBenchBrowser}, or {@code aiortc_bench.py}, {@link PeersBenchAiortc}) that answers. jrtc
 * sends its complete offer (after its host gathering) and the peer returns its answer in one step.
 * Setup is timed at jrtc, minus that step's transit (its time at jrtc less the answer's time at
 * the peer; its median is reported apart). Bulk goes jrtc to the peer and is timed there; round
 * trips are timed at jrtc.
 */
final class PeersBenchCross {

  private static final Clock CLOCK = Clock.system();

  /** The answering peer's side of each step, over whatever drives it. */
  interface Answerer {
    /**
     * Answers jrtc's complete offer {@code sdp}: the answer's {@code "sdp"}, and {@code "ms"} the
     * time the peer took for it.
     */
    Map<String, Object> answer(String sdp);

    /** Readies the peer to count {@code bytes} coming on channel "bench". */
    void armBulk(long bytes);

    /** Waits for the armed transfer: {@code "bytes"} received and {@code "ms"} the peer took. */
    Map<String, Object> bulkResult();

    /** Makes the peer echo what channel "bench" brings from now on. */
    void echo();

    /** Closes the peer's connection. */
    void closeRemote();
  }

  private PeersBenchCross() {}

  /**
   * Runs the plan's setups, then bulk transfers of {@code bulkBytes} (after one warm-up) and round
   * trips on one connection, against {@code peer} named {@code peerName}; {@code clock} says where
   * the figures were timed.
   */
  static PeersBenchStats.Figures run(PeersBench.Plan plan, long bulkBytes, Answerer peer, String peerName,
      String clock) throws Exception {
    double[] setup = new double[plan.setupRuns()];
    double[] transit = new double[plan.setupRuns()];
    for (int i = 0; i < setup.length; i++) {
      try (Cross c = connect(peer)) {
        setup[i] = c.setupNanos / 1e6;
        transit[i] = c.transitNanos / 1e6;
      }
    }
    try (Cross c = connect(peer)) {
      String path = PeersBenchJrtc.selectedPath(c.pc);
      double[] mbps = new double[plan.bulkRuns()];
      for (int i = -1; i < mbps.length; i++) {
        long bytes = i < 0 ? PeersBench.Plan.warmUpBytes(bulkBytes) : bulkBytes;
        peer.armBulk(bytes);
        CompletableFuture<long[]> received = CompletableFuture.supplyAsync(() -> {
          Map<String, Object> r = peer.bulkResult();
          return new long[] {((Number) r.get("bytes")).longValue(),
              Math.round(((Number) r.get("ms")).doubleValue() * 1e6)};
        });
        PeersBenchJrtc.Pump pump = PeersBenchJrtc.Pump.start(c.tx, bytes);
        long[] r = PeersBenchJrtc.await(received, pump, "bulk to " + peerName);
        if (i >= 0) {
          mbps[i] = r[0] / 1e6 / (Math.max(r[1], 1) / 1e9);
        }
      }
      peer.echo();
      double[] rtt = PeersBenchJrtc.pingPong(c.tx, plan.warmRoundTrips(), plan.roundTrips());
      return PeersBenchStats.Figures.of(setup, mbps, bulkBytes, rtt, clock, path).withTransit(transit);
    }
  }

  /** jrtc offerer and the peer's answerer, channel "bench" open at jrtc. */
  private static final class Cross implements AutoCloseable {
    final RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.defaults(), RTCSettings.defaults());
    final Answerer peer;
    RTCDataChannel tx;
    long setupNanos;
    long transitNanos;

    Cross(Answerer peer) {
      this.peer = peer;
    }

    @Override
    public void close() {
      pc.close();
      peer.closeRemote();
    }
  }

  private static Cross connect(Answerer peer) throws Exception {
    Cross c = new Cross(peer);
    try {
      CompletableFuture<Void> gathered = new CompletableFuture<>();
      c.pc.onIceCandidate(e -> {
        RTCIceCandidate candidate = e.candidate();
        if (candidate == null || candidate.candidate().isEmpty()) {
          gathered.complete(null);
        }
      });
      CompletableFuture<Long> opened = new CompletableFuture<>();
      c.tx = c.pc.createDataChannel("bench");
      c.tx.onOpen(e -> opened.complete(CLOCK.monotonicNanos()));
      long t0 = CLOCK.monotonicNanos();
      PeersBenchJrtc.join(c.pc.setLocalDescription(PeersBenchJrtc.join(c.pc.createOffer(), "createOffer")),
          "setLocalDescription(offer)");
      PeersBenchJrtc.awaitGathered(c.pc, gathered);
      long sent = CLOCK.monotonicNanos();
      Map<String, Object> answer = peer.answer(c.pc.localDescription().sdp());
      c.transitNanos = CLOCK.monotonicNanos() - sent
          - Math.round(((Number) answer.get("ms")).doubleValue() * 1e6);
      PeersBenchJrtc.join(c.pc.setRemoteDescription(PeersBenchJrtc.description("answer",
          Json.asString(answer.get("sdp")))), "setRemoteDescription(answer)");
      c.setupNanos = PeersBenchJrtc.join(opened, "the open event") - t0 - c.transitNanos;
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }
}
