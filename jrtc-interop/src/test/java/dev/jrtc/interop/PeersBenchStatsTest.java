package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The pure part of {@code ./jrtc bench peers}: order statistics, figures, ratios, table, JSON, options. */
class PeersBenchStatsTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(PeersBenchStats.median(new double[] {5, 1, 3})).isEqualTo(3);
    assertThat(PeersBenchStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(PeersBenchStats.median(new double[] {7})).isEqualTo(7);
  }

  @Test
  void medianLeavesTheSamplesInTheirOrder() {
    double[] samples = {3, 1, 2};
    PeersBenchStats.median(samples);
    assertThat(samples).containsExactly(3, 1, 2);
  }

  @Test
  void percentileIsNearestRank() {
    double[] thousand = new double[1000];
    for (int i = 0; i < thousand.length; i++) {
      thousand[thousand.length - 1 - i] = i + 1; // 1000 .. 1, unsorted
    }
    assertThat(PeersBenchStats.percentile(thousand, 0.99)).isEqualTo(990);
    assertThat(PeersBenchStats.percentile(thousand, 0.5)).isEqualTo(500);
    assertThat(PeersBenchStats.percentile(thousand, 1.0)).isEqualTo(1000);
    assertThat(PeersBenchStats.percentile(thousand, 0.0001)).isEqualTo(1);
    // Few samples: p99 of 10 is the largest (rank ceil(9.9) = 10).
    assertThat(PeersBenchStats.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.99)).isEqualTo(10);
  }

  @Test
  void noSamplesOrABadQuantileAreRefused() {
    assertThatThrownBy(() -> PeersBenchStats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeersBenchStats.percentile(new double[0], 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeersBenchStats.percentile(new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeersBenchStats.percentile(new double[] {1}, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void percentilesAreSamplesAndGrowWithTheQuantile(@ForAll @Size(min = 1, max = 200) List<@DoubleRange(min = 0,
      max = 1e6) Double> values) {
    double[] samples = values.stream().mapToDouble(Double::doubleValue).toArray();
    double p50 = PeersBenchStats.percentile(samples, 0.5);
    double p99 = PeersBenchStats.percentile(samples, 0.99);
    assertThat(values).contains(p50, p99);
    assertThat(p99).isGreaterThanOrEqualTo(p50);
    double median = PeersBenchStats.median(samples);
    long below = Arrays.stream(samples).filter(v -> v < median).count();
    long above = Arrays.stream(samples).filter(v -> v > median).count();
    assertThat(below).isLessThanOrEqualTo(samples.length / 2);
    assertThat(above).isLessThanOrEqualTo(samples.length / 2);
  }

  @Test
  void figuresKeepTheColdSetupApartFromTheMedian() {
    PeersBenchStats.Figures f = PeersBenchStats.Figures.of(new double[] {900, 30, 10, 20}, new double[] {40, 60, 50},
        32L << 20, new double[] {100, 200, 300}, "clock", "a -> b");
    assertThat(f.ok()).isTrue();
    assertThat(f.setupColdMs()).isEqualTo(900);
    assertThat(f.setupMs()).isEqualTo(20); // median of 30, 10, 20: the cold run is not in it
    assertThat(f.setupRuns()).isEqualTo(4);
    assertThat(f.mbps()).isEqualTo(50);
    assertThat(f.rttUs()).isEqualTo(200);
    assertThat(f.rttP99Us()).isEqualTo(300);
    assertThat(f.transitMs()).isNaN();
    assertThat(f.withTransit(new double[] {5, 4, 6}).transitMs()).isEqualTo(5);
    // One setup run only: it is both the cold run and the figure.
    PeersBenchStats.Figures one = PeersBenchStats.Figures.of(new double[] {12}, new double[] {1}, 1, new double[] {1},
        "clock", null);
    assertThat(one.setupMs()).isEqualTo(12);
  }

  @Test
  void aPeersOwnReportOfItsLocalPairGivesTheSameFigures() {
    Map<String, Object> report = Json.asObject(Json.parse(
        "{\"setupMs\": [900, 30, 10, 20], \"mbps\": [40, 60, 50], \"rttUs\": [100, 200, 300], \"path\": \"a -> b\"}"));
    assertThat(PeersBenchStats.Figures.ofLocalPair(report, 32L << 20, "clock"))
        .isEqualTo(PeersBenchStats.Figures.of(new double[] {900, 30, 10, 20}, new double[] {40, 60, 50}, 32L << 20,
            new double[] {100, 200, 300}, "clock", "a -> b"));
    report.remove("path");
    assertThat(PeersBenchStats.Figures.ofLocalPair(report, 1, "clock").path()).isNull();
    report.put("mbps", "fast");
    assertThatThrownBy(() -> PeersBenchStats.Figures.ofLocalPair(report, 1, "clock"))
        .isInstanceOf(Json.JsonException.class);
  }

  @Test
  void ratiosCompareJrtcPairsWithThePeerOnBothSides() {
    Map<String, PeersBenchStats.Figures> pairs = new LinkedHashMap<>();
    pairs.put("jrtc-jrtc", figures(20, 100, 50, 500));
    pairs.put("chromium-chromium", figures(10, 50, 100, 250));
    pairs.put("jrtc-chromium", figures(30, 25, 200, 1000));
    pairs.put("aiortc-aiortc", PeersBenchStats.Figures.failed("aiortc missing"));
    pairs.put("jrtc-aiortc", figures(1, 1, 1, 1));
    List<PeersBenchStats.Ratio> ratios = PeersBenchStats.ratios(pairs);
    assertThat(ratios).extracting(PeersBenchStats.Ratio::key)
        .containsExactly("jrtc-jrtc/chromium-chromium", "jrtc-chromium/chromium-chromium");
    PeersBenchStats.Ratio jj = ratios.get(0);
    assertThat(jj.setup()).isEqualTo(2.0); // 20 ms vs 10 ms: jrtc takes twice as long
    assertThat(jj.mbps()).isEqualTo(2.0); // 100 vs 50 MB/s: jrtc moves twice as much
    assertThat(jj.rtt()).isEqualTo(0.5);
    assertThat(jj.rttP99()).isEqualTo(2.0);
    PeersBenchStats.Ratio mixed = ratios.get(1);
    assertThat(mixed.setup()).isEqualTo(3.0);
    assertThat(mixed.mbps()).isEqualTo(0.5);
    assertThat(mixed.rtt()).isEqualTo(2.0);
  }

  @Test
  void noRatioWithoutTheJrtcPair() {
    Map<String, PeersBenchStats.Figures> pairs = new LinkedHashMap<>();
    pairs.put("jrtc-jrtc", PeersBenchStats.Figures.failed("boom"));
    pairs.put("chromium-chromium", figures(10, 50, 100, 250));
    assertThat(PeersBenchStats.ratios(pairs)).isEmpty();
  }

  @Test
  void jsonCarriesFiguresErrorsRatiosAndNotes() {
    Map<String, PeersBenchStats.Figures> pairs = new LinkedHashMap<>();
    pairs.put("jrtc-jrtc", figures(20, 100, 50, 500));
    pairs.put("chromium-chromium", PeersBenchStats.Figures.failed("cannot start chromium: missing\nmore"));
    pairs.put("aiortc-aiortc", figures(40, 10, 150, 300).withTransit(new double[] {0.44}));
    Map<String, Object> json = Json.asObject(Json.parse(Json.write(
        PeersBenchStats.json(pairs, Map.of("aiortc_version", "1.4.0")))));
    Map<String, Object> p = Json.asObject(json.get("pairs"));
    assertThat(p.keySet()).containsExactly("jrtc-jrtc", "chromium-chromium", "aiortc-aiortc");
    Map<String, Object> jj = Json.asObject(p.get("jrtc-jrtc"));
    assertThat(jj).containsEntry("setup_ms", 20L).containsEntry("mbps", 100L).containsEntry("rtt_us", 50L)
        .containsEntry("rtt_p99_us", 500L).containsEntry("bulk_mib", 32L).doesNotContainKey("harness_transit_ms");
    assertThat(Json.asObject(p.get("chromium-chromium")))
        .containsExactly(Map.entry("error", "cannot start chromium: missing\nmore"));
    assertThat(Json.asObject(p.get("aiortc-aiortc"))).containsEntry("harness_transit_ms", 0.4);
    Map<String, Object> ratio = Json.asObject(Json.asObject(json.get("ratios")).get("jrtc-jrtc/aiortc-aiortc"));
    assertThat(((Number) ratio.get("setup_ms")).doubleValue()).isEqualTo(0.5);
    assertThat(((Number) ratio.get("mbps")).doubleValue()).isEqualTo(10.0);
    assertThat(((Number) ratio.get("rtt_us")).doubleValue()).isCloseTo(0.333, within(1e-9));
    assertThat(Json.asObject(json.get("ratio_reading")).keySet())
        .containsExactly("setup_ms", "mbps", "rtt_us", "rtt_p99_us");
    assertThat(json).containsEntry("aiortc_version", "1.4.0");
  }

  @Test
  void tableShowsEveryPairAFailureAndTheRatios() {
    Map<String, PeersBenchStats.Figures> pairs = new LinkedHashMap<>();
    pairs.put("jrtc-jrtc", figures(20, 100, 50, 500));
    pairs.put("chromium-chromium", figures(10, 50, 100, 250));
    pairs.put("aiortc-aiortc", PeersBenchStats.Figures.failed("aiortc missing\nstack"));
    List<String> table = PeersBenchStats.table(pairs);
    assertThat(table.get(0)).contains("setup ms", "MB/s", "RTT us", "p99 us");
    assertThat(table).anySatisfy(l -> assertThat(l).contains("jrtc-jrtc", "20.0", "100.0", "50.0", "500.0"));
    assertThat(table).anySatisfy(l -> assertThat(l).contains("aiortc-aiortc", "FAILED: aiortc missing")
        .doesNotContain("stack"));
    assertThat(table).anySatisfy(l -> assertThat(l).contains("jrtc-jrtc/chromium-chromium", "2.00", "0.50"));
    assertThat(table).anySatisfy(l -> assertThat(l).contains("lower is better", "higher is better"));
  }

  @Test
  void planSizesAndOptions() {
    PeersBench.Plan full = PeersBench.Plan.of(List.of());
    assertThat(full.bulkBytes()).isEqualTo(32L << 20);
    assertThat(full.setupRuns()).isGreaterThanOrEqualTo(5);
    assertThat(full.roundTrips()).isEqualTo(1000);
    assertThat(full.warmRoundTrips()).isEqualTo(100);
    PeersBench.Plan quick = PeersBench.Plan.of(List.of("--quick"));
    assertThat(quick.bulkBytes()).isLessThan(full.bulkBytes());
    assertThat(quick.aiortcBulkBytes()).isLessThan(full.aiortcBulkBytes());
    assertThat(quick.roundTrips()).isLessThan(full.roundTrips());
    PeersBench.Plan set = PeersBench.Plan.of(List.of("--runs", "9", "--mib", "4", "--aiortc-mib", "1",
        "--round-trips", "50"));
    assertThat(set).isEqualTo(new PeersBench.Plan(9, 3, 4L << 20, 1L << 20, 100, 50));
    assertThat(PeersBench.Plan.warmUpBytes(32L << 20)).isEqualTo(8L << 20);
    assertThat(PeersBench.Plan.warmUpBytes(1)).isEqualTo(64 * 1024);
    assertThat(PeersBench.listArg(List.of("--only", "jrtc-jrtc,aiortc-aiortc"), "--only"))
        .containsExactly("jrtc-jrtc", "aiortc-aiortc");
  }

  @Test
  void badOptionsNameTheOption() {
    assertThatThrownBy(() -> PeersBench.Plan.of(List.of("--mib", "lots")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mib").hasMessageContaining("lots");
    assertThatThrownBy(() -> PeersBench.Plan.of(List.of("--runs", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--runs");
    assertThatThrownBy(() -> PeersBench.Plan.of(List.of("--round-trips")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> PeersBench.listArg(List.of("--only"), "--only"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--only");
  }

  private static PeersBenchStats.Figures figures(double setupMs, double mbps, double rttUs, double rttP99Us) {
    return new PeersBenchStats.Figures(setupMs * 2, setupMs, 6, mbps, 32L << 20, 3, rttUs, rttP99Us, 1000, "test",
        "10.77.0.1:1 -> 10.77.0.2:2", Double.NaN, null);
  }
}
