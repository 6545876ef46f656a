package dev.jrtc.bench;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.internal.net.IoThreads;
import dev.jrtc.internal.net.UdpMux;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./jrtc bench ice}: the ICE runtime on real UDP, whole process, 127.0.0.1 only.
 *
 * <ul>
 *   <li>{@code connect_ms}: from the start of gathering to both agents {@code connected} (the
 *       nominated pair selected on both sides, RFC 8445 §8.1) for two agents with host
 *       candidates on loopback: the first (cold JVM) run and the median of the warm runs.</li>
 *   <li>{@code pairs}: that many agent pairs started at once in this JVM; the wall time until
 *       all are connected, the peak live thread count and the heap per pair (used heap after GC
 *       with every pair connected, minus before). Once with a UDP socket per agent, once with
 *       the controlled side of every pair on one shared {@link UdpMux} port (a server behind
 *       one open port) and the controlling side on a socket per agent (its clients). An
 *       unreported round per mode runs first so that neither mode is measured on a cold JIT.</li>
 *   <li>{@code stun_rps}: authenticated Binding requests per second one agent answers on one
 *       shared port, with a client thread keeping a window of requests in flight
 *       ({@link IceStunClient}): after 3 s of warm-up, the median of the 1-second rates.</li>
 * </ul>
 *
 * <p>Each phase also reports where the CPU went, per thread group ({@link IceThreadCpu}), and
 * the STUN phase the heap allocated and the agent's CPU time per answered request. Options:
 * {@code --quick}, {@code --runs N}, {@code --pairs N}, {@code --mode sockets|mux|both},
 * {@code --stun-seconds S}, {@code --window W}.
 */
final class IceBench implements BenchMain.Bench {
  private static final long WAIT_SECONDS = 10;

  /** The command-line settings. */
  record Options(int runs, int pairs, List<String> modes, int stunSeconds, int window) {
    static Options parse(List<String> args) {
      boolean quick = args.contains("--quick");
      int runs = quick ? 10 : 30;
      int pairs = quick ? 200 : 1000;
      List<String> modes = List.of("sockets", "mux");
      int stunSeconds = quick ? 2 : 5;
      int window = 64;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        switch (a) {
          case "--quick":
            break;
          case "--runs":
            runs = positive(args, ++i, a);
            break;
          case "--pairs":
            pairs = positive(args, ++i, a);
            break;
          case "--mode":
            String m = value(args, ++i, a);
            if (!m.equals("sockets") && !m.equals("mux") && !m.equals("both")) {
              throw new IllegalArgumentException("--mode must be sockets, mux or both: " + m);
            }
            modes = m.equals("both") ? List.of("sockets", "mux") : List.of(m);
            break;
          case "--stun-seconds":
            stunSeconds = positive(args, ++i, a);
            break;
          case "--window":
            window = positive(args, ++i, a);
            if (window > 4096) {
              throw new IllegalArgumentException("--window must be at most 4096: " + window);
            }
            break;
          default:
            throw new IllegalArgumentException("unknown option " + a
                + " (options: --quick, --runs N, --pairs N, --mode sockets|mux|both, --stun-seconds S, --window W)");
        }
      }
      return new Options(runs, pairs, modes, stunSeconds, window);
    }

    private static String value(List<String> args, int i, String flag) {
      if (i >= args.size()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args.get(i);
    }

    private static int positive(List<String> args, int i, String flag) {
      String v = value(args, i, flag);
      try {
        int n = Integer.parseInt(v);
        if (n < 1) {
          throw new IllegalArgumentException(flag + " must be at least 1: " + v);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " needs a number: " + v);
      }
    }
  }

  @Override
  public String description() {
    return "ICE on real UDP over 127.0.0.1: connect time, 1,000 agent pairs at once (threads, heap), "
        + "STUN requests/s on one port";
  }

