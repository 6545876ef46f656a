package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * webrtc-pc §6.2 bufferedAmount on the sending queue, against a model: over random sends (empty
 * messages included), transmissions that cwnd and the window allow, SACKs, losses (T3-rtx) and
 * retransmissions, a stream's buffered amount is always the bytes enqueued minus the bytes whose
 * chunks were transmitted at least once; empty messages never count; BufferedAmountLow fires only
 * on a fall from above the threshold to it, with the amount at that moment.
 */
class OutboundQueueProperties {
  private static final int MTU = 1200;
  private static final int T0 = 7;

  @Property(tries = 200)
  void bufferedAmountIsEnqueuedMinusFirstTransmissions(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] threshold = {r.nextInt(3) * 1500L};
    List<long[]> lows = new ArrayList<>();
    OutboundQueue q = new OutboundQueue(MTU, T0, 64 * 1024, (s, a) -> lows.add(new long[] {s, a}));
    q.setBufferedAmountLowThreshold(0, threshold[0]);
    q.setBufferedAmountLowThreshold(1, threshold[0]);
    Map<Integer, Long> model = new HashMap<>();
    Map<Integer, Long> before = new HashMap<>();
    int highestSent = T0 - 1;
    int cumAck = T0 - 1;
    long now = 0;
    for (int step = 0; step < 300; step++) {
      now += 1_000_000L * (1 + r.nextInt(20));
      int op = r.nextInt(10);
      before.clear();
      before.put(0, q.bufferedAmount(0));
      before.put(1, q.bufferedAmount(1));
      int lowsBefore = lows.size();
      if (op < 4) {
        int stream = r.nextInt(2);
        boolean empty = r.nextInt(5) == 0;
        int size = empty ? 1 : 1 + r.nextInt(4000);
        q.enqueue(new OutboundQueue.Message(stream, Ppid.BINARY, new byte[size], SendOptions.RELIABLE, now, empty));
        model.merge(stream, empty ? 0L : size, Long::sum);
      } else if (op < 7) {
        OutboundQueue.Entry e;
        while ((e = q.nextNewChunk(now, MTU)) != null) {
          assertThat(e.transmissions).isEqualTo(1);
          if (e.message.bufferedSize != 0) {
            model.merge(e.message.streamId, (long) -e.size(), Long::sum);
          }
          highestSent = e.tsn();
        }
        while ((e = q.nextRetransmission(now, MTU)) != null) {
          assertThat(e.transmissions).isGreaterThan(1);
        }
        q.packetDone();
      } else if (op < 9) {
        if (Tsn.gt(highestSent, cumAck)) {
          cumAck = cumAck + 1 + r.nextInt(highestSent - cumAck);
          q.onSack(new SelectiveAckChunk(cumAck, 64 * 1024, List.of(), List.of()), now);
        }
      } else {
        q.onT3Expired(now);
      }
      for (int s = 0; s < 2; s++) {
        long amount = q.bufferedAmount(s);
        assertThat(amount).as("stream %d at step %d", s, step).isEqualTo(model.getOrDefault(s, 0L));
      }
      for (int k = lowsBefore; k < lows.size(); k++) {
        int s = (int) lows.get(k)[0];
        assertThat(before.get(s)).isGreaterThan(threshold[0]);
        // the amount when it crossed; later chunks of the same step may have lowered it further
        assertThat(lows.get(k)[1]).isLessThanOrEqualTo(threshold[0]).isGreaterThanOrEqualTo(q.bufferedAmount(s));
      }
    }
    assertThat(q.totalBufferedAmount()).isEqualTo(q.bufferedAmount(0) + q.bufferedAmount(1));
  }
}
