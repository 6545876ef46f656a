package dev.jrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RTCIceTransportState derivation, row by row. */
class IceStateMachineTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // name | current | closed sel expired missing curGen remEnd locEnd pending checking allFailed | expected
      "closed wins                  | connected    | T F F F F F F F F F | closed",
      "nothing yet                  | new          | F F F F F F F F F F | new",
      "credentials, no pairs        | new          | F F F F F F F F F F | new",
      "pairs being checked          | new          | F F F F F F F T T F | checking",
      "all failed, no end yet       | checking     | F F F F F F T F T T | checking",
      "all failed after end         | checking     | F F F F F T T F T T | failed",
      "selected                     | checking     | F T F F T F F T T F | connected",
      "selected, everything ended   | connected    | F T F F T T T F T F | completed",
      "selected, pairs pending      | connected    | F T F F T T T T T F | connected",
      "consent missing              | completed    | F T F T T T T F T F | disconnected",
      "consent back                 | disconnected | F T F F T F F F T F | connected",
      "consent expired              | disconnected | F T T T T F F F T F | failed",
      "old selection during restart | connected    | F T F F F T T F F F | connected",
      "restart without a selection  | failed       | F F F F F F F F F F | checking"})
  @DisplayName("state rows")
  void row(String name, String current, String facts, String expected) {
    String[] f = facts.trim().split(" ");
    boolean[] b = new boolean[f.length];
    for (int i = 0; i < f.length; i++) {
      b[i] = f[i].equals("T");
    }
    IceStateMachine.Facts in = new IceStateMachine.Facts(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9]);
    assertThat(IceStateMachine.next(IceTransportState.fromValue(current.trim()), in))
        .isEqualTo(IceTransportState.fromValue(expected.trim()));
  }
}
