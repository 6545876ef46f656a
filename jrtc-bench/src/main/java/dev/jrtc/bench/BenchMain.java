package dev.jrtc.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of {@code ./jrtc bench NAME}: runs one named benchmark, prints a readable table and,
 * as its last line, one JSON object with the figures so that runs can be compared.
 */
public final class BenchMain {

  /** A named benchmark of {@code ./jrtc bench}. */
  interface Bench {
    String description();

    /** Runs the benchmark, prints its table to {@code out} and returns the JSON figures. */
    Map<String, Object> run(List<String> args, PrintStream out) throws Exception;
  }

  static Map<String, Bench> registry() {
    Map<String, Bench> benches = new LinkedHashMap<>();
    benches.put("sdp", JmhBench.of(
        "parse + write of a Chromium 156 offer with audio, video and data (JMH)", "SdpBenchmark"));
    benches.put("negotiation", JmhBench.of(
        "a full offer/answer round between two in-process RTCPeerConnections (JMH)",
        "NegotiationBenchmark"));
    benches.put("dtls", JmhBench.withThroughput(
        "DTLS record protection on 1,200-byte payloads: JDK vs Bouncy Castle AES-GCM, and DtlsEndpoint (JMH)",
        "DtlsBenchmark", Map.of("gcmSealOpenJdk", 1200, "gcmSealOpenBc", 1200, "dtlsRecordSendReceive", 1163)));
    benches.put("ice", new IceBench());
    benches.put("datachannel", new DataChannelBench());
    benches.put("peers", new Bench() {
      @Override
      public String description() {
        return dev.jrtc.interop.PeersBench.DESCRIPTION;
      }

      @Override
      public Map<String, Object> run(List<String> args, PrintStream out) throws Exception {
        return dev.jrtc.interop.PeersBench.run(args, out);
      }
    });
    return benches;
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Map<String, Bench> benches = registry();
    if (args.isEmpty() || args.get(0).equals("list") || args.get(0).equals("help")) {
      out.println("usage: ./jrtc bench NAME [--quick]");
      out.println();
      for (Map.Entry<String, Bench> e : benches.entrySet()) {
        out.printf(Locale.ROOT, "  %-14s %s%n", e.getKey(), e.getValue().description());
      }
      return args.isEmpty() ? 2 : 0;
    }
    String name = args.get(0);
    Bench bench = benches.get(name);
    if (bench == null) {
      err.println("jrtc bench: unknown benchmark '" + name + "' (./jrtc bench list)");
      return 2;
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("bench", name);
    figures.put("java", System.getProperty("java.version"));
    figures.put("cpus", Runtime.getRuntime().availableProcessors());
    figures.putAll(bench.run(new ArrayList<>(args.subList(1, args.size())), out));
    out.println(Json.write(figures));
    return 0;
  }

  private BenchMain() {}
}
