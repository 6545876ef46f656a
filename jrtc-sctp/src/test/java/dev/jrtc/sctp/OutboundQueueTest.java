package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9260 §6.2.1, §6.3.3, §7.2 and RFC 3758 §3.5 on the sending side, chunk by chunk. */
class OutboundQueueTest {
  private static final int MTU = 1200;
  private static final int T0 = 1000;
  private final List<long[]> lows = new ArrayList<>();

  private OutboundQueue queue() {
    OutboundQueue q = new OutboundQueue(MTU, T0, 1 << 20, (s, a) -> lows.add(new long[] {s, a}));
    q.setPartialReliability(true);
    return q;
  }

  private static void enqueue(OutboundQueue q, int stream, int size, SendOptions o, long now) {
    q.enqueue(new OutboundQueue.Message(stream, Ppid.BINARY, new byte[size], o, now));
  }

  private static List<OutboundQueue.Entry> sendAll(OutboundQueue q, long now) {
    List<OutboundQueue.Entry> sent = new ArrayList<>();
    OutboundQueue.Entry e;
    while ((e = q.nextNewChunk(now, MTU)) != null) {
      sent.add(e);
    }
    return sent;
  }

  private static SelectiveAckChunk sack(int cum, int... gaps) {
    List<SelectiveAckChunk.GapAckBlock> blocks = new ArrayList<>();
    for (int i = 0; i < gaps.length; i += 2) {
      blocks.add(new SelectiveAckChunk.GapAckBlock(gaps[i], gaps[i + 1]));
    }
    return new SelectiveAckChunk(cum, 1 << 20, blocks, List.of());
  }

