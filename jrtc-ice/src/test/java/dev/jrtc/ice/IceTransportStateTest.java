package dev.jrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every arc of the RTCIceTransportState transition table, legal and illegal. */
class IceTransportStateTest {
  private static final Set<String> LEGAL = Set.of(
      "new->checking", "new->failed", "new->connected", "new->closed",
      "checking->connected", "checking->failed", "checking->new", "checking->closed",
      "connected->completed", "connected->disconnected", "connected->failed", "connected->checking",
      "connected->closed",
      "completed->connected", "completed->disconnected", "completed->failed", "completed->checking",
      "completed->closed",
      "disconnected->connected", "disconnected->completed", "disconnected->failed", "disconnected->checking",
      "disconnected->closed",
      "failed->checking", "failed->connected", "failed->new", "failed->closed");

  static List<Arguments> arcs() {
    List<Arguments> out = new ArrayList<>();
    for (IceTransportState from : IceTransportState.values()) {
      for (IceTransportState to : IceTransportState.values()) {
        String name = from.value() + "->" + to.value();
        out.add(Arguments.of(name, from, to, LEGAL.contains(name)));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arcs")
  @DisplayName("RTCIceTransportState arcs")
  void arc(String name, IceTransportState from, IceTransportState to, boolean legal) {
    assertThat(IceTransportState.isLegal(from, to)).isEqualTo(legal);
    assertThat(IceTransportState.fromValue(from.value())).isEqualTo(from);
  }
}
