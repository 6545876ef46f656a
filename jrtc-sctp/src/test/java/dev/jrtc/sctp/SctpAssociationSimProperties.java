package dev.jrtc.sctp;

import static dev.jrtc.sctp.SimLink.MS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Over random link seeds: "a reliable ordered stream delivers every message intact and in order for
 * loss up to 20 %, with reordering and duplication", both directions at once.
 */
class SctpAssociationSimProperties {

  @Property(tries = 25)
  void reliableOrderedDeliversEverything(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @DoubleRange(min = 0, max = 0.2) double loss) {
    SimLink link = SimLink.connected(seed, SctpConfig.defaults(), loss);
    link.jitter(15 * MS).duplication(0.03);
    SplittableRandom r = new SplittableRandom(seed);
    int n = 60;
    int[] sizesA = new int[n];
    int[] sizesB = new int[n];
    for (int i = 0; i < n; i++) {
      sizesA[i] = 4 + r.nextInt(5000);
      sizesB[i] = 4 + r.nextInt(2000);
      link.a.send(link.now, 0, Ppid.BINARY, SctpAssociationSimTest.message(i, sizesA[i]), SendOptions.RELIABLE);
      link.b.send(link.now, 1, Ppid.BINARY, SctpAssociationSimTest.message(i, sizesB[i]), SendOptions.RELIABLE);
    }
    assertThat(link.runUntil(() -> link.messagesAtB().size() == n && link.messagesAtA().size() == n,
        1800 * 1000 * MS)).isTrue();
    List<SctpEvent.StreamMessage> atB = link.messagesAtB();
    List<SctpEvent.StreamMessage> atA = link.messagesAtA();
    for (int i = 0; i < n; i++) {
      assertThat(atB.get(i).payload()).isEqualTo(SctpAssociationSimTest.message(i, sizesA[i]));
      assertThat(atA.get(i).payload()).isEqualTo(SctpAssociationSimTest.message(i, sizesB[i]));
    }
  }

  /**
   * Mixed traffic on four streams (reliable ordered, reliable unordered, maxRetransmits=1 ordered,
   * 100 ms lifetime unordered) in both directions: every reliable message arrives, ordered streams
   * stay in order, partially reliable ones may lose messages but nothing stays queued.
   */
  @Property(tries = 30)
  void mixedTrafficNeverStalls(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @DoubleRange(min = 0, max = 0.25) double loss) {
    SimLink link = SimLink.connected(seed, SctpConfig.defaults(), loss);
    link.jitter(20 * MS).duplication(0.05);
    SendOptions[] kinds = {SendOptions.RELIABLE, SendOptions.reliable(true), SendOptions.maxRetransmits(false, 1),
        SendOptions.maxPacketLifeTime(true, 100)};
    SplittableRandom r = new SplittableRandom(seed);
    int n = 160;
    for (int i = 0; i < n; i++) {
      int stream = i % 4;
      int size = 4 + r.nextInt(4000);
      link.a.send(link.now, stream, Ppid.BINARY, SctpAssociationSimTest.message(i, size), kinds[stream]);
      link.b.send(link.now, stream, Ppid.BINARY, SctpAssociationSimTest.message(i, size), kinds[stream]);
      if (i % 40 == 39) {
        link.runUntil(() -> false, 50 * MS);
      }
    }
    assertThat(link.runUntil(() -> link.a.allDataAcknowledged() && link.b.allDataAcknowledged(), 1800 * 1000 * MS))
        .as("everything acknowledged or abandoned").isTrue();
    link.runUntil(() -> false, 5000 * MS);
    for (List<SctpEvent.StreamMessage> got : List.of(link.messagesAtA(), link.messagesAtB())) {
      int[] last = {-1, -1, -1, -1};
      int[] count = new int[4];
      for (SctpEvent.StreamMessage m : got) {
        int idx = SctpAssociationSimTest.indexOf(m.payload());
        assertThat(idx % 4).isEqualTo(m.streamId());
        if (m.streamId() == 0 || m.streamId() == 2) {
          assertThat(idx).as("in order on stream %d", m.streamId()).isGreaterThan(last[m.streamId()]);
        }
        last[m.streamId()] = idx;
        count[m.streamId()]++;
      }
      assertThat(count[0]).isEqualTo(n / 4);
      assertThat(count[1]).isEqualTo(n / 4);
      assertThat(count[2]).isLessThanOrEqualTo(n / 4);
      assertThat(count[3]).isLessThanOrEqualTo(n / 4);
    }
  }
}
