package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The link model: latency, jitter, loss statistics, duplication, reordering, rate and MTU. */
class SimLinkTest {
  private final SimNet net = SimNet.builder().seed(42).build();
  private final SimRouter wan = net.router("wan", "10.0.0.0/24");
  private final SimHost ha = wan.host("10.0.0.1");
  private final SimHost hb = wan.host("10.0.0.2");
  private final SimSocket a = ha.bind(1000);
  private final SimSocket b = hb.bind(2000);
  /** Arrival time (ms since start) and sequence number of what b receives. */
  private final List<long[]> arrivals = new ArrayList<>();
  private final long start = net.clock().monotonicNanos();

  SimLinkTest() {
    b.onReceive((from, to, data) -> arrivals.add(new long[] {
        (net.clock().monotonicNanos() - start) / 1_000_000L, ((data[0] & 0xff) << 8) | (data[1] & 0xff)}));
  }

  private void sendNumbered(int count, int size, Duration spacing) {
    for (int i = 0; i < count; i++) {
      int n = i;
      net.scheduler().schedule(spacing.multipliedBy(i), () -> {
        byte[] d = new byte[size];
        d[0] = (byte) (n >>> 8);
        d[1] = (byte) n;
        a.send(b.localAddress(), d);
      });
    }
    net.advance(spacing.multipliedBy(count).plusSeconds(10));
  }

  @Test
  void latencyAddsUpAlongThePath() {
    net.link(ha, wan).latency(Duration.ofMillis(30));
    net.link(hb, wan).latency(Duration.ofMillis(20));
    sendNumbered(3, 10, Duration.ofMillis(100));
    assertThat(arrivals).extracting(x -> x[0]).containsExactly(50L, 150L, 250L);
  }

  @Test
  void jitterStaysWithinItsBoundAndSpreadsArrivals() {
    net.link(ha, wan).latency(Duration.ofMillis(40)).jitter(Duration.ofMillis(20));
    sendNumbered(1000, 10, Duration.ofMillis(1000));
    assertThat(arrivals).hasSize(1000);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (long[] x : arrivals) {
      long delay = x[0] - x[1] * 1000;
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }
    assertThat(min).isBetween(40L, 41L);
    assertThat(max).isBetween(59L, 60L);
  }

  @Test
  void randomLossMatchesItsRate() {
    net.link(ha, wan).loss(Loss.random(0.1));
    sendNumbered(20_000, 10, Duration.ofMillis(1));
    double lost = 1 - arrivals.size() / 20_000.0;
    assertThat(lost).isCloseTo(0.1, within(0.01));
    assertThat(net.count(SimPacket.Fate.LOST)).isEqualTo(20_000 - arrivals.size());
  }

  @Test
  void gilbertElliottLossComesInBurstsOfTheExpectedLength() {
    Loss model = Loss.gilbertElliott(0.01, 0.25); // bursts of 4 packets on average, 3.8 % loss
    assertThat(model.averageLossRate()).isCloseTo(0.01 / 0.26, within(1e-12));
    net.link(ha, wan).loss(model);
    sendNumbered(50_000, 10, Duration.ofMillis(1));
    boolean[] got = new boolean[50_000];
    for (long[] x : arrivals) {
      got[(int) x[1]] = true;
    }
    int lost = 0;
    int bursts = 0;
    for (int i = 0; i < got.length; i++) {
      if (!got[i]) {
        lost++;
        if (i == 0 || got[i - 1]) {
          bursts++;
        }
      }
    }
    assertThat(lost / 50_000.0).isCloseTo(model.averageLossRate(), within(0.008));
    assertThat((double) lost / bursts).isCloseTo(4.0, within(0.6));
  }

  @Test
  void duplicationSendsCopies() {
    net.link(ha, wan).duplicate(0.2);
    sendNumbered(5000, 10, Duration.ofMillis(1));
    assertThat(arrivals.size() / 5000.0).isCloseTo(1.2, within(0.03));
    assertThat(net.count(SimPacket.Fate.DUPLICATED)).isEqualTo(arrivals.size() - 5000);
  }

  @Test
  void reorderingLetsLaterPacketsOvertake() {
    net.link(ha, wan).latency(Duration.ofMillis(10)).reorder(0.1, Duration.ofMillis(25));
    sendNumbered(2000, 10, Duration.ofMillis(10));
    assertThat(arrivals).hasSize(2000);
    int outOfOrder = 0;
    for (int i = 1; i < arrivals.size(); i++) {
      if (arrivals.get(i)[1] < arrivals.get(i - 1)[1]) {
        outOfOrder++;
      }
    }
    assertThat(outOfOrder / 2000.0).isCloseTo(0.1, within(0.03));
  }

  @Test
  void rateLimitSerializesPacketsAndDropsWhenTheQueueIsFull() {
    // 1 Mbit/s: a 1000-byte payload is 1028 IP bytes = 8.224 ms on the wire.
    net.link(ha, wan).rateLimit(1_000_000, Duration.ofMillis(50));
    sendNumbered(10, 1000, Duration.ZERO);
    assertThat(arrivals).hasSize(7); // 0..6 wait at most 49.3 ms; the 8th would wait 57.6 ms
    assertThat(arrivals.get(6)[0]).isEqualTo(57L); // 7 * 8.224 ms
    assertThat(net.count(SimPacket.Fate.QUEUE_FULL)).isEqualTo(3);
  }

  @Test
  void packetsOverTheMtuAreDropped() {
    net.link(ha, wan).mtu(1280);
    a.send(b.localAddress(), new byte[1252]); // 1280 with headers
    a.send(b.localAddress(), new byte[1253]);
    net.advance(Duration.ofMillis(1));
    assertThat(arrivals).hasSize(1);
    assertThat(net.count(SimPacket.Fate.TOO_BIG)).isEqualTo(1);
  }

  @Test
  void aDownLinkDropsEverythingUntilItIsUpAgain() {
    SimLink link = net.link(wan, hb).down(true);
    a.send(b.localAddress(), new byte[2]);
    net.advance(Duration.ofMillis(1));
    link.down(false);
    a.send(b.localAddress(), new byte[2]);
    net.advance(Duration.ofMillis(1));
    assertThat(arrivals).hasSize(1);
    assertThat(net.count(SimPacket.Fate.LINK_DOWN)).isEqualTo(1);
  }
}
