package dev.jrtc.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks of one class and reports, per benchmark method, the median of the
 * measurement iterations (robust to this 2-core machine's noise) beside JMH's mean and error.
 */
final class JmhBench implements BenchMain.Bench {
  private final String description;
  private final String className;
  private final Map<String, Integer> bytesPerOp;

  private JmhBench(String description, String className, Map<String, Integer> bytesPerOp) {
    this.description = description;
    this.className = className;
    this.bytesPerOp = bytesPerOp;
  }

  static JmhBench of(String description, String simpleClassName) {
    return new JmhBench(description, simpleClassName, Map.of());
  }

  /**
   * A benchmark whose methods each move a known number of payload bytes per operation: the table
   * then also shows MB/s (10^6 bytes per second) computed from the median time.
   */
  static JmhBench withThroughput(String description, String simpleClassName, Map<String, Integer> bytesPerOp) {
    return new JmhBench(description, simpleClassName, Map.copyOf(bytesPerOp));
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Map<String, Object> run(List<String> args, PrintStream out) throws Exception {
    boolean quick = args.contains("--quick");
    ChainedOptionsBuilder opts = new OptionsBuilder()
        .include("dev\\.jrtc\\.bench\\." + className + "\\.")
        .forks(1)
        .warmupIterations(quick ? 2 : 5)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 3 : 10)
        .measurementTime(TimeValue.seconds(1))
        .timeUnit(TimeUnit.MICROSECONDS)
        .verbosity(VerboseMode.SILENT)
        .shouldFailOnError(true);
    out.printf(Locale.ROOT, "running %s (JMH, 1 fork, %s)...%n", className,
        quick ? "2 warmup + 3 measured iterations of 1 s" : "5 warmup + 10 measured iterations of 1 s");
    Collection<RunResult> results = new Runner(opts.build()).run();

    Map<String, Object> figures = new LinkedHashMap<>();
    out.println();
    out.printf(Locale.ROOT, "%-28s %-6s %12s %12s %10s  %-6s %10s%n", "benchmark", "mode", "median", "mean",
        "±error", "unit", bytesPerOp.isEmpty() ? "" : "MB/s");
    for (RunResult rr : results) {
      String method = rr.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      List<Double> scores = new ArrayList<>();
      for (BenchmarkResult br : rr.getBenchmarkResults()) {
        for (IterationResult ir : br.getIterationResults()) {
          scores.add(ir.getPrimaryResult().getScore());
        }
      }
      double median = median(scores);
      double mean = rr.getPrimaryResult().getScore();
      double error = rr.getPrimaryResult().getScoreError();
      String unit = rr.getPrimaryResult().getScoreUnit();
      String mode = rr.getParams().getMode().shortLabel();
      Integer bytes = bytesPerOp.get(method);
      double mbps = bytes != null && unit.equals("us/op") ? bytes / median : Double.NaN;
      out.printf(Locale.ROOT, "%-28s %-6s %12.3f %12.3f %10.3f  %-6s %10s%n", method, mode, median, mean, error, unit,
          Double.isNaN(mbps) ? "" : String.format(Locale.ROOT, "%.1f", mbps));
      Map<String, Object> m = new LinkedHashMap<>();
      if (!Double.isNaN(mbps)) {
        m.put("mb_per_s", mbps);
      }
      m.put("median", median);
      m.put("mean", mean);
      m.put("error", error);
      m.put("unit", unit);
      m.put("mode", mode);
      figures.put(method, m);
    }
    out.println();
    return figures;
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
