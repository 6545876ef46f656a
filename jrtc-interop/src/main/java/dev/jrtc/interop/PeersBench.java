package dev.jrtc.interop;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./jrtc bench peers} (issue 6 part 3): jrtc and the real peers side by side, in one run
 * and one private network namespace ({@code lo} and the veth pair 10.77.0.1/.2, TESTING.md "The
 * network rule"): jrtc↔jrtc (two connections in this JVM), Chromium↔Chromium (two connections in
 * one page), aiortc↔aiortc (two peers in one Python process), jrtc↔Chromium and jrtc↔aiortc (jrtc
 * offers), and with {@code --firefox} Firefox↔Firefox and jrtc↔Firefox.
 *
 * <p>The same three figures for every pair, each timed inside the process that does the work
 * (the harness's RPC or pipe that starts a step is outside every figure, except that a cross
 * cross pair's signaling goes through the harness: the transit of that one round trip is measured
 * in each setup run and taken out of it, and its median reported apart):
 * <ul>
 *   <li>setup: from {@code createOffer} to the offerer's data channel {@code open} event, the first
 *       run (cold) and the median of the others;</li>
 *   <li>bulk: 64 KiB binary messages on one reliable ordered channel, the sender refilled on
 *       {@code bufferedamountlow} (1 MiB high, 512 KiB low), MB/s (10^6 bytes) at the receiver from
 *       the first message to the last, median of the runs after one uncounted warm-up run of a
 *       quarter of the size;</li>
 *   <li>round trip: a 100-byte binary message echoed, one at a time, after a warm-up: median and
 *       p99 in microseconds.</li>
 * </ul>
 * Then the ratios jrtc/peer: setup and round trip read lower-is-better, throughput
 * higher-is-better. The table is printed first; {@link #run} returns the figures for the JSON
 * line. A pair that cannot run is printed and carried with its {@code error}; the others run.
 *
 * <p>Options: {@code --quick} (CI size: fewer runs, smaller transfers), {@code --runs N} (setups
 * per pair), {@code --mib N} (bulk size of the jrtc and browser pairs), {@code --aiortc-mib N},
 * {@code --round-trips N}, {@code --only a,b} (pair names, e.g. {@code jrtc-jrtc,jrtc-firefox}),
 * {@code --firefox} (adds the Firefox pairs).
 */
public final class PeersBench {

  /** One line for {@code ./jrtc bench list}. */
  public static final String DESCRIPTION =
      "jrtc vs Chromium and aiortc (in the private namespace): setup, 64 KiB throughput, 100-byte round trip, ratios";

  private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);

  /** How much of each measurement a run does. */
  record Plan(int setupRuns, int bulkRuns, long bulkBytes, long aiortcBulkBytes, int warmRoundTrips,
      int roundTrips) {

    static Plan of(List<String> args) {
      boolean quick = args.contains("--quick");
      int runs = intArg(args, "--runs", quick ? 3 : 6);
      int mib = intArg(args, "--mib", quick ? 8 : 32);
      int aiortcMib = intArg(args, "--aiortc-mib", quick ? 2 : 16);
      int rtts = intArg(args, "--round-trips", quick ? 300 : 1000);
      return new Plan(runs, quick ? 2 : 3, (long) mib << 20, (long) aiortcMib << 20, quick ? 50 : 100, rtts);
    }

    /**
     * The plan as a peer's own script takes it to run its local pair itself, with bulk runs of
     * {@code bulkBytes}.
     */
    Map<String, Object> localPairArgs(long bulkBytes) {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("setupRuns", setupRuns);
      args.put("bulkRuns", bulkRuns);
      args.put("bulkBytes", bulkBytes);
      args.put("warmBytes", warmUpBytes(bulkBytes));
      args.put("warm", warmRoundTrips);
      args.put("roundTrips", roundTrips);
      return args;
    }

    /** The uncounted bulk run before the timed ones (JIT, congestion window, buffers): a quarter. */
    static long warmUpBytes(long bulkBytes) {
      return Math.max(64 * 1024, bulkBytes / 4);
    }
  }

  private PeersBench() {}

  /** Runs the bench, prints the table and, last, the JSON line; exits 0 (a failed pair is a figure). */
  public static void main(String[] args) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bench", "peers");
    json.putAll(run(Arrays.asList(args), System.out));
    System.out.println(Json.write(json));
  }

  /**
   * Runs every pair, prints the table to {@code out} and returns {@code {"pairs": {...},
   * "ratios": {...}, ...}} for the JSON line.
   */
  public static Map<String, Object> run(List<String> args, PrintStream out) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      // jrtc logs each connection's life at INFO: dozens of lines between the table's rows.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Plan plan = Plan.of(args);
    List<String> only = listArg(args, "--only");
    boolean firefox = args.contains("--firefox");
    List<String> names = new ArrayList<>(List.of("jrtc-jrtc", "chromium-chromium", "jrtc-chromium",
        "aiortc-aiortc", "jrtc-aiortc"));
    if (firefox || only.stream().anyMatch(n -> n.contains("firefox"))) {
      names.addAll(List.of("firefox-firefox", "jrtc-firefox"));
    }
    if (!only.isEmpty()) {
      for (String name : only) {
        if (!names.contains(name)) {
          throw new IllegalArgumentException("--only: no pair '" + name + "'; the pairs are " + names);
        }
      }
      names.retainAll(only);
    }
    Map<String, PeersBenchStats.Figures> pairs = new LinkedHashMap<>();
    Map<String, Object> notes = new LinkedHashMap<>();
    out.printf(Locale.ROOT, "bench peers: %d setups per pair, %d bulk runs of %d MiB (aiortc %d MiB), %d round trips"
        + " after %d warm-up%n", plan.setupRuns(), plan.bulkRuns(), plan.bulkBytes() >> 20,
        plan.aiortcBulkBytes() >> 20, plan.roundTrips(), plan.warmRoundTrips());
    String loadBefore = loadAverage();
    List<String> network = PrivateNetwork.problems();
    if (!network.isEmpty()) {
      // Browsers and aiortc gather on every interface: outside the namespace nothing may run.
      String reason = "not inside the private network namespace (" + String.join("; ", network)
          + "): run it with ./jrtc bench peers, which enters one";
      for (String name : names) {
        pairs.put(name, PeersBenchStats.Figures.failed(reason));
      }
    } else {
      runAll(names, plan, pairs, notes, out);
    }
    // Every pair shares 2 cores with whatever else runs: the load says how far to trust a run.
    notes.put("load_average", loadBefore + " -> " + loadAverage());
    out.println();
    for (String line : PeersBenchStats.table(pairs)) {
      out.println(line);
    }
    notes.forEach((k, v) -> out.println("  " + k + ": " + v));
    return PeersBenchStats.json(pairs, notes);
  }

  private static void runAll(List<String> names, Plan plan, Map<String, PeersBenchStats.Figures> pairs,
      Map<String, Object> notes, PrintStream out) {
    if (names.contains("jrtc-jrtc")) {
      pairs.put("jrtc-jrtc", measure("jrtc-jrtc", out, () -> PeersBenchJrtc.jrtcPair(plan)));
    }
    browserPairs("chromium", names, plan, pairs, notes, out);
    if (names.contains("aiortc-aiortc") || names.contains("jrtc-aiortc")) {
      PeersBenchAiortc aiortc = null;
      String startFailure = null;
      try {
        aiortc = PeersBenchAiortc.start();
        notes.put("aiortc_version", aiortc.version());
      } catch (RuntimeException e) {
        startFailure = "cannot start aiortc: " + e.getMessage();
      }
      try {
        PeersBenchAiortc a = aiortc;
        peerPairs("aiortc-aiortc", "jrtc-aiortc", names, startFailure, () -> a.localPair(plan),
            () -> a.jrtcToAiortc(plan), pairs, out);
      } finally {
        if (aiortc != null) {
          aiortc.close();
        }
      }
    }
    browserPairs("firefox", names, plan, pairs, notes, out);
  }

  /** {@code X-X} and {@code jrtc-X} for a browser, in one page of one browser process. */
  private static void browserPairs(String browser, List<String> names, Plan plan,
      Map<String, PeersBenchStats.Figures> pairs, Map<String, Object> notes, PrintStream out) {
    String local = browser + "-" + browser;
    String cross = "jrtc-" + browser;
    if (!names.contains(local) && !names.contains(cross)) {
      return;
    }
    PageServer server = null;
    BrowserProcess process = null;
    PeersBenchBrowser page = null;
    String startFailure = null;
    try {
      server = PageServer.start();
      process = browser.equals("chromium") ? Chromium.launch(server.isolatedPageUri())
          : Firefox.launch(server.isolatedPageUri());
      BrowserProcess p = process;
      server.watchBrowser(p::isAlive, () -> p.logTail(40));
      BrowserPage loaded = server.awaitPage(PAGE_LOAD_TIMEOUT);
      notes.put(browser + "_user_agent", loaded.userAgent());
      page = PeersBenchBrowser.install(loaded, browser);
    } catch (IOException | RuntimeException e) {
      startFailure = "cannot start " + browser + ": " + e.getMessage();
    }
    try {
      PeersBenchBrowser b = page;
      peerPairs(local, cross, names, startFailure, () -> b.localPair(plan), () -> b.jrtcToBrowser(plan), pairs, out);
    } finally {
      if (process != null) {
        process.close();
      }
      if (server != null) {
        server.close();
      }
    }
  }

  /**
   * Measures a peer's own pair {@code local} and jrtc's pair with it {@code cross}, those of the
   * two that {@code names} asks for; when the peer could not be started ({@code startFailure} not
   * null) each of them is that failure instead.
   */
  private static void peerPairs(String local, String cross, List<String> names, String startFailure,
      Measurement localPair, Measurement crossPair, Map<String, PeersBenchStats.Figures> pairs, PrintStream out) {
    for (String name : List.of(local, cross)) {
      if (!names.contains(name)) {
        continue;
      }
      pairs.put(name, startFailure != null ? report(name, out, PeersBenchStats.Figures.failed(startFailure))
          : measure(name, out, name.equals(local) ? localPair : crossPair));
    }
  }

  /** One pair's measurement. */
  interface Measurement {
    PeersBenchStats.Figures run() throws Exception;
  }

  /** Runs one pair; any failure becomes the pair's error and the others still run. */
  static PeersBenchStats.Figures measure(String name, PrintStream out, Measurement m) {
    out.printf(Locale.ROOT, "  %s ...%n", name);
    PeersBenchStats.Figures f;
    try {
      f = m.run();
    } catch (Exception | AssertionError e) {
      f = PeersBenchStats.Figures.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return report(name, out, f);
  }

  private static PeersBenchStats.Figures report(String name, PrintStream out, PeersBenchStats.Figures f) {
    if (f.ok()) {
      out.printf(Locale.ROOT, "  %s: setup %.1f ms (cold %.1f), %.1f MB/s, RTT %.1f us (p99 %.1f), path %s%n", name,
          f.setupMs(), f.setupColdMs(), f.mbps(), f.rttUs(), f.rttP99Us(), f.path());
    } else {
      out.printf(Locale.ROOT, "  %s FAILED: %s%n", name, f.error());
    }
    return f;
  }

  /** The 1, 5 and 15 minute load averages of Linux's /proc/loadavg, or "unknown". */
  private static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
      return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static int intArg(List<String> args, String name, int dflt) {
    int i = args.indexOf(name);
    if (i < 0) {
      return dflt;
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    int v;
    try {
      v = Integer.parseInt(args.get(i + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a whole number, not '" + args.get(i + 1) + "'");
    }
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
    return v;
  }

  static List<String> listArg(List<String> args, String name) {
    int i = args.indexOf(name);
    if (i < 0) {
      return List.of();
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return List.of(args.get(i + 1).split(","));
  }
}
