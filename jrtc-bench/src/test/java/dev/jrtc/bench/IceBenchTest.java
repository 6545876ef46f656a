package dev.jrtc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./jrtc bench ice}: its options and the shape of its figures. Nothing here asserts a
 * speed (ARCHITECTURE.md: measured, not asserted); the small end-to-end run only checks that
 * the agents connect on 127.0.0.1 and the STUN responses verify.
 */
class IceBenchTest {

  @Test
  void optionsHaveDefaultsAndRejectNonsense() {
    IceBench.Options d = IceBench.Options.parse(List.of());
    assertThat(d.runs()).isEqualTo(30);
    assertThat(d.pairs()).isEqualTo(1000);
    assertThat(d.modes()).containsExactly("sockets", "mux");
    IceBench.Options o = IceBench.Options.parse(List.of("--pairs", "7", "--mode", "mux", "--window", "8"));
    assertThat(o.pairs()).isEqualTo(7);
    assertThat(o.modes()).containsExactly("mux");
    assertThat(o.window()).isEqualTo(8);
    assertThatThrownBy(() -> IceBench.Options.parse(List.of("--pairs", "x"))).hasMessageContaining("--pairs");
    assertThatThrownBy(() -> IceBench.Options.parse(List.of("--pairs", "0"))).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> IceBench.Options.parse(List.of("--pairs"))).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> IceBench.Options.parse(List.of("--mode", "tcp"))).hasMessageContaining("--mode");
    assertThatThrownBy(() -> IceBench.Options.parse(List.of("--bogus"))).hasMessageContaining("unknown option");
  }

  @Test
  void threadGroupsDropTheTrailingNumber() {
    assertThat(IceThreadCpu.group("jrtc-io-0")).isEqualTo("jrtc-io");
    assertThat(IceThreadCpu.group("ice-bench-strand-12")).isEqualTo("ice-bench-strand");
    assertThat(IceThreadCpu.group("GC Thread#3")).isEqualTo("GC Thread");
    assertThat(IceThreadCpu.group("main")).isEqualTo("main");
  }

  @Test
  void aSmallRunConnectsEveryPairAndReportsEveryFigure() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    Map<String, Object> f = new IceBench().run(
        List.of("--runs", "2", "--pairs", "3", "--stun-seconds", "1", "--window", "4"), out);
    assertThat(f).containsKeys("connect_ms", "connect_ms_first", "pairs", "pairs_connect_s", "threads",
        "heap_kb_per_pair", "stun_rps");
    assertThat(f.get("pairs")).isEqualTo(3);
    for (String mode : List.of("pairs_sockets", "pairs_mux")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) f.get(mode);
      assertThat(m.get("connected")).as(mode).isEqualTo(3);
      assertThat(m.get("failed")).as(mode).isEqualTo(0);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> stun = (Map<String, Object>) f.get("stun");
    assertThat((Long) stun.get("answered")).isPositive();
    assertThat(stun.get("bad")).isEqualTo(0L);
    assertThat(stun.get("errors")).isEqualTo(0L);
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("stun_rps");
  }
}
