package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.sctp.SctpStateMachine.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9260 §4 (Figure 3), row by row: every legal arc, and every other (state, input) pair
 * rejected.
 */
class SctpStateMachineTest {
  private static final Map<String, SctpState> LEGAL = Map.ofEntries(
      Map.entry("CLOSED ASSOCIATE", SctpState.COOKIE_WAIT),
      Map.entry("COOKIE_WAIT INIT_ACK_RECEIVED", SctpState.COOKIE_ECHOED),
      Map.entry("CLOSED COOKIE_ECHO_RECEIVED", SctpState.ESTABLISHED),
      Map.entry("COOKIE_WAIT COOKIE_ECHO_RECEIVED", SctpState.ESTABLISHED),
      Map.entry("COOKIE_ECHOED COOKIE_ECHO_RECEIVED", SctpState.ESTABLISHED),
      Map.entry("COOKIE_ECHOED COOKIE_ACK_RECEIVED", SctpState.ESTABLISHED),
      Map.entry("ESTABLISHED SHUTDOWN", SctpState.SHUTDOWN_PENDING),
      Map.entry("ESTABLISHED SHUTDOWN_RECEIVED", SctpState.SHUTDOWN_RECEIVED),
      Map.entry("SHUTDOWN_PENDING SHUTDOWN_RECEIVED", SctpState.SHUTDOWN_RECEIVED),
      Map.entry("SHUTDOWN_SENT SHUTDOWN_RECEIVED", SctpState.SHUTDOWN_ACK_SENT),
      Map.entry("SHUTDOWN_PENDING NO_MORE_OUTSTANDING", SctpState.SHUTDOWN_SENT),
      Map.entry("SHUTDOWN_RECEIVED NO_MORE_OUTSTANDING", SctpState.SHUTDOWN_ACK_SENT),
      Map.entry("SHUTDOWN_SENT SHUTDOWN_ACK_RECEIVED", SctpState.CLOSED),
      Map.entry("SHUTDOWN_ACK_SENT SHUTDOWN_ACK_RECEIVED", SctpState.CLOSED),
      Map.entry("SHUTDOWN_ACK_SENT SHUTDOWN_COMPLETE_RECEIVED", SctpState.CLOSED),
      Map.entry("COOKIE_WAIT ABORT", SctpState.CLOSED),
      Map.entry("COOKIE_ECHOED ABORT", SctpState.CLOSED),
      Map.entry("ESTABLISHED ABORT", SctpState.CLOSED),
      Map.entry("SHUTDOWN_PENDING ABORT", SctpState.CLOSED),
      Map.entry("SHUTDOWN_SENT ABORT", SctpState.CLOSED),
      Map.entry("SHUTDOWN_RECEIVED ABORT", SctpState.CLOSED),
      Map.entry("SHUTDOWN_ACK_SENT ABORT", SctpState.CLOSED));

  static Stream<Arguments> allPairs() {
    List<Arguments> rows = new ArrayList<>();
    for (SctpState from : SctpState.values()) {
      for (Input in : Input.values()) {
        SctpState to = LEGAL.get(from + " " + in);
        rows.add(Arguments.of(from + " -" + in + "-> " + (to == null ? "(rejected)" : to), from, in, to));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allPairs")
  void transition(String name, SctpState from, Input input, SctpState expected) {
    assertThat(SctpStateMachine.next(from, input)).isEqualTo(expected);
  }
}
