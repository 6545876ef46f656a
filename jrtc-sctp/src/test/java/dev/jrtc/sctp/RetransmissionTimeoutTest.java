package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9260 §6.3.1 / RFC 6298 §2 RTO rules, and §6.3.3 E2 back-off. */
class RetransmissionTimeoutTest {
  private static final long MS = 1_000_000L;

  @Test
  @DisplayName("RFC 6298 §2.2-2.3: SRTT, RTTVAR and RTO after the first and second measurement")
  void formulas() {
    RetransmissionTimeout rto = new RetransmissionTimeout(1000 * MS, 10 * MS, 60_000 * MS);
    assertThat(rto.rto()).isEqualTo(1000 * MS);
    rto.measure(100 * MS);
    assertThat(rto.srtt()).isEqualTo(100 * MS);
    assertThat(rto.rto()).isEqualTo(300 * MS); // 100 + 4 * 50
    rto.measure(200 * MS);
    // RTTVAR = 3/4 * 50 + 1/4 * 100 = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5; RTO = 112.5 + 250.
    assertThat(rto.srtt()).isEqualTo(112_500_000L);
    assertThat(rto.rto()).isEqualTo(362_500_000L);
  }

  @Test
  @DisplayName("RFC 9260 §6.3.1 C6-C7: RTO is clamped to [RTO.Min, RTO.Max]; E2 doubles it up to RTO.Max")
  void clampAndBackOff() {
    RetransmissionTimeout rto = new RetransmissionTimeout(1000 * MS, 220 * MS, 3000 * MS);
    rto.measure(1 * MS);
    assertThat(rto.rto()).isEqualTo(220 * MS);
    rto.backOff();
    assertThat(rto.rto()).isEqualTo(440 * MS);
    for (int i = 0; i < 10; i++) {
      rto.backOff();
    }
    assertThat(rto.rto()).isEqualTo(3000 * MS);
  }
}
