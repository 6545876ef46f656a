package dev.jrtc.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pure part of {@link PeersBench}: order statistics over raw samples, one pair's figures, the
 * jrtc/peer ratios, and the table and JSON built from them. No clock, no I/O.
 */
final class PeersBenchStats {

  private PeersBenchStats() {}

  /** The median: the middle sample, or the mean of the two middle ones for an even count. */
  static double median(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("median of no samples");
    }
    double[] s = samples.clone();
    Arrays.sort(s);
    int mid = s.length / 2;
    return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  }

  /**
   * The nearest-rank percentile: the smallest sample such that at least {@code q} of all samples
   * are at or below it (so p99 of 1,000 samples is the 990th smallest).
   */
  static double percentile(double[] samples, double q) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("percentile of no samples");
    }
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("percentile " + q + " is outside (0, 1]");
    }
    double[] s = samples.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(q * s.length - 1e-9);
    return s[Math.max(1, Math.min(s.length, rank)) - 1];
  }

  /** The samples after the first {@code skip} (warm-up), as a new array. */
  static double[] dropFirst(double[] samples, int skip) {
    return Arrays.copyOfRange(samples, Math.min(skip, samples.length), samples.length);
  }

  /** Rounded to one decimal, as the JSON line carries figures. */
  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Rounded to three significant-enough decimals, for ratios. */
  static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /**
   * What one pair measured, or why it could not run ({@code error} non-null, every figure NaN).
   *
   * @param setupColdMs the first setup of the pair in this process
   * @param setupMs median of the other setup runs
   * @param setupRuns how many setups were timed in all
   * @param mbps median receiver throughput, 10^6 bytes per second
   * @param bulkBytes bytes per bulk run
   * @param bulkRuns how many bulk runs
   * @param rttUs median 100-byte round trip in microseconds
   * @param rttP99Us its 99th percentile
   * @param roundTrips how many round trips were timed (after the warm-up)
   * @param clock which clock timed it, in which process
   * @param path the offerer's selected candidate pair ("local -> remote"), null when unknown
   * @param transitMs for a cross pair, the median time its signaling spent in the harness's RPC
   *     or pipe (taken out of each setup run); NaN for a pair in one process
   * @param error why the pair could not run, null when it ran
   */
  record Figures(double setupColdMs, double setupMs, int setupRuns, double mbps, long bulkBytes, int bulkRuns,
      double rttUs, double rttP99Us, int roundTrips, String clock, String path, double transitMs, String error) {

    /** A pair that could not run. */
    static Figures failed(String error) {
      return new Figures(Double.NaN, Double.NaN, 0, Double.NaN, 0, 0, Double.NaN, Double.NaN, 0, "", null, Double.NaN, error);
    }

    /**
     * Reduces raw samples: setup in ms (the first is the cold one), receiver throughputs in MB/s,
     * round trips in µs (already without the warm-up).
     */
    static Figures of(double[] setupMs, double[] mbps, long bulkBytes, double[] rttUs, String clock, String path) {
      double[] warmSetups = dropFirst(setupMs, 1);
      return new Figures(setupMs[0], warmSetups.length == 0 ? setupMs[0] : median(warmSetups), setupMs.length,
          median(mbps), bulkBytes, mbps.length, median(rttUs), percentile(rttUs, 0.99), rttUs.length, clock, path, Double.NaN, null);
    }

    /**
     * The figures of a peer's own pair as its script reports them: {@code setupMs}, {@code mbps}
     * and {@code rttUs} arrays of samples and the selected {@code path}.
     */
    static Figures ofLocalPair(Map<String, Object> report, long bulkBytes, String clock) {
      Object path = report.get("path");
      return of(Json.asDoubles(report.get("setupMs")), Json.asDoubles(report.get("mbps")), bulkBytes,
          Json.asDoubles(report.get("rttUs")), clock, path == null ? null : path.toString());
    }

    /** The same figures with the median harness transit of a cross pair's setups. */
    Figures withTransit(double[] transitMs) {
      return new Figures(setupColdMs, setupMs, setupRuns, mbps, bulkBytes, bulkRuns, rttUs, rttP99Us, roundTrips,
          clock, path, median(transitMs), error);
    }

    boolean ok() {
      return error == null;
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      if (!ok()) {
        m.put("error", error);
        return m;
      }
      m.put("setup_cold_ms", round1(setupColdMs));
      m.put("setup_ms", round1(setupMs));
      m.put("setup_runs", setupRuns);
      m.put("mbps", round1(mbps));
      m.put("bulk_mib", round1(bulkBytes / (double) (1 << 20)));
      m.put("bulk_runs", bulkRuns);
      m.put("rtt_us", round1(rttUs));
      m.put("rtt_p99_us", round1(rttP99Us));
      m.put("round_trips", roundTrips);
      m.put("clock", clock);
      m.put("path", path);
      if (!Double.isNaN(transitMs)) {
        m.put("harness_transit_ms", round1(transitMs));
      }
      return m;
    }
  }

  /** One ratio line: figures of a jrtc pair over the figures of a peer pair. */
  record Ratio(String jrtcPair, String peerPair, double setup, double mbps, double rtt, double rttP99) {

    String key() {
      return jrtcPair + "/" + peerPair;
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("setup_ms", round3(setup));
      m.put("mbps", round3(mbps));
      m.put("rtt_us", round3(rtt));
      m.put("rtt_p99_us", round3(rttP99));
      return m;
    }
  }

  /** How each ratio reads; printed under the table and carried in the JSON. */
  static final Map<String, String> RATIO_READING = orderedOf(
      "setup_ms", "jrtc/peer setup time: lower is better, < 1 means jrtc connects faster",
      "mbps", "jrtc/peer throughput: higher is better, > 1 means jrtc moves more bytes per second",
      "rtt_us", "jrtc/peer round trip: lower is better, < 1 means jrtc answers sooner",
      "rtt_p99_us", "jrtc/peer round trip p99: lower is better");

  /**
   * The ratios of each jrtc pair to each peer pair it is compared with: {@code jrtc-jrtc} to
   * every pair without jrtc, and {@code jrtc-X} to {@code X-X} (what replacing one X by jrtc
   * does). Pairs that failed give no ratio.
   */
  static List<Ratio> ratios(Map<String, Figures> pairs) {
    List<Ratio> ratios = new ArrayList<>();
    Figures jj = pairs.get("jrtc-jrtc");
    for (Map.Entry<String, Figures> e : pairs.entrySet()) {
      String name = e.getKey();
      Figures peer = e.getValue();
      if (name.contains("jrtc") || !peer.ok()) {
        continue;
      }
      if (jj != null && jj.ok()) {
        ratios.add(ratio("jrtc-jrtc", jj, name, peer));
      }
      String peerName = name.substring(0, name.indexOf('-'));
      Figures mixed = pairs.get("jrtc-" + peerName);
      if (name.equals(peerName + "-" + peerName) && mixed != null && mixed.ok()) {
        ratios.add(ratio("jrtc-" + peerName, mixed, name, peer));
      }
    }
    return ratios;
  }

  private static Ratio ratio(String jrtcName, Figures jrtc, String peerName, Figures peer) {
    return new Ratio(jrtcName, peerName, jrtc.setupMs() / peer.setupMs(), jrtc.mbps() / peer.mbps(),
        jrtc.rttUs() / peer.rttUs(), jrtc.rttP99Us() / peer.rttP99Us());
  }

  /** The {@code pairs} and {@code ratios} objects of the JSON line (BenchMain adds the rest). */
  static Map<String, Object> json(Map<String, Figures> pairs, Map<String, Object> notes) {
    Map<String, Object> pairsJson = new LinkedHashMap<>();
    pairs.forEach((k, v) -> pairsJson.put(k, v.toJson()));
    Map<String, Object> ratiosJson = new LinkedHashMap<>();
    for (Ratio r : ratios(pairs)) {
      ratiosJson.put(r.key(), r.toJson());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pairs", pairsJson);
    out.put("ratios", ratiosJson);
    out.put("ratio_reading", RATIO_READING);
    out.putAll(notes);
    return out;
  }

  /** The readable table: one line per pair (or its error), then the ratios and how they read. */
  static List<String> table(Map<String, Figures> pairs) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "  %-18s %9s %9s %9s %8s %9s %9s  %s", "pair", "setup ms", "cold ms",
        "MB/s", "bulk MiB", "RTT us", "p99 us", "timed by"));
    for (Map.Entry<String, Figures> e : pairs.entrySet()) {
      Figures f = e.getValue();
      if (!f.ok()) {
        lines.add(String.format(Locale.ROOT, "  %-18s FAILED: %s", e.getKey(), firstLine(f.error())));
        continue;
      }
      lines.add(String.format(Locale.ROOT, "  %-18s %9.1f %9.1f %9.1f %8.0f %9.1f %9.1f  %s", e.getKey(),
          f.setupMs(), f.setupColdMs(), f.mbps(), f.bulkBytes() / (double) (1 << 20), f.rttUs(), f.rttP99Us(),
          f.clock()));
    }
    for (Map.Entry<String, Figures> e : pairs.entrySet()) {
      Figures f = e.getValue();
      if (f.ok()) {
        lines.add(String.format(Locale.ROOT, "  %-18s path %s%s", e.getKey(), f.path(), Double.isNaN(f.transitMs())
            ? "" : String.format(Locale.ROOT, "; signaling transit through the harness, taken out of setup: %.1f ms",
                f.transitMs())));
      }
    }
    List<Ratio> ratios = ratios(pairs);
    if (!ratios.isEmpty()) {
      lines.add("");
      lines.add(String.format(Locale.ROOT, "  %-36s %9s %9s %9s %9s", "ratio jrtc/peer", "setup", "MB/s", "RTT",
          "RTT p99"));
      for (Ratio r : ratios) {
        lines.add(String.format(Locale.ROOT, "  %-36s %9.2f %9.2f %9.2f %9.2f", r.key(), r.setup(), r.mbps(),
            r.rtt(), r.rttP99()));
      }
      lines.add("  setup, RTT: lower is better (< 1: jrtc faster); MB/s: higher is better (> 1: jrtc faster)");
    }
    return lines;
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  private static Map<String, String> orderedOf(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
