package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9260 §6.2 (SACK contents), §6.6 (ordered delivery), §6.9 (reassembly), RFC 3758 §3.6. */
class InboundQueueTest {
  private static final int T0 = 0xfffffff0; // close to the wrap, to exercise serial arithmetic

  static DataChunk data(int tsn, int stream, int ssn, boolean b, boolean e, boolean unordered, String text) {
    return new DataChunk(false, unordered, b, e, tsn, stream, ssn, Ppid.STRING, Bytes.wrap(text.getBytes()));
  }

  static List<String> drain(InboundQueue q) {
    List<String> out = new ArrayList<>();
    InboundQueue.Message m;
    while ((m = q.pollReady()) != null) {
      out.add(new String(m.payload()));
    }
    return out;
  }

  @Test
  @DisplayName("RFC 9260 §3.3.4: gap ack blocks are offsets from the cumulative TSN; duplicates reported once")
  void gapBlocksAndDuplicates() {
    InboundQueue q = new InboundQueue(T0, 100_000, 65_536);
    for (int off : new int[] {0, 1, 3, 4, 6}) {
      assertThat(q.receive(data(T0 + off, 0, off, true, true, true, "x"))).isEqualTo(InboundQueue.Result.NEW);
    }
    assertThat(q.receive(data(T0 + 1, 0, 1, true, true, true, "x"))).isEqualTo(InboundQueue.Result.DUPLICATE);
    assertThat(q.receive(data(T0 + 4, 0, 4, true, true, true, "x"))).isEqualTo(InboundQueue.Result.DUPLICATE);
    int predicted = q.sackEncodedSize();
    SelectiveAckChunk sack = q.sack();
    assertThat(predicted).isEqualTo(sack.encodedSize()).isEqualTo(16 + 2 * 4 + 2 * 4);
    assertThat(sack.cumulativeTsnAck()).isEqualTo(T0 + 1);
    assertThat(sack.gapAckBlocks()).containsExactly(
        new SelectiveAckChunk.GapAckBlock(2, 3), new SelectiveAckChunk.GapAckBlock(5, 5));
    assertThat(sack.duplicateTsns()).containsExactly(T0 + 1, T0 + 4);
    assertThat(q.sack().duplicateTsns()).isEmpty();
    q.receive(data(T0 + 2, 0, 2, true, true, true, "x"));
    q.receive(data(T0 + 5, 0, 5, true, true, true, "x"));
    assertThat(q.sack().cumulativeTsnAck()).isEqualTo(T0 + 6);
    assertThat(q.hasGaps()).isFalse();
  }

  @Test
  @DisplayName("RFC 9260 §6.6: ordered messages wait for the missing SSN; unordered ones do not")
  void orderedWaitsUnorderedDoesNot() {
    InboundQueue q = new InboundQueue(T0, 100_000, 65_536);
    q.receive(data(T0 + 1, 1, 1, true, true, false, "second"));
    q.receive(data(T0 + 2, 2, 0, true, true, true, "unordered"));
    assertThat(drain(q)).containsExactly("unordered");
    q.receive(data(T0, 1, 0, true, true, false, "first"));
    assertThat(drain(q)).containsExactly("first", "second");
  }

  @Test
  @DisplayName("RFC 9260 §6.2: a_rwnd shrinks with buffered out-of-order data")
  void advertisedWindow() {
    InboundQueue q = new InboundQueue(T0, 10_000, 65_536);
    q.receive(data(T0 + 1, 1, 1, true, true, false, "x".repeat(3000)));
    assertThat(q.advertisedReceiverWindow()).isEqualTo(7000);
    q.receive(data(T0, 1, 0, true, true, false, "y"));
    drain(q);
    assertThat(q.advertisedReceiverWindow()).isEqualTo(10_000);
  }

