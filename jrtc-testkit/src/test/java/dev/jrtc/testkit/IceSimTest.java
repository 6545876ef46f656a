package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.IceTransportState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jrtc-ice's {@link dev.jrtc.ice.IceAgent} on the simulated network (issue 4 "Tests"): two
 * agents across every RFC 4787 NAT combination, with STUN and TURN servers.
 */
class IceSimTest {

  static Stream<Arguments> natCombinations() {
    List<Arguments> rows = new ArrayList<>();
    for (Nat.Mapping ma : Nat.Mapping.values()) {
      for (Nat.Filtering fa : Nat.Filtering.values()) {
        for (Nat.Mapping mb : Nat.Mapping.values()) {
          for (Nat.Filtering fb : Nat.Filtering.values()) {
            rows.add(Arguments.of(ma, fa, mb, fb));
          }
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "A {0}/{1} vs B {2}/{3}")
  @MethodSource("natCombinations")
  void connectsAcrossEveryNatCombinationWithStunAndTurn(Nat.Mapping ma, Nat.Filtering fa, Nat.Mapping mb,
      Nat.Filtering fb) {
    IceWorld w = new IceWorld(1, Nat.of(ma, fa), Nat.of(mb, fb)).gather(true);
    assertThat(w.connect(Duration.ofSeconds(30))).as("both connected; A %s, B %s", w.a.stateLog, w.b.stateLog)
        .isTrue();
    assertThat(w.exchangeData()).isTrue();
    boolean bothEim = ma == Nat.Mapping.ENDPOINT_INDEPENDENT && mb == Nat.Mapping.ENDPOINT_INDEPENDENT;
    boolean bothSymmetric = ma == Nat.Mapping.ADDRESS_AND_PORT_DEPENDENT && mb == Nat.Mapping.ADDRESS_AND_PORT_DEPENDENT;
    if (bothEim) {
      // Endpoint-independent mappings on both sides: the hole punched to the srflx candidate works.
      assertThat(w.a.usesRelay()).as("A selected %s", w.a.selected()).isFalse();
      assertThat(w.b.usesRelay()).as("B selected %s", w.b.selected()).isFalse();
    }
    if (bothSymmetric) {
      assertThat(w.a.usesRelay()).as("A selected %s", w.a.selected()).isTrue();
      assertThat(w.b.usesRelay()).as("B selected %s", w.b.selected()).isTrue();
    }
  }

  @Test
  void symmetricAgainstSymmetricFailsWithoutTurn() {
    IceWorld w = new IceWorld(2, Nat.symmetric(), Nat.symmetric()).gather(false);
    assertThat(w.net.runUntil(() -> w.a.state() == IceTransportState.FAILED && w.b.state() == IceTransportState.FAILED,
        Duration.ofSeconds(60))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.a.selected()).isNull();
    assertThat(w.a.firstTimeOf(IceTransportState.CONNECTED)).isEqualTo(-1);
  }

  @Test
  void symmetricAgainstSymmetricConnectsThroughTurn() {
    IceWorld w = new IceWorld(3, Nat.symmetric(), Nat.symmetric()).gather(true);
    assertThat(w.connect(Duration.ofSeconds(30))).isTrue();
    assertThat(w.a.usesRelay()).isTrue();
    assertThat(w.exchangeData()).isTrue();
    assertThat(w.turn.allocationCount()).isEqualTo(2);
  }

  @Test
  void fullConeAgainstPublicHostUsesServerReflexiveOrHostCandidates() {
    IceWorld w = new IceWorld(4, Nat.fullCone(), null).gather(false);
    assertThat(w.connect(Duration.ofSeconds(30))).isTrue();
    assertThat(w.exchangeData()).isTrue();
    assertThat(w.a.usesRelay()).isFalse();
  }
}