  @Test
  @DisplayName("RFC 9260 §6.9: a message is cut into consecutive TSNs with B on the first and E on the last")
  void fragmentation() {
    OutboundQueue q = queue();
    enqueue(q, 1, 3000, SendOptions.RELIABLE, 0);
    List<OutboundQueue.Entry> sent = sendAll(q, 0);
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0).chunk.beginning()).isTrue();
    assertThat(sent.get(0).chunk.userData().length()).isEqualTo(1172);
    assertThat(sent.get(2).chunk.ending()).isTrue();
    assertThat(sent.get(2).chunk.tsn()).isEqualTo(T0 + 2);
    assertThat(sent).allMatch(e -> e.chunk.ssn() == 0 && e.chunk.streamId() == 1);
  }

  @Test
  @DisplayName("RFC 9260 §7.2.1: initial cwnd is min(4*MTU, max(2*MTU, 4404)) and limits new data")
  void initialCwndLimitsSending() {
    OutboundQueue q = queue();
    for (int i = 0; i < 10; i++) {
      enqueue(q, 0, 1000, SendOptions.RELIABLE, 0);
    }
    assertThat(q.cwnd()).isEqualTo(4404);
    // §6.1 B: new data goes while flightSize < cwnd: five 1000-byte chunks (the fifth overshoots).
    assertThat(sendAll(q, 0)).hasSize(5);
    assertThat(q.flightSize()).isEqualTo(5000);
  }

  @Test
  @DisplayName("RFC 9260 §7.2.1: slow start grows cwnd by min(bytes acked, MTU) per SACK")
  void slowStart() {
    OutboundQueue q = queue();
    for (int i = 0; i < 10; i++) {
      enqueue(q, 0, 1000, SendOptions.RELIABLE, 0);
    }
    sendAll(q, 0);
    OutboundQueue.SackResult r = q.onSack(sack(T0 + 1), 20_000_000);
    assertThat(r.cumulativeAdvanced()).isTrue();
    assertThat(r.rttSampleNanos()).isEqualTo(20_000_000);
    assertThat(q.cwnd()).isEqualTo(4404 + 1200);
    assertThat(q.flightSize()).isEqualTo(3000);
  }

  @Test
  @DisplayName("RFC 9260 §7.2.4: three miss indications trigger fast retransmit and halve cwnd")
  void fastRetransmit() {
    OutboundQueue q = queue();
    for (int i = 0; i < 5; i++) {
      enqueue(q, 0, 800, SendOptions.RELIABLE, 0);
    }
    assertThat(sendAll(q, 0)).hasSize(5);
    long cwnd = q.cwnd();
    // T0 lost; T0+1.., then T0+2, T0+3 arrive: each SACK newly acks a higher TSN.
    q.onSack(sack(T0 - 1, 2, 2), 1);
    q.onSack(sack(T0 - 1, 2, 3), 2);
    assertThat(q.hasRetransmissions()).isFalse();
    q.onSack(sack(T0 - 1, 2, 4), 3);
    assertThat(q.hasRetransmissions()).isTrue();
    assertThat(q.ssthresh()).isEqualTo(Math.max(cwnd / 2, 4 * MTU));
    assertThat(q.cwnd()).isEqualTo(q.ssthresh());
    assertThat(q.fastRetransmits()).isEqualTo(1);
    OutboundQueue.Entry e = q.nextRetransmission(4, MTU);
    assertThat(e.tsn()).isEqualTo(T0);
    assertThat(e.transmissions).isEqualTo(2);
  }

  @Test
  @DisplayName("RFC 9260 §6.3.3: T3-rtx expiry collapses cwnd to one MTU and marks all outstanding data")
  void t3Expiry() {
    OutboundQueue q = queue();
    for (int i = 0; i < 4; i++) {
      enqueue(q, 0, 500, SendOptions.RELIABLE, 0);
    }
    sendAll(q, 0);
    q.onT3Expired(1_000_000_000L);
    assertThat(q.cwnd()).isEqualTo(MTU);
    assertThat(q.flightSize()).isZero();
    assertThat(q.t3Expirations()).isEqualTo(1);
    List<Integer> resent = new ArrayList<>();
    OutboundQueue.Entry e;
    while ((e = q.nextRetransmission(2, MTU)) != null) {
      resent.add(e.tsn());
    }
    // cwnd = 1 MTU: sending stops once flightSize reaches it (500 + 500 + 500 >= 1200).
    assertThat(resent).containsExactly(T0, T0 + 1, T0 + 2);
  }

  @Test
  @DisplayName("RFC 3758 §3.5: maxRetransmits=0 abandons on the first loss; FORWARD TSN names the stream and SSN")
  void abandonAndForwardTsn() {
    OutboundQueue q = queue();
    enqueue(q, 3, 2000, SendOptions.maxRetransmits(false, 0), 0); // T0, T0+1, SSN 0
    enqueue(q, 3, 100, SendOptions.RELIABLE, 0); // T0+2, SSN 1
    assertThat(q.bufferedAmount(3)).isEqualTo(2100);
    sendAll(q, 0);
    assertThat(q.bufferedAmount(3)).isZero();
    q.onT3Expired(1_000_000_000L);
    assertThat(q.forwardTsnNeeded()).isTrue();
    assertThat(q.forwardTsnChunk()).isEqualTo(new ForwardTsnChunk(T0 + 1, List.of(new ForwardTsnChunk.StreamSsn(3, 0))));
    assertThat(q.bufferedAmount(3)).isZero();
    OutboundQueue.Entry e = q.nextRetransmission(2, MTU);
    assertThat(e.tsn()).isEqualTo(T0 + 2);
    q.onSack(sack(T0 + 2), 3);
    assertThat(q.forwardTsnNeeded()).isFalse();
    assertThat(q.isEmpty()).isTrue();
    assertThat(q.bufferedAmount(3)).isZero();
  }

  @Test
  @DisplayName("RFC 3758 §3.5 A2: a message whose lifetime ran out before it was sent is never sent")
  void lifetimeExpiredBeforeSending() {
    OutboundQueue q = queue();
    enqueue(q, 1, 100, SendOptions.maxPacketLifeTime(true, 50), 0);
    enqueue(q, 1, 100, SendOptions.RELIABLE, 0);
    assertThat(q.bufferedAmount(1)).isEqualTo(200);
    List<OutboundQueue.Entry> sent = sendAll(q, 60_000_000L);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).tsn()).isEqualTo(T0);
    // the abandoned message left unsent, the other one left when it was sent
    assertThat(q.bufferedAmount(1)).isZero();
  }

  @Test
  @DisplayName("RFC 9260 §6.1 A: zero window: one probe chunk when nothing is in flight")
  void zeroWindowProbe() {
    OutboundQueue q = new OutboundQueue(MTU, T0, 0, (s, a) -> { });
    enqueue(q, 0, 100, SendOptions.RELIABLE, 0);
    enqueue(q, 0, 100, SendOptions.RELIABLE, 0);
    assertThat(sendAll(q, 0)).hasSize(1);
  }

  @Test
  @DisplayName("streams with queued messages take turns, one message each")
  void roundRobinAcrossStreams() {
    OutboundQueue q = new OutboundQueue(MTU, T0, 1 << 30, (s, a) -> { });
    for (int i = 0; i < 3; i++) {
      enqueue(q, 1, 100, SendOptions.RELIABLE, 0);
    }
    enqueue(q, 2, 100, SendOptions.RELIABLE, 0);
    enqueue(q, 3, 100, SendOptions.RELIABLE, 0);
    List<Integer> order = sendAll(q, 0).stream().map(e -> e.chunk.streamId()).toList();
    assertThat(order).containsExactly(1, 2, 3, 1, 1);
    assertThat(sendAll(q, 0)).isEmpty();
  }

  @Test
  @DisplayName("RFC 9260 §6.3.2 R4: a gap-acked chunk missing from a later SACK is reneged and resent on T3")
  void renege() {
    OutboundQueue q = queue();
    for (int i = 0; i < 3; i++) {
      enqueue(q, 0, 500, SendOptions.RELIABLE, 0);
    }
    sendAll(q, 0);
    q.onSack(sack(T0 - 1, 2, 2), 1); // T0+1 gap-acked
    assertThat(q.flightSize()).isEqualTo(1000);
    q.onSack(sack(T0 - 1), 2); // ... and reneged
    q.onT3Expired(1_000_000_000L);
    List<Integer> resent = new ArrayList<>();
    OutboundQueue.Entry e;
    while ((e = q.nextRetransmission(3, MTU)) != null) {
      resent.add(e.tsn());
    }
    assertThat(resent).containsExactly(T0, T0 + 1, T0 + 2);
  }

  @Test
  @DisplayName("a SACK with absurd gap blocks costs no more than the chunks actually outstanding")
  void absurdGapBlocks() {
    OutboundQueue q = queue();
    enqueue(q, 0, 500, SendOptions.RELIABLE, 0);
    sendAll(q, 0);
    List<SelectiveAckChunk.GapAckBlock> blocks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      blocks.add(new SelectiveAckChunk.GapAckBlock(0, 0xffff));
    }
    q.onSack(new SelectiveAckChunk(T0 - 1, 1000, blocks, List.of()), 1);
    assertThat(q.flightSize()).isZero(); // T0 itself is gap-acked (offset 1)
    assertThat(q.isEmpty()).isFalse();
  }

  @Test
  @DisplayName("webrtc-pc §6.2 bufferedAmount: bytes leave when first sent (cwnd holds the rest), not when acknowledged")
  void bufferedAmountCountsUntilFirstTransmission() {
    OutboundQueue q = queue();
    for (int i = 0; i < 10; i++) {
      enqueue(q, 2, 1000, SendOptions.RELIABLE, 0);
    }
    assertThat(q.bufferedAmount(2)).isEqualTo(10_000);
    List<OutboundQueue.Entry> sent = sendAll(q, 0);
    // RFC 9260 §7.2.1: the initial cwnd (4404 bytes) lets only part of it go
    assertThat(sent.size()).isBetween(1, 9);
    assertThat(q.bufferedAmount(2)).isEqualTo(10_000 - 1000L * sent.size());
    assertThat(q.totalBufferedAmount()).isEqualTo(q.bufferedAmount(2));
    // a loss and its retransmission do not bring the bytes back
    q.onT3Expired(1_000_000_000L);
    assertThat(q.nextRetransmission(1_000_000_001L, MTU)).isNotNull();
    assertThat(q.bufferedAmount(2)).isEqualTo(10_000 - 1000L * sent.size());
    // the acknowledgement frees cwnd: the rest goes, and only then is the amount 0
    q.onSack(sack(sent.get(sent.size() - 1).tsn()), 1_100_000_000L);
    int more = 0;
    for (int round = 0; round < 10 && q.bufferedAmount(2) > 0; round++) {
      List<OutboundQueue.Entry> next = sendAll(q, 1_200_000_000L + round);
      more += next.size();
      if (!next.isEmpty()) {
        q.onSack(sack(next.get(next.size() - 1).tsn()), 1_300_000_000L + round);
      }
    }
    assertThat(sent.size() + more).isEqualTo(10);
    assertThat(q.bufferedAmount(2)).isZero();
    assertThat(lows).hasSize(1);
    assertThat(lows.get(0)).containsExactly(2, 0);
  }

  @Test
  @DisplayName("RFC 8831 §6.6: the one-byte body of an empty message is not buffered application data")
  void emptyMessageBodyIsNotBuffered() {
    OutboundQueue q = queue();
    q.enqueue(new OutboundQueue.Message(4, Ppid.BINARY_EMPTY, new byte[1], SendOptions.RELIABLE, 0, true));
    assertThat(q.bufferedAmount(4)).isZero();
    enqueue(q, 4, 5, SendOptions.RELIABLE, 0);
    assertThat(q.bufferedAmount(4)).isEqualTo(5);
    assertThat(sendAll(q, 0)).hasSize(2);
    assertThat(q.bufferedAmount(4)).isZero();
    assertThat(q.totalBufferedAmount()).isZero();
    assertThat(lows).hasSize(1);
  }
}
