package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.datachannel.ChannelParameters;
import dev.jrtc.datachannel.DataChannelEvent;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Over network seeds (issue 5 "Tests"): on the virtual network of {@link DataChannelSimTest} (ICE
 * through a NAT, SCTP and DCEP over the selected pair, no DTLS), a reliable ordered data channel
 * delivers every message intact and in order, both ways at once, for random loss up to 20 % with
 * jitter (so reordering) and duplication.
 */
class DataChannelSimProperties {

  @Property(tries = 30)
  void reliableOrderedDeliversEverythingInOrder(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @DoubleRange(min = 0, max = 0.2) double loss) {
    DataChannelSimTest.World w = new DataChannelSimTest.World(seed)
        .impair(l -> l.loss(Loss.random(loss)).jitter(Duration.ofMillis(10)).duplicate(0.02));
    int id = w.open(ChannelParameters.reliable("p"));
    SplittableRandom r = new SplittableRandom(seed);
    int n = 60;
    int[] sizesA = new int[n];
    int[] sizesB = new int[n];
    for (int i = 0; i < n; i++) {
      sizesA[i] = 4 + r.nextInt(6000); // up to 5 fragments at the 1200-byte SCTP MTU
      sizesB[i] = 4 + r.nextInt(1500);
      w.a.channels.send(w.a.now(), id, DataChannelSimTest.payload(i, sizesA[i]), true);
      w.b.channels.send(w.b.now(), id, DataChannelSimTest.payload(i, sizesB[i]), true);
    }
    w.a.pump();
    w.b.pump();
    assertThat(w.runUntil(() -> w.b.messages().size() >= n && w.a.messages().size() >= n, Duration.ofSeconds(600)))
        .as("seed %d loss %.3f: B got %d, A got %d", seed, loss, w.b.messages().size(), w.a.messages().size())
        .isTrue();
    w.net.advance(Duration.ofSeconds(1));
    List<DataChannelEvent.Message> atB = w.b.messages();
    List<DataChannelEvent.Message> atA = w.a.messages();
    assertThat(atB).hasSize(n);
    assertThat(atA).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(DataChannelSimTest.seqOf(atB.get(i).data())).isEqualTo(i);
      assertThat(DataChannelSimTest.intact(atB.get(i).data(), sizesA[i])).as("message %d to B", i).isTrue();
      assertThat(DataChannelSimTest.seqOf(atA.get(i).data())).isEqualTo(i);
      assertThat(DataChannelSimTest.intact(atA.get(i).data(), sizesB[i])).as("message %d to A", i).isTrue();
    }
  }
}
