package dev.jrtc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSupportTest {

  @Test
  void jsonLineIsValidAndCompact() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bench", "sdp");
    m.put("median", 12.5);
    m.put("count", 3);
    m.put("list", List.of(1, "a\"b"));
    assertThat(Json.write(m)).isEqualTo("{\"bench\":\"sdp\",\"median\":12.5,\"count\":3,\"list\":[1,\"a\\\"b\"]}");
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(JmhBench.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(JmhBench.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }

  @Test
  void unknownBenchmarkIsAnErrorAndListNamesEveryBench() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(BenchMain.run(List.of("nope"), o, e)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown benchmark 'nope'");
    assertThat(BenchMain.run(List.of("list"), o, e)).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("sdp").contains("negotiation");
  }
}