  @Override
  public Map<String, Object> run(List<String> args, PrintStream out) throws Exception {
    Options o = Options.parse(args);
    long maxFiles = maxOpenFiles();
    out.printf(Locale.ROOT, "ICE on real UDP, 127.0.0.1 only (NetworkSettings.loopbackOnly()), shared IoThreads "
        + "(%d threads), strands on a pool of %d threads; open files limit %s%n",
        IoThreads.shared().threadCount(), IceStrand.Pool.THREADS, maxFiles < 0 ? "unknown" : maxFiles);
    Map<String, Object> figures = new LinkedHashMap<>();

    // 1. Connect time: the first run is the cold one (class loading, JIT), so it goes first.
    out.printf(Locale.ROOT, "%n[1/3] connect: 1 cold + %d warm runs of two agents...%n", o.runs);
    List<Double> warm = new ArrayList<>();
    double first = connectOnce(0);
    for (int i = 1; i <= o.runs; i++) {
      warm.add(connectOnce(i));
    }
    double median = JmhBench.median(warm);
    List<Double> sorted = new ArrayList<>(warm);
    sorted.sort(null);
    double p90 = percentile(sorted, 0.9);
    out.printf(Locale.ROOT, "  cold %.1f ms; warm median %.1f ms, min %.1f, p90 %.1f, max %.1f%n", first, median,
        sorted.get(0), p90, sorted.get(sorted.size() - 1));
    figures.put("connect_ms", median);
    figures.put("connect_ms_first", first);
    figures.put("connect_ms_min", sorted.get(0));
    figures.put("connect_ms_p90", p90);
    figures.put("connect_runs", o.runs);

    // 2. Many pairs at once.
    int pairs = o.pairs;
    // A socket per agent needs 2 descriptors per pair, the mux 1 (and one for the shared port).
    int perPair = o.modes.contains("sockets") ? 2 : 1;
    long needed = (long) perPair * pairs + 256;
    if (maxFiles > 0 && needed > maxFiles) {
      pairs = (int) Math.max(1, (maxFiles - 256) / perPair);
      out.printf(Locale.ROOT, "  the open files limit (%d) allows %d pairs, not %d (ulimit -n)%n", maxFiles, pairs,
          o.pairs);
    }
    // An unreported warm-up round per mode first, so that the JIT has compiled the connect path
    // before either mode is measured and the order of the modes does not favour the second.
    int warmupPairs = Math.min(pairs, 1000);
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    out.printf(Locale.ROOT, "%n[2/3] warm-up: %d pairs per mode, not reported...%n", warmupPairs);
    for (String mode : o.modes) {
      manyPairs(warmupPairs, mode.equals("mux"), quiet);
    }
    Map<String, Map<String, Object>> byMode = new LinkedHashMap<>();
    for (String mode : o.modes) {
      out.printf(Locale.ROOT, "%n[2/3] %d pairs at once, %s...%n", pairs, mode.equals("mux")
          ? "controlled agents on one shared UdpMux port, controlling agents on a socket each"
          : "a UDP socket per agent");
      Map<String, Object> r = manyPairs(pairs, mode.equals("mux"), out);
      byMode.put(mode, r);
    }
    Map<String, Object> main = byMode.values().iterator().next();
    figures.put("pairs", pairs);
    figures.put("pairs_mode", byMode.keySet().iterator().next());
    figures.put("pairs_connect_s", main.get("connect_s"));
    figures.put("threads", main.get("threads"));
    figures.put("heap_kb_per_pair", main.get("heap_kb_per_pair"));
    for (Map.Entry<String, Map<String, Object>> e : byMode.entrySet()) {
      figures.put("pairs_" + e.getKey(), e.getValue());
    }

    // 3. STUN binding requests per second on one shared port.
    out.printf(Locale.ROOT, "%n[3/3] STUN: one agent on a shared UdpMux port, window %d, 3 s warm-up + %d s...%n",
        o.window, o.stunSeconds);
    Map<String, Object> stun = stunRate(o.window, o.stunSeconds, out);
    figures.put("stun_rps", stun.get("rps"));
    figures.put("stun", stun);

    printTable(out, figures, byMode);
    return figures;
  }

  // ---------------------------------------------------------------- 1. connect

  /** One connection of two fresh agents; milliseconds from gathering start to both connected. */
  private static double connectOnce(int run) throws Exception {
    IcePeer a = new IcePeer("c" + run + "a", true, null);
    IcePeer b = new IcePeer("c" + run + "b", false, null);
    try {
      IcePeer.pair(a, b).get(WAIT_SECONDS, TimeUnit.SECONDS);
      long t0 = System.nanoTime();
      a.driver.gather();
      b.driver.gather();
      long ta = a.connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
      long tb = b.connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
      return (Math.max(ta, tb) - t0) / 1e6;
    } finally {
      a.close();
      b.close();
    }
  }

