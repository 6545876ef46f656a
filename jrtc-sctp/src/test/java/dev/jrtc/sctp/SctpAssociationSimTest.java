package dev.jrtc.sctp;

import static dev.jrtc.sctp.SimLink.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two associations over {@link SimLink} (virtual time, seeded loss, reordering, duplication):
 * RFC 9260 handshake incl. the §5.2.1 INIT collision, reliable delivery under loss, RFC 3758 partial
 * reliability, RFC 6525 stream reset, §9.2 shutdown and §9.1 abort.
 */
class SctpAssociationSimTest {
  private static final long SECOND = 1000 * MS;

  static byte[] message(int index, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (index * 31 + i * 7);
    }
    if (size >= 4) {
      b[0] = (byte) (index >>> 24);
      b[1] = (byte) (index >>> 16);
      b[2] = (byte) (index >>> 8);
      b[3] = (byte) index;
    }
    return b;
  }

  static int indexOf(byte[] b) {
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  @Test
  @DisplayName("RFC 9260 §5.2.1: both sides send INIT at once and still establish one association")
  void initCollision() {
    SimLink link = SimLink.connected(1, SctpConfig.defaults(), 0);
    assertThat(link.eventsA).containsExactly(new SctpEvent.Connected());
    assertThat(link.eventsB).containsExactly(new SctpEvent.Connected());
    assertThat(link.a.outboundStreams()).isEqualTo(65_535);
  }

  @Test
  @DisplayName("RFC 9260 §5.1: client and passive server complete the four-way handshake")
  void clientServerHandshake() {
    SimLink link = new SimLink(2);
    link.a = SctpAssociation.client(SctpConfig.defaults(), Entropy.seeded(1), 0);
    link.b = SctpAssociation.server(SctpConfig.defaults(), Entropy.seeded(2), 0);
    assertThat(link.runUntil(() -> link.a.state() == SctpState.ESTABLISHED && link.b.state() == SctpState.ESTABLISHED,
        10 * SECOND)).isTrue();
    // INIT, COOKIE ECHO from A; INIT ACK, COOKIE ACK from B.
    assertThat(link.packetsAtoB).isEqualTo(2);
    assertThat(link.packetsBtoA).isEqualTo(2);
  }

  @Test
  @DisplayName("RFC 9260 §5.1: the handshake survives 30% loss (T1-init / T1-cookie retransmissions)")
  void handshakeUnderLoss() {
    for (long seed = 10; seed < 20; seed++) {
      SimLink link = SimLink.connected(seed, SctpConfig.defaults(), 0.3);
      assertThat(link.a.state()).isEqualTo(SctpState.ESTABLISHED);
    }
  }

  @ParameterizedTest(name = "reliable ordered delivers everything in order at {0} loss")
  @CsvSource({"0.0", "0.01", "0.05", "0.20"})
  void reliableOrdered(double loss) {
    SimLink link = SimLink.connected(3, SctpConfig.defaults(), loss);
    link.duplication(0.02).jitter(8 * MS);
    SplittableRandom sizes = new SplittableRandom(99);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] m = message(i, 4 + sizes.nextInt(6000));
      sent.add(m);
      link.a.send(link.now, 1, Ppid.BINARY, m, SendOptions.RELIABLE);
    }
    assertThat(link.runUntil(() -> link.messagesAtB().size() == sent.size(), 600 * SECOND)).isTrue();
    List<SctpEvent.StreamMessage> got = link.messagesAtB();
    for (int i = 0; i < sent.size(); i++) {
      assertThat(got.get(i).payload()).as("message %d", i).isEqualTo(sent.get(i));
      assertThat(got.get(i).streamId()).isEqualTo(1);
      assertThat(got.get(i).ppid()).isEqualTo(Ppid.BINARY);
    }
    assertThat(link.runUntil(() -> link.a.allDataAcknowledged(), 600 * SECOND)).isTrue();
    assertThat(link.a.bufferedAmount(1)).isZero();
  }

  @Test
  @DisplayName("both directions at 5% loss over several streams, each stream in order")
  void bidirectionalManyStreams() {
    SimLink link = SimLink.connected(4, SctpConfig.defaults(), 0.05);
    link.jitter(5 * MS);
    int n = 200;
    for (int i = 0; i < n; i++) {
      link.a.send(link.now, i % 4, Ppid.BINARY, message(i, 100 + i * 13), SendOptions.RELIABLE);
      link.b.send(link.now, 2 * (i % 3), Ppid.STRING, message(i, 50 + i * 7), SendOptions.RELIABLE);
    }
    assertThat(link.runUntil(() -> link.messagesAtB().size() == n && link.messagesAtA().size() == n, 600 * SECOND)).isTrue();
    for (int stream = 0; stream < 4; stream++) {
      int prev = -1;
      for (SctpEvent.StreamMessage m : link.messagesAtB()) {
        if (m.streamId() == stream) {
          assertThat(indexOf(m.payload())).isGreaterThan(prev);
          prev = indexOf(m.payload());
          assertThat(m.payload()).isEqualTo(message(prev, 100 + prev * 13));
        }
      }
    }
  }

  @ParameterizedTest(name = "unordered delivers every message at {0} loss")
  @CsvSource({"0.05", "0.20"})
  void unorderedDeliversAll(double loss) {
    SimLink link = SimLink.connected(5, SctpConfig.defaults(), loss);
    link.jitter(10 * MS).duplication(0.02);
    int n = 300;
    for (int i = 0; i < n; i++) {
      link.a.send(link.now, 3, Ppid.BINARY, message(i, 4 + (i * 37) % 3000), SendOptions.reliable(true));
    }
    assertThat(link.runUntil(() -> link.messagesAtB().size() == n, 600 * SECOND)).isTrue();
    Set<Integer> seen = new HashSet<>();
    for (SctpEvent.StreamMessage m : link.messagesAtB()) {
      int idx = indexOf(m.payload());
      assertThat(m.payload()).isEqualTo(message(idx, 4 + (idx * 37) % 3000));
      seen.add(idx);
    }
    assertThat(seen).hasSize(n);
  }

  @ParameterizedTest(name = "RFC 3758: maxRetransmits=0 never stalls ({0} loss, unordered={1})")
  @CsvSource({"0.05,false", "0.20,false", "0.20,true"})
  void maxRetransmitsZeroNeverStalls(double loss, boolean unordered) {
    SimLink link = SimLink.connected(6, SctpConfig.defaults(), loss);
    link.jitter(5 * MS);
    int n = 400;
    for (int i = 0; i < n; i++) {
      link.a.send(link.now, 5, Ppid.BINARY, message(i, 4 + (i * 101) % 4000), SendOptions.maxRetransmits(unordered, 0));
    }
    // Everything is either delivered or abandoned: nothing stays queued.
    assertThat(link.runUntil(() -> link.a.allDataAcknowledged(), 120 * SECOND)).isTrue();
    // A reliable message on the same stream after them still arrives (no stall in SSN order).
    link.a.send(link.now, 5, Ppid.STRING, message(100_000, 10), SendOptions.reliable(unordered));
    assertThat(link.runUntil(() -> link.messagesAtB().stream().anyMatch(m -> m.ppid() == Ppid.STRING), 120 * SECOND)).isTrue();
    List<SctpEvent.StreamMessage> got = link.messagesAtB();
    assertThat(got.size()).isLessThanOrEqualTo(n + 1);
    int prev = -1;
    for (SctpEvent.StreamMessage m : got) {
      int idx = indexOf(m.payload());
      if (!unordered) {
        assertThat(idx).isGreaterThan(prev);
      }
      prev = idx;
      if (idx < n) {
        assertThat(m.payload()).isEqualTo(message(idx, 4 + (idx * 101) % 4000));
      }
    }
  }

  @Test
  @DisplayName("RFC 3758: maxPacketLifeTime messages are delivered or abandoned, never stall")
  void maxPacketLifeTimeNeverStalls() {
    SimLink link = SimLink.connected(7, SctpConfig.defaults(), 0.2);
    link.jitter(5 * MS);
    int n = 300;
    for (int i = 0; i < n; i++) {
      link.a.send(link.now, 9, Ppid.BINARY, message(i, 4 + (i * 53) % 3000), SendOptions.maxPacketLifeTime(false, 150));
    }
    assertThat(link.runUntil(() -> link.a.allDataAcknowledged(), 120 * SECOND)).isTrue();
    link.a.send(link.now, 9, Ppid.STRING, message(100_000, 10), SendOptions.RELIABLE);
    assertThat(link.runUntil(() -> link.messagesAtB().stream().anyMatch(m -> m.ppid() == Ppid.STRING), 120 * SECOND)).isTrue();
    int prev = -1;
    for (SctpEvent.StreamMessage m : link.messagesAtB()) {
      assertThat(indexOf(m.payload())).isGreaterThan(prev);
      prev = indexOf(m.payload());
    }
    assertThat(link.messagesAtB().size()).isLessThan(n + 1);
  }

  @ParameterizedTest(name = "RFC 9260 §6.9: a 1 MiB message is fragmented and reassembled at {0} loss")
  @CsvSource({"0.0", "0.05"})
  void oneMebibyteMessage(double loss) {
    SctpConfig cfg = SctpConfig.defaults().withLargeMessages(2 << 20, 2 << 20);
    SimLink link = SimLink.connected(8, cfg, loss);
    link.jitter(3 * MS);
    byte[] big = message(42, 1 << 20);
    link.a.send(link.now, 0, Ppid.BINARY, big, SendOptions.RELIABLE);
    link.a.send(link.now, 0, Ppid.BINARY, message(43, 1000), SendOptions.reliable(true));
    assertThat(link.runUntil(() -> link.messagesAtB().size() == 2, 600 * SECOND)).isTrue();
    assertThat(link.messagesAtB().get(0).payload()).isEqualTo(big);
  }

  @Test
  @DisplayName("RFC 8831 §6.6: max-message-size is enforced on send and on receive")
  void maxMessageSizeBothWays() {
    SctpConfig small = SctpConfig.defaults().withMaxMessageSizes(10_000, 10_000);
    SimLink link = new SimLink(9);
    link.a = SctpAssociation.client(SctpConfig.defaults().withMaxMessageSizes(65_536, 100_000), Entropy.seeded(1), 0);
    link.b = SctpAssociation.client(small, Entropy.seeded(2), 0);
    link.runUntil(() -> link.a.state() == SctpState.ESTABLISHED && link.b.state() == SctpState.ESTABLISHED, 10 * SECOND);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> link.b.send(link.now, 0, Ppid.BINARY, new byte[10_001], SendOptions.RELIABLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message of 10001 bytes exceeds max-message-size 10000");
    // A ignores B's limit (it was configured wrongly): B drops the oversized message, keeps the rest.
    link.a.send(link.now, 0, Ppid.BINARY, message(1, 20_000), SendOptions.RELIABLE);
    link.a.send(link.now, 0, Ppid.BINARY, message(2, 5_000), SendOptions.RELIABLE);
    assertThat(link.runUntil(() -> link.messagesAtB().size() == 1, 10 * SECOND)).isTrue();
    assertThat(indexOf(link.messagesAtB().get(0).payload())).isEqualTo(2);
  }

  @Test
  @DisplayName("a max-message-size over the receive window is refused: messages are reassembled whole")
  void maxMessageSizeFitsTheWindow() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SctpConfig.defaults().withMaxMessageSizes(2 << 20, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxMessageSize 2097152 exceeds the receive window 1048576");
    assertThat(SctpConfig.defaults().withLargeMessages(2 << 20, 1000).receiveWindow()).isEqualTo(2 << 20);
  }

  @Test
  @DisplayName("RFC 8831 §6.6: empty string and binary messages use PPIDs 56 and 57")
  void emptyMessages() {
    SimLink link = SimLink.connected(10, SctpConfig.defaults(), 0);
    link.a.send(link.now, 0, Ppid.STRING, new byte[0], SendOptions.RELIABLE);
    link.a.send(link.now, 0, Ppid.BINARY, new byte[0], SendOptions.RELIABLE);
    assertThat(link.runUntil(() -> link.messagesAtB().size() == 2, 10 * SECOND)).isTrue();
    assertThat(link.messagesAtB().get(0).ppid()).isEqualTo(Ppid.STRING_EMPTY);
    assertThat(link.messagesAtB().get(0).payload()).isEmpty();
    assertThat(link.messagesAtB().get(1).ppid()).isEqualTo(Ppid.BINARY_EMPTY);
  }

  @Test
  @DisplayName("RFC 6525: an outgoing SSN reset is performed by the peer and SSNs restart at 0")
  void streamReset() {
    SimLink link = SimLink.connected(11, SctpConfig.defaults(), 0.05);
    for (int i = 0; i < 20; i++) {
      link.a.send(link.now, 7, Ppid.BINARY, message(i, 3000), SendOptions.RELIABLE);
    }
    link.a.resetStreams(link.now, List.of(7));
    assertThat(link.runUntil(() -> link.eventsA.contains(new SctpEvent.StreamReset(List.of(7), false)), 60 * SECOND)).isTrue();
    assertThat(link.eventsB).contains(new SctpEvent.StreamReset(List.of(7), true));
    // Every message sent before the reset arrived before the reset event.
    int resetAt = link.eventsB.indexOf(new SctpEvent.StreamReset(List.of(7), true));
    assertThat(link.eventsB.subList(0, resetAt).stream().filter(e -> e instanceof SctpEvent.StreamMessage)).hasSize(20);
    // B resets its side too (what a data channel does); then the stream is reusable from SSN 0.
    link.b.resetStreams(link.now, List.of(7));
    assertThat(link.runUntil(() -> link.eventsB.contains(new SctpEvent.StreamReset(List.of(7), false)), 60 * SECOND)).isTrue();
    link.a.send(link.now, 7, Ppid.BINARY, message(99, 10), SendOptions.RELIABLE);
    assertThat(link.runUntil(() -> link.messagesAtB().size() == 21, 60 * SECOND)).isTrue();
  }

  @Test
  @DisplayName("RFC 6525 §5.2.2: a reset request ahead of its data is deferred until the data arrives")
  void deferredStreamReset() {
    SimLink link = SimLink.connected(18, SctpConfig.defaults(), 0);
    boolean[] dropped = {false};
    link.dropToB = p -> {
      try {
        if (!dropped[0] && SctpPacket.parse(p).chunks().stream().anyMatch(c -> c instanceof DataChunk)) {
          dropped[0] = true;
          return true;
        }
      } catch (SctpParseException e) {
        throw new AssertionError(e);
      }
      return false;
    };
    link.a.send(link.now, 4, Ppid.BINARY, message(1, 100), SendOptions.RELIABLE);
    link.a.resetStreams(link.now, List.of(4));
    assertThat(link.runUntil(() -> link.eventsA.contains(new SctpEvent.StreamReset(List.of(4), false)), 30 * SECOND)).isTrue();
    assertThat(dropped[0]).isTrue();
    // The message (retransmitted after T3-rtx) is delivered before the reset is performed.
    int resetAt = link.eventsB.indexOf(new SctpEvent.StreamReset(List.of(4), true));
    assertThat(resetAt).isPositive();
    List<SctpEvent.StreamMessage> before = link.eventsB.subList(0, resetAt).stream()
        .filter(e -> e instanceof SctpEvent.StreamMessage).map(e -> (SctpEvent.StreamMessage) e).toList();
    assertThat(before).hasSize(1);
    assertThat(before.get(0).payload()).isEqualTo(message(1, 100));
  }

  @Test
  @DisplayName("RFC 9260 §9.2: graceful shutdown delivers queued data both ways, then both sides close")
  void shutdown() {
    SimLink link = SimLink.connected(12, SctpConfig.defaults(), 0.05);
    for (int i = 0; i < 50; i++) {
      link.a.send(link.now, 1, Ppid.BINARY, message(i, 2000), SendOptions.RELIABLE);
      link.b.send(link.now, 1, Ppid.BINARY, message(i, 3000), SendOptions.RELIABLE);
    }
    link.a.shutdown(link.now);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> link.a.send(link.now, 1, Ppid.BINARY, new byte[1], SendOptions.RELIABLE))
        .isInstanceOf(IllegalStateException.class);
    assertThat(link.runUntil(() -> link.a.state() == SctpState.CLOSED && link.b.state() == SctpState.CLOSED, 120 * SECOND)).isTrue();
    assertThat(link.messagesAtB()).hasSize(50);
    assertThat(link.messagesAtA()).hasSize(50);
    assertThat(link.eventsA).last().isEqualTo(new SctpEvent.Closed());
    assertThat(link.eventsB).last().isEqualTo(new SctpEvent.Closed());
    assertThat(link.a.pollTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("RFC 9260 §9.1: ABORT closes the local side and fails the peer with the cause code")
  void abort() {
    SimLink link = SimLink.connected(13, SctpConfig.defaults(), 0);
    link.a.abort(link.now, "bye");
    assertThat(link.runUntil(() -> link.b.state() == SctpState.CLOSED, 10 * SECOND)).isTrue();
    assertThat(link.eventsA).last().isEqualTo(new SctpEvent.Closed());
    assertThat(link.eventsB).last().isEqualTo(new SctpEvent.Failed("peer sent ABORT", ErrorCause.USER_INITIATED_ABORT));
  }

  @Test
  @DisplayName("RFC 9260 §8.1: a peer that stops answering fails the association")
  void unreachablePeerFails() {
    SimLink link = SimLink.connected(14, SctpConfig.defaults(), 0);
    link.loss(1.0);
    link.a.send(link.now, 1, Ppid.BINARY, message(1, 100), SendOptions.RELIABLE);
    assertThat(link.runUntil(() -> link.a.state() == SctpState.CLOSED, 3600 * SECOND)).isTrue();
    assertThat(link.eventsA).last().isInstanceOf(SctpEvent.Failed.class);
  }

  @Test
  @DisplayName("bufferedAmount falls as cwnd lets data go (webrtc-pc §6.2) and BufferedAmountLow fires at the threshold")
  void bufferedAmountLow() {
    SimLink link = SimLink.connected(15, SctpConfig.defaults(), 0);
    link.a.setBufferedAmountLowThreshold(2, 10_000);
    for (int i = 0; i < 40; i++) {
      link.a.send(link.now, 2, Ppid.BINARY, message(i, 1000), SendOptions.RELIABLE);
    }
    // the first flight left at once (initial cwnd, RFC 9260 §7.2.1); the rest waits for SACKs
    assertThat(link.a.bufferedAmount(2)).isBetween(30_000L, 39_000L);
    assertThat(link.runUntil(() -> link.a.bufferedAmount(2) == 0, 10 * SECOND)).isTrue();
    assertThat(link.messagesAtB().size()).isLessThan(40); // 0 before everything is acknowledged
    List<SctpEvent> lows = link.eventsA.stream().filter(e -> e instanceof SctpEvent.BufferedAmountLow).toList();
    assertThat(lows).hasSize(1);
    assertThat(((SctpEvent.BufferedAmountLow) lows.get(0)).bufferedAmount()).isLessThanOrEqualTo(10_000);
  }

  @Test
  @DisplayName("RFC 8841 §6: a renegotiated max-message-size applies to the sends after it")
  void renegotiatedMaxMessageSize() {
    SimLink link = SimLink.connected(18, SctpConfig.defaults(), 0);
    assertThat(link.a.maxMessageSize()).isEqualTo(65_536);
    assertThatThrownBy(() -> link.a.send(link.now, 1, Ppid.BINARY, message(0, 65_537), SendOptions.RELIABLE))
        .isInstanceOf(IllegalArgumentException.class);
    link.a.setRemoteMaxMessageSize(100_000);
    link.a.send(link.now, 1, Ppid.BINARY, message(1, 65_537), SendOptions.RELIABLE);
    assertThat(link.runUntil(() -> link.messagesAtB().size() == 1, 10 * SECOND)).isTrue();
    assertThat(link.messagesAtB().get(0).payload()).isEqualTo(message(1, 65_537));
    assertThatThrownBy(() -> link.a.setRemoteMaxMessageSize(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("garbage and packets with a wrong verification tag are dropped and counted")
  void garbageIsCounted() {
    SimLink link = SimLink.connected(16, SctpConfig.defaults(), 0);
    link.b.handleDatagram(link.now, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
    byte[] wrongTag = new SctpPacket(5000, 5000, 12345, List.of(new CookieAckChunk())).toBytes();
    link.b.handleDatagram(link.now, java.nio.ByteBuffer.wrap(wrongTag));
    assertThat(link.b.stats().malformedPacketsDropped()).isEqualTo(2);
    assertThat(link.b.state()).isEqualTo(SctpState.ESTABLISHED);
  }

  /** Measured, not asserted: virtual time for 10 MiB as 64 KiB messages, 10 ms one-way delay. */
  @ParameterizedTest(name = "measure: 10 MiB at {0} loss")
  @CsvSource({"0.0", "0.05"})
  void measureTenMebibytes(double loss) {
    SimLink link = SimLink.connected(17, SctpConfig.defaults(), loss);
    int total = 10 << 20;
    int size = 64 << 10;
    int count = total / size;
    long start = link.now;
    int[] queued = {0};
    Runnable pump = () -> {
      while (queued[0] < count && link.a.bufferedAmount(0) < 1 << 20) {
        link.a.send(link.now, 0, Ppid.BINARY, message(queued[0]++, size), SendOptions.RELIABLE);
      }
    };
    link.a.setBufferedAmountLowThreshold(0, 512 << 10);
    link.onA = e -> {
      if (e instanceof SctpEvent.BufferedAmountLow) {
        pump.run();
      }
    };
    pump.run();
    boolean done = link.runUntil(() -> link.messagesAtB().size() == count, 3600 * SECOND);
    double seconds = (link.now - start) / 1e9;
    System.out.printf("SCTP 10 MiB, 64 KiB messages, 20 ms RTT, %.0f%% loss: %s in %.2f virtual s (%.1f MB/s), "
        + "%d packets A->B, %d fast retransmits, %d T3-rtx expirations, final RTO %d ms%n", loss * 100,
        done ? "done" : "NOT DONE", seconds, total / seconds / 1e6, link.packetsAtoB,
        link.a.stats().fastRetransmits(), link.a.stats().t3Expirations(), link.a.stats().rtoNanos() / MS);
    assertThat(done).isTrue();
  }
}
