package dev.jrtc.interop;

import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCDataChannel;
import dev.jrtc.RTCIceCandidate;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCSettings;
import dev.jrtc.common.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The aiortc pairs of {@link PeersBench}, driven through {@code aiortc_bench.py} (Debian's
 * python3-aiortc in a child process, JSON lines on its stdin and stdout): aiortc on both sides
 * (two peers of that process, timed there with {@code time.perf_counter_ns()}), and jrtc offering
 * to aiortc (timed in this JVM at jrtc; the receiver's throughput timed in the script).
 */
final class PeersBenchAiortc implements AutoCloseable {

  private static final Clock CLOCK = Clock.system();
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(PeersBenchJrtc.TIMEOUT_SECONDS * 3);

  private final AiortcPeer script;
  private final String version;

  private PeersBenchAiortc(AiortcPeer script, String version) {
    this.script = script;
    this.version = version;
  }

  /** aiortc's {@code __version__}, as the script reported it when it started. */
  String version() {
    return version;
  }

  /** Starts {@code aiortc_bench.py}; fails when Debian's python3 or its aiortc is missing. */
  static PeersBenchAiortc start() {
    if (!java.nio.file.Files.isExecutable(AiortcPeer.PYTHON)) {
      throw new IllegalStateException(AiortcPeer.PYTHON + " is missing: install Debian's python3-aiortc");
    }
    AiortcPeer script = AiortcPeer.startScript("aiortc_bench.py");
    try {
      return new PeersBenchAiortc(script, String.valueOf(script.await("hello", null, STEP_TIMEOUT).get("aiortc")));
    } catch (AssertionError e) {
      String stderr = script.stderrTail();
      script.close();
      throw new IllegalStateException(e.getMessage() + "\n" + stderr, e);
    }
  }

  private Map<String, Object> call(Map<String, ?> command, String reply) {
    script.command(command);
    try {
      return script.await(reply, null, STEP_TIMEOUT);
    } catch (AssertionError e) {
      throw new IllegalStateException(e.getMessage() + "\n" + script.stderrTail(), e);
    }
  }

  /** aiortc on both sides, in the script's process. */
  PeersBenchStats.Figures localPair(PeersBench.Plan plan) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("cmd", "local");
    c.put("setupRuns", plan.setupRuns());
    c.put("bulkRuns", plan.bulkRuns());
    c.put("bulkBytes", plan.aiortcBulkBytes());
    c.put("warmBytes", PeersBench.Plan.warmUpBytes(plan.aiortcBulkBytes()));
    c.put("warm", plan.warmRoundTrips());
    c.put("roundTrips", plan.roundTrips());
    Map<String, Object> r = call(c, "local");
    Object path = r.get("path");
    return PeersBenchStats.Figures.of(numbers(r.get("setupMs")), numbers(r.get("mbps")), plan.aiortcBulkBytes(),
        numbers(r.get("rttUs")), "aiortc process, time.perf_counter_ns", path == null ? null : path.toString());
  }

  /**
   * jrtc offers its complete description (after its host gathering); aiortc answers with all its
   * candidates (it gathers inside setLocalDescription and does not trickle). Setup is timed at
   * jrtc minus the pipe's transit (the answer's time at jrtc less its time in the script); bulk
   * goes jrtc to aiortc, timed there.
   */
  PeersBenchStats.Figures jrtcToAiortc(PeersBench.Plan plan) throws Exception {
    double[] setup = new double[plan.setupRuns()];
    double[] transit = new double[plan.setupRuns()];
    for (int i = 0; i < setup.length; i++) {
      try (Cross c = connect()) {
        setup[i] = c.setupNanos / 1e6;
        transit[i] = c.transitNanos / 1e6;
      }
    }
    try (Cross c = connect()) {
      String path = PeersBenchJrtc.selectedPath(c.pc);
      long bytes = plan.aiortcBulkBytes();
      double[] mbps = new double[plan.bulkRuns()];
      for (int i = -1; i < mbps.length; i++) {
        long size = i < 0 ? PeersBench.Plan.warmUpBytes(bytes) : bytes;
        call(Map.of("cmd", "arm_bulk", "bulkBytes", size), "armed");
        CompletableFuture<long[]> received = CompletableFuture.supplyAsync(() -> {
          Map<String, Object> r = script.await("bulk", null, STEP_TIMEOUT);
          return new long[] {((Number) r.get("bytes")).longValue(),
              Math.round(((Number) r.get("ms")).doubleValue() * 1e6)};
        });
        PeersBenchJrtc.Pump pump = PeersBenchJrtc.Pump.start(c.tx, size);
        long[] r = PeersBenchJrtc.await(received, pump, "bulk to aiortc");
        if (i >= 0) {
          mbps[i] = r[0] / 1e6 / (Math.max(r[1], 1) / 1e9);
        }
      }
      call(Map.of("cmd", "echo"), "echo");
      double[] rtt = PeersBenchJrtc.pingPong(c.tx, plan.warmRoundTrips(), plan.roundTrips());
      return PeersBenchStats.Figures.of(setup, mbps, bytes, rtt,
          "this JVM at jrtc; MB/s in the aiortc process", path).withTransit(transit);
    }
  }

  /** jrtc offerer and the script's answerer, channel "bench" open at jrtc. */
  private final class Cross implements AutoCloseable {
    final RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.defaults(), RTCSettings.defaults());
    RTCDataChannel tx;
    long setupNanos;
    long transitNanos;

    @Override
    public void close() {
      pc.close();
      call(Map.of("cmd", "close_remote"), "closed");
    }
  }

  private Cross connect() throws Exception {
    Cross c = new Cross();
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
      Map<String, Object> answer = call(Map.of("cmd", "answer", "sdp", c.pc.localDescription().sdp()), "answer");
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

  private static double[] numbers(Object array) {
    List<Object> list = Json.asArray(array);
    double[] d = new double[list.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) list.get(i)).doubleValue();
    }
    return d;
  }

  @Override
  public void close() {
    script.close();
  }
}
