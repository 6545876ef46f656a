package dev.jrtc.ice;

import static dev.jrtc.ice.TestNet.MS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-pair counters behind webrtc-stats candidate-pair entries: checks and responses both
 * ways, consent checks, application packets and bytes, round-trip times, for two agents on the
 * virtual network.
 */
class CandidatePairStatsTest {
  private static final long S = 1000 * MS;

  @Test
  void theSelectedPairCountsChecksConsentDataAndRoundTrips() {
    TestNet net = new TestNet(7);
    TestNet.Node a = net.add("a", IceAgent.create(IceConfig.of(true), Entropy.seeded(1), net.now),
        TestNet.udp("192.0.2.10", 5000));
    TestNet.Node b = net.add("b", IceAgent.create(IceConfig.of(false), Entropy.seeded(2), net.now),
        TestNet.udp("192.0.2.20", 6000));
    net.pair(a, b, false, false);
    assertThat(net.runUntil(() -> a.agent.selectedPair() != null && b.agent.selectedPair() != null, 10 * S))
        .isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(a.agent.send(("ping" + i).getBytes(StandardCharsets.UTF_8))).isTrue();
    }
    assertThat(b.agent.send("pong".getBytes(StandardCharsets.UTF_8))).isTrue();
    net.run(12 * S); // at least one consent check each way (RFC 7675 §5.1: every 5 s ± 20 %)

    CandidatePairStats as = selected(a.agent.pairStats());
    CandidatePairStats bs = selected(b.agent.pairStats());
    assertThat(as.pair()).isEqualTo(a.agent.selectedPair());
    assertThat(as.nominated()).isTrue();
    assertThat(as.state()).isEqualTo(CandidatePairState.SUCCEEDED);
    assertThat(as.packetsSent()).isEqualTo(3);
    assertThat(as.bytesSent()).isEqualTo(15);
    assertThat(as.packetsReceived()).isEqualTo(1);
    assertThat(as.bytesReceived()).isEqualTo(4);
    assertThat(bs.packetsReceived()).isEqualTo(3);
    assertThat(bs.bytesReceived()).isEqualTo(15);
    assertThat(as.lastPacketSentNanos()).isGreaterThan(Long.MIN_VALUE);
    assertThat(bs.lastPacketReceivedNanos()).isGreaterThanOrEqualTo(as.lastPacketSentNanos());
    // checks, nomination and consent: requests one way are responses the other way
    assertThat(as.consentRequestsSent()).isPositive();
    assertThat(as.requestsSent()).isGreaterThan(as.consentRequestsSent());
    assertThat(as.responsesReceived()).isPositive().isLessThanOrEqualTo(as.requestsSent());
    assertThat(bs.requestsReceived()).isGreaterThanOrEqualTo(as.responsesReceived());
    assertThat(bs.responsesSent()).isEqualTo(bs.requestsReceived());
    assertThat(as.roundTripMeasurements()).isPositive();
    assertThat(as.currentRoundTripNanos()).isPositive();
    assertThat(as.totalRoundTripNanos()).isGreaterThanOrEqualTo(as.currentRoundTripNanos());
  }

  private static CandidatePairStats selected(List<CandidatePairStats> stats) {
    return stats.stream().filter(CandidatePairStats::selected).findFirst()
        .orElseThrow(() -> new AssertionError("no selected pair in " + stats));
  }
}
