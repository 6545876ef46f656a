package dev.jrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8489 §6.2.1 and §6.2.2 retransmission schedules. */
class StunTransactionTest {
  private static final long MS = 1_000_000L;
  private final StunMessage request = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST,
      TransactionId.random(Entropy.seeded(1))).build();

  /** Drives the transaction by its own timeouts and records when it sent. */
  private static List<Long> run(StunTransaction t, long start) {
    List<Long> sends = new ArrayList<>();
    long now = start;
    for (int i = 0; i < 100; i++) {
      t.handleTimeout(now);
      if (t.pollTransmit(now) != null) {
        sends.add((now - start) / MS);
      }
      if (t.state() != StunTransaction.State.PENDING) {
        sends.add((now - start) / MS);
        break;
      }
      now = Math.max(now, t.pollTimeoutNanos());
    }
    return sends;
  }

  @Test
  void udpScheduleMatchesRfc8489Example() {
    StunTransaction t = StunTransaction.udp(request, 1000);
    // Sends at 0, 500, 1500, 3500, 7500, 15500, 31500 ms; fails at 39500 ms.
    assertThat(run(t, 1000)).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L, 39500L);
    assertThat(t.state()).isEqualTo(StunTransaction.State.TIMED_OUT);
    assertThat(t.transmissions()).isEqualTo(7);
  }

  @Test
  void reliableSendsOnceAndTimesOutAfterTi() {
    StunTransaction t = StunTransaction.reliable(request, 0);
    assertThat(run(t, 0)).containsExactly(0L, 39500L);
    assertThat(t.state()).isEqualTo(StunTransaction.State.TIMED_OUT);
  }

  @Test
  void responseStopsRetransmissions() {
    StunTransaction t = StunTransaction.udp(request, 0);
    assertThat(t.pollTransmit(0)).isEqualTo(request.encode());
    assertThat(t.pollTransmit(0)).isNull();
    t.handleResponse();
    t.handleTimeout(600 * MS);
    assertThat(t.pollTransmit(600 * MS)).isNull();
    assertThat(t.state()).isEqualTo(StunTransaction.State.DONE);
    assertThat(t.pollTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void earlyTimeoutDoesNothing() {
    StunTransaction t = StunTransaction.udp(request, 0);
    t.pollTransmit(0);
    t.handleTimeout(499 * MS);
    assertThat(t.pollTransmit(499 * MS)).isNull();
    t.handleTimeout(500 * MS);
    assertThat(t.pollTransmit(500 * MS)).isNotNull();
  }

  @Test
  void cappedRto() {
    StunTransaction t = StunTransaction.udp(request, 250 * MS, 7, 4, 1000 * MS, 0);
    assertThat(run(t, 0)).containsExactly(0L, 250L, 750L, 1750L, 2750L, 3750L, 4750L, 5750L);
  }

  @Test
  void configuredTimingIsUsed() {
    StunRetransmission timing = new StunRetransmission(100 * MS, 3, 2);
    StunTransaction t = StunTransaction.udp(request, timing, 0);
    // RFC 8489 §6.2.1 with RTO 100 ms, Rc 3, Rm 2: sends at 0, 100, 300 ms; fails 200 ms later.
    assertThat(run(t, 0)).containsExactly(0L, 100L, 300L, 500L);
    assertThat(timing.totalNanos()).isEqualTo(500 * MS);
    StunTransaction reliable = StunTransaction.reliable(request, timing.totalNanos(), 0);
    assertThat(run(reliable, 0)).containsExactly(0L, 500L);
  }

  @Test
  void defaultTimingIsTheRfcs() {
    assertThat(StunRetransmission.DEFAULT.totalNanos()).isEqualTo(StunTransaction.TI_NANOS);
    assertThat(StunRetransmission.DEFAULT).isEqualTo(new StunRetransmission(500 * MS, 7, 16));
    assertThat(new StunRetransmission(Long.MAX_VALUE / 2, 31, 1000).totalNanos()).isEqualTo(Long.MAX_VALUE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StunRetransmission(0, 7, 16))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StunRetransmission(MS, 0, 16))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StunRetransmission(MS, 32, 16))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StunRetransmission(MS, 7, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