  // ---------------------------------------------------------------- 2. many pairs

  private static Map<String, Object> manyPairs(int n, boolean useMux, PrintStream out) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    UdpMux mux = useMux
        ? UdpMux.bind(IoThreads.shared(), List.of(InetAddress.getLoopbackAddress()), 0, Clock.system()) : null;
    long heapBefore = usedHeapAfterGc();
    threads.resetPeakThreadCount();
    IceThreadCpu cpu = IceThreadCpu.snapshot();
    long processCpuStart = IceThreadCpu.processCpuNanos();
    long setupStart = System.nanoTime();
    List<IcePeer> controlling = new ArrayList<>(n);
    List<IcePeer> controlled = new ArrayList<>(n);
    List<CompletableFuture<Void>> paired = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      IcePeer a = new IcePeer("p" + i + "a", true, null);
      IcePeer b = new IcePeer("p" + i + "b", false, mux);
      controlling.add(a);
      controlled.add(b);
      paired.add(IcePeer.pair(a, b));
    }
    CompletableFuture.allOf(paired.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    double setupS = (System.nanoTime() - setupStart) / 1e9;

    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      controlling.get(i).driver.gather();
      controlled.get(i).driver.gather();
    }
    long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
    int connected = 0;
    int failed = 0;
    long last = t0;
    List<Double> perPair = new ArrayList<>(n);
    List<Double> checking = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long pairDone = 0;
      boolean ok = true;
      for (IcePeer p : List.of(controlling.get(i), controlled.get(i))) {
        try {
          pairDone = Math.max(pairDone,
              p.connected.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (ExecutionException | TimeoutException e) {
          ok = false;
        }
      }
      if (ok) {
        connected++;
        last = Math.max(last, pairDone);
        perPair.add((pairDone - t0) / 1e6);
        long gathered = Math.max(controlling.get(i).firstCandidateNanos, controlled.get(i).firstCandidateNanos);
        checking.add((pairDone - gathered) / 1e6);
      } else {
        failed++;
      }
    }
    double connectS = (last - t0) / 1e9;
    Map<String, Integer> selectedTypes = new java.util.TreeMap<>();
    for (IcePeer p : controlling) {
      dev.jrtc.ice.CandidatePair sp = p.driver.selectedPair();
      String k = sp == null ? "none" : sp.local().type().value() + "/" + sp.remote().type().value();
      selectedTypes.merge(k, 1, Integer::sum);
    }
    int peakThreads = threads.getPeakThreadCount();
    Map<String, Double> cpuUse = IceThreadCpu.since(cpu);
    double cpuMsPerPair = (IceThreadCpu.processCpuNanos() - processCpuStart) / 1e6 / n;
    long heapAfter = usedHeapAfterGc();
    double heapKbPerPair = (heapAfter - heapBefore) / 1024.0 / n;
    long muxDropped = mux != null ? mux.droppedCount() : 0;
    int liveThreads = threads.getThreadCount();
    Map<String, Integer> threadGroups = new java.util.TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      threadGroups.merge(IceThreadCpu.group(t.getName()), 1, Integer::sum);
    }

    long closeStart = System.nanoTime();
    List<CompletableFuture<Void>> closing = new ArrayList<>(2 * n);
    for (int i = 0; i < n; i++) {
      closing.add(controlling.get(i).driver.closeAsync());
      closing.add(controlled.get(i).driver.closeAsync());
    }
    try {
      CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      out.println("  (not every driver closed within 60 s)");
    }
    if (mux != null) {
      mux.close();
    }
    double closeS = (System.nanoTime() - closeStart) / 1e9;

    perPair.sort(null);
    double medianPairMs = perPair.isEmpty() ? Double.NaN : JmhBench.median(perPair);
    out.printf(Locale.ROOT, "  %d of %d pairs connected in %.2f s (per pair, after the start: min %.0f, median %.0f, "
        + "p90 %.0f ms); setup %.2f s, close %.2f s%n", connected, n, connectS, percentile(perPair, 0),
        medianPairMs, percentile(perPair, 0.9), setupS, closeS);
    checking.sort(null);
    out.printf(Locale.ROOT, "  per pair, from both host candidates gathered to both connected: min %.0f, median %.0f, "
        + "p90 %.0f ms%n", percentile(checking, 0), percentile(checking, 0.5), percentile(checking, 0.9));
    out.printf(Locale.ROOT, "  selected pairs (local/remote type, controlling side): %s%n", selectedTypes);
    out.printf(Locale.ROOT, "  peak threads %d (live with all connected: %d); heap %.1f KiB per pair (%.1f MiB -> "
        + "%.1f MiB)%s%n", peakThreads, liveThreads, heapKbPerPair, heapBefore / 1048576.0, heapAfter / 1048576.0,
        mux != null ? "; mux dropped " + muxDropped : "");
    out.printf(Locale.ROOT, "  live threads: %s%n", threadGroups);
    out.printf(Locale.ROOT, "  CPU (cores busy, from setup to all connected): %s; %.2f ms of process CPU per pair%n",
        IceThreadCpu.format(cpuUse), cpuMsPerPair);

    Map<String, Object> r = new LinkedHashMap<>();
    r.put("pairs", n);
    r.put("sockets", useMux ? n + 1 : 2 * n);
    r.put("connected", connected);
    r.put("failed", failed);
    r.put("connect_s", connected == n ? connectS : null);
    r.put("pair_connect_ms_median", medianPairMs);
    r.put("pair_checks_ms_median", percentile(checking, 0.5));
    r.put("setup_s", setupS);
    r.put("threads", peakThreads);
    r.put("heap_kb_per_pair", heapKbPerPair);
    r.put("cpu_ms_per_pair", cpuMsPerPair);
    r.put("cpu_cores", cpuUse);
    if (mux != null) {
      r.put("mux_dropped", muxDropped);
    }
    return r;
  }

  /** The value at {@code q} (0..1) of a sorted list, NaN when empty. */
  private static double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(sorted.size() * q) - 1)));
  }

  /** Used heap after a full collection (several, until it stops shrinking). */
  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }

  // ---------------------------------------------------------------- 3. STUN rate

  private static Map<String, Object> stunRate(int window, int seconds, PrintStream out) throws Exception {
    UdpMux mux = UdpMux.bind(IoThreads.shared(), List.of(InetAddress.getLoopbackAddress()), 0, Clock.system());
    IcePeer agent = new IcePeer("stun", true, mux);
    InetSocketAddress port = mux.localAddresses().get(0).toSocketAddress();
    IceStunClient client = new IceStunClient(port, agent.driver.localCredentials(), Entropy.secure());
    try {
      agent.driver.setRemoteCredentials(client.credentials().ufrag(), client.credentials().pwd(), false)
          .get(WAIT_SECONDS, TimeUnit.SECONDS);
      agent.driver.gather().get(WAIT_SECONDS, TimeUnit.SECONDS);
      // The client is learnt as a peer-reflexive candidate from its first request (RFC 8445 §7.3.1.3).
      agent.driver.endOfRemoteCandidates();
      IceThreadCpu[] cpu = new IceThreadCpu[1];
      IceStunClient.Result[] result = new IceStunClient.Result[1];
      List<Map<String, Double>> cpuUses = new ArrayList<>();
      Map<String, Long> allocated = new LinkedHashMap<>();
      Exception[] failure = new Exception[1];
      // The client runs on a thread of its own so that its CPU shows under its name; the
      // snapshots are taken on it, while it is alive.
      Thread t = new Thread(() -> {
        try {
          result[0] = client.run(window, TimeUnit.SECONDS.toNanos(3), TimeUnit.SECONDS.toNanos(seconds),
              () -> cpu[0] = IceThreadCpu.snapshot());
          cpuUses.add(IceThreadCpu.since(cpu[0]));
          allocated.putAll(IceThreadCpu.allocatedSince(cpu[0]));
        } catch (IOException | RuntimeException e) {
          failure[0] = e;
        }
      }, "ice-bench-stun-client");
      t.start();
      t.join();
      if (failure[0] != null) {
        throw failure[0];
      }
      Map<String, Double> cpuUse = cpuUses.get(0);
      IceStunClient.Result r = result[0];
      boolean connected = agent.connected.isDone() && !agent.connected.isCompletedExceptionally();
      out.printf(Locale.ROOT, "  %d responses in %.2f s: %.0f requests/s (median of 1-s slices; mean %.0f; slices %s); "
          + "lost %d, error responses %d, %d responses verified in full (%d bad); agent %s, its checks answered %d, "
          + "mux dropped %d%n",
          r.answered(), r.seconds(), r.rps(), r.meanRps(), r.secondRps().stream()
              .map(x -> String.format(Locale.ROOT, "%.0f", x)).collect(java.util.stream.Collectors.joining(" ")),
          r.lost(), r.errors(), r.verified(), r.badResponses(),
          connected ? "connected" : agent.driver.state().value(), r.checksAnswered(), mux.droppedCount());
      out.printf(Locale.ROOT, "  CPU (cores busy while measured): %s%n", IceThreadCpu.format(cpuUse));
      // The agent's side: everything but the client thread, per answered request.
      long agentBytes = allocated.entrySet().stream().filter(e -> !e.getKey().equals("ice-bench-stun-client"))
          .mapToLong(Map.Entry::getValue).sum();
      double bytesPerRequest = r.answered() == 0 ? Double.NaN : (double) agentBytes / r.answered();
      // CPU per request is steadier than the rate on a shared machine: other processes steal time.
      double agentCores = cpuUse.getOrDefault("ice-bench-strand", 0.0) + cpuUse.getOrDefault("jrtc-io", 0.0)
          + cpuUse.getOrDefault("jrtc-timer", 0.0);
      double cpuUsPerRequest = r.answered() == 0 ? Double.NaN : agentCores * r.seconds() / r.answered() * 1e6;
      out.printf(Locale.ROOT, "  heap allocated per answered request on the agent's side (I/O + strand threads): "
          + "%.0f bytes; by thread group: %s%n", bytesPerRequest, allocated);
      out.printf(Locale.ROOT, "  agent CPU per answered request (I/O + strand + timer threads): %.2f us%n",
          cpuUsPerRequest);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rps", r.rps());
      m.put("rps_mean", r.meanRps());
      m.put("window", window);
      m.put("seconds", r.seconds());
      m.put("answered", r.answered());
      m.put("lost", r.lost());
      m.put("errors", r.errors());
      m.put("verified", r.verified());
      m.put("bad", r.badResponses());
      m.put("agent_connected", connected);
      m.put("cpu_cores", cpuUse);
      m.put("alloc_bytes_per_request", bytesPerRequest);
      m.put("agent_cpu_us_per_request", cpuUsPerRequest);
      return m;
    } finally {
      client.close();
      agent.close();
      mux.close();
    }
  }

  // ---------------------------------------------------------------- output

  private static void printTable(PrintStream out, Map<String, Object> f, Map<String, Map<String, Object>> byMode) {
    out.println();
    out.printf(Locale.ROOT, "%-34s %12s%n", "ICE (127.0.0.1)", "value");
    row(out, "connect_ms (median of " + f.get("connect_runs") + " warm)", f.get("connect_ms"), "%.1f");
    row(out, "connect_ms_first (cold JVM)", f.get("connect_ms_first"), "%.1f");
    row(out, "pairs", f.get("pairs"), "%s");
    for (Map.Entry<String, Map<String, Object>> e : byMode.entrySet()) {
      Map<String, Object> m = e.getValue();
      String k = e.getKey();
      row(out, "  " + k + ": sockets", m.get("sockets"), "%s");
      row(out, "  " + k + ": pairs_connect_s", m.get("connect_s"), "%.2f");
      row(out, "  " + k + ": connected / failed", m.get("connected") + " / " + m.get("failed"), "%s");
      row(out, "  " + k + ": threads (peak)", m.get("threads"), "%s");
      row(out, "  " + k + ": heap_kb_per_pair", m.get("heap_kb_per_pair"), "%.1f");
    }
    row(out, "stun_rps", f.get("stun_rps"), "%.0f");
    out.println();
  }

  private static void row(PrintStream out, String name, Object value, String format) {
    String v = value == null ? "-" : String.format(Locale.ROOT, format, value);
    out.printf(Locale.ROOT, "%-34s %12s%n", name, v);
  }

  /** The soft limit on open files from /proc/self/limits (Linux), or -1. */
  private static long maxOpenFiles() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.UTF_8)) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or an unexpected format: unknown
    }
    return -1;
  }
}