  @Test
  @DisplayName("RFC 9260 §6.2: with the window full, new TSNs above the highest are dropped; memory stays bounded")
  void windowFull() {
    InboundQueue q = new InboundQueue(T0, 2000, 65_536);
    String k = "k".repeat(1000);
    assertThat(q.receive(data(T0 + 1, 0, 0, true, false, false, k))).isEqualTo(InboundQueue.Result.NEW);
    assertThat(q.receive(data(T0 + 3, 0, 0, false, false, false, k))).isEqualTo(InboundQueue.Result.NEW);
    assertThat(q.advertisedReceiverWindow()).isZero();
    assertThat(q.receive(data(T0 + 5, 0, 0, false, false, false, k))).isEqualTo(InboundQueue.Result.DROPPED);
    // Filling a hole below the highest TSN is allowed up to twice the window...
    assertThat(q.receive(data(T0 + 2, 0, 0, false, false, false, k))).isEqualTo(InboundQueue.Result.NEW);
    assertThat(q.receive(data(T0 + 4, 9, 0, true, false, false, "x".repeat(1500))))
        .isEqualTo(InboundQueue.Result.DROPPED);
    // ...and the next expected TSN is always taken.
    assertThat(q.receive(data(T0, 3, 0, true, true, false, k))).isEqualTo(InboundQueue.Result.NEW);
    assertThat(drain(q)).containsExactly(k);
  }

  @Test
  @DisplayName("RFC 3758 §3.6: FORWARD TSN skips an abandoned partial message and unblocks the stream")
  void forwardTsn() {
    InboundQueue q = new InboundQueue(T0, 100_000, 65_536);
    // Message SSN 0 in three fragments, only the middle arrived; message SSN 1 complete.
    q.receive(data(T0 + 1, 3, 0, false, false, false, "mid"));
    q.receive(data(T0 + 3, 3, 1, true, true, false, "next"));
    assertThat(drain(q)).isEmpty();
    q.forwardTsn(new ForwardTsnChunk(T0 + 2, List.of(new ForwardTsnChunk.StreamSsn(3, 0))));
    assertThat(drain(q)).containsExactly("next");
    assertThat(q.sack().cumulativeTsnAck()).isEqualTo(T0 + 3);
    assertThat(q.advertisedReceiverWindow()).isEqualTo(100_000);
  }

  @Test
  @DisplayName("RFC 8831 §6.6: a message over our max-message-size is dropped, the stream goes on")
  void oversizedDropped() {
    InboundQueue q = new InboundQueue(T0, 100_000, 5);
    q.receive(data(T0, 0, 0, true, false, false, "abcd"));
    q.receive(data(T0 + 1, 0, 0, false, true, false, "efgh"));
    q.receive(data(T0 + 2, 0, 1, true, true, false, "ok"));
    assertThat(drain(q)).containsExactly("ok");
    assertThat(q.oversizedMessagesDropped()).isEqualTo(1);
  }

  /** Reassembly is invariant under any arrival order of the fragments (and interleaved streams). */
  @Property(tries = 200)
  void reassemblyInvariantUnderPermutation(@ForAll @IntRange(min = 1, max = 30) int fragments,
      @ForAll long shuffleSeed) {
    List<DataChunk> chunks = new ArrayList<>();
    StringBuilder whole = new StringBuilder();
    for (int i = 0; i < fragments; i++) {
      String part = "p" + i + ";";
      whole.append(part);
      chunks.add(data(T0 + i, 4, 0, i == 0, i == fragments - 1, false, part));
    }
    chunks.add(data(T0 + fragments, 5, 0, true, true, false, "other"));
    Collections.shuffle(chunks, new Random(shuffleSeed));
    InboundQueue q = new InboundQueue(T0, 1_000_000, 65_536);
    List<String> got = new ArrayList<>();
    for (DataChunk c : chunks) {
      q.receive(c);
      got.addAll(drain(q));
    }
    assertThat(got).containsExactlyInAnyOrder(whole.toString(), "other");
    assertThat(q.sack().cumulativeTsnAck()).isEqualTo(T0 + fragments);
    assertThat(q.advertisedReceiverWindow()).isEqualTo(1_000_000);
  }
}
