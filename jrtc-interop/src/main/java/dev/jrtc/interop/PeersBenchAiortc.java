package dev.jrtc.interop;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aiortc pairs of {@link PeersBench}, driven through {@code aiortc_bench.py} (Debian's
 * python3-aiortc in a child process, JSON lines on its stdin and stdout): aiortc on both sides
 * (two peers of that process, timed there with {@code time.perf_counter_ns()}), and jrtc offering
 * to aiortc (timed in this JVM at jrtc; the receiver's throughput timed in the script).
 */
final class PeersBenchAiortc implements AutoCloseable {

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
    c.putAll(plan.localPairArgs(plan.aiortcBulkBytes()));
    return PeersBenchStats.Figures.ofLocalPair(call(c, "local"), plan.aiortcBulkBytes(),
        "aiortc process, time.perf_counter_ns");
  }

  /**
   * jrtc offers its complete description (after its host gathering); aiortc answers with all its
   * candidates (it gathers inside setLocalDescription and does not trickle). Setup is timed at
   * jrtc minus the pipe's transit (the answer's time at jrtc less its time in the script); bulk
   * goes jrtc to aiortc, timed there ({@link PeersBenchCross}).
   */
  PeersBenchStats.Figures jrtcToAiortc(PeersBench.Plan plan) throws Exception {
    return PeersBenchCross.run(plan, plan.aiortcBulkBytes(), new PeersBenchCross.Answerer() {
      @Override
      public Map<String, Object> answer(String sdp) {
        return call(Map.of("cmd", "answer", "sdp", sdp), "answer");
      }

      @Override
      public void armBulk(long bytes) {
        call(Map.of("cmd", "arm_bulk", "bulkBytes", bytes), "armed");
      }

      @Override
      public Map<String, Object> bulkResult() {
        return script.await("bulk", null, STEP_TIMEOUT);
      }

      @Override
      public void echo() {
        call(Map.of("cmd", "echo"), "echo");
      }

      @Override
      public void closeRemote() {
        call(Map.of("cmd", "close_remote"), "closed");
      }
    }, "aiortc", "this JVM at jrtc; MB/s in the aiortc process");
  }

  @Override
  public void close() {
    script.close();
  }
}
