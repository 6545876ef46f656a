package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One association driven packet by packet by a hand-written peer: verification tags (RFC 9260
 * §8.5), unknown chunks (§3.2), stale cookies (§5.1.3), T1-init (§5.1), delayed SACK (§6.2) and
 * HEARTBEAT (§8.3).
 */
class SctpAssociationTest {
  private static final long MS = 1_000_000L;
  private static final int PEER_TAG = 0x0badf00d;
  private static final int PEER_TSN = 5000;

  private SctpAssociation server;
  private int serverTag;

  private static byte[] packet(int tag, Chunk... chunks) {
    return new SctpPacket(5000, 5000, tag, List.of(chunks)).toBytes();
  }

  private static List<SctpPacket> drain(SctpAssociation a) throws SctpParseException {
    List<SctpPacket> out = new ArrayList<>();
    byte[] b;
    while ((b = a.pollTransmit()) != null) {
      out.add(SctpPacket.parse(b));
    }
    return out;
  }

  private static List<Chunk> chunks(List<SctpPacket> packets) {
    List<Chunk> out = new ArrayList<>();
    packets.forEach(p -> out.addAll(p.chunks()));
    return out;
  }

  private static InitChunk init() {
    return new InitChunk(PEER_TAG, 100_000, 1024, 1024, PEER_TSN,
        List.of(new SupportedExtensionsParameter(List.of(130, 192)), new ForwardTsnSupportedParameter()));
  }

  private Bytes handshakeUntilCookie(long now) throws SctpParseException {
    server.handleDatagram(now, ByteBuffer.wrap(packet(0, init())));
    List<SctpPacket> out = drain(server);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).verificationTag()).isEqualTo(PEER_TAG);
    InitAckChunk ack = (InitAckChunk) out.get(0).chunks().get(0);
    serverTag = ack.initiateTag();
    return ack.stateCookie().cookie();
  }

  @BeforeEach
  void setUp() {
    server = SctpAssociation.server(SctpConfig.defaults(), Entropy.seeded(5), 0);
  }

  private void establish() throws SctpParseException {
    Bytes cookie = handshakeUntilCookie(0);
    server.handleDatagram(1, ByteBuffer.wrap(packet(serverTag, new CookieEchoChunk(cookie))));
    assertThat(chunks(drain(server))).containsExactly(new CookieAckChunk());
    assertThat(server.state()).isEqualTo(SctpState.ESTABLISHED);
    assertThat(server.pollEvent()).isEqualTo(new SctpEvent.Connected());
    assertThat(server.maxChannels()).isEqualTo(1024);
  }

  @Test
  @DisplayName("RFC 9260 §5.1: INIT ACK carries a cookie, our extensions and Forward-TSN-Supported")
  void initAckContents() throws SctpParseException {
    server.handleDatagram(0, ByteBuffer.wrap(packet(0, init())));
    InitAckChunk ack = (InitAckChunk) drain(server).get(0).chunks().get(0);
    assertThat(ack.initiateTag()).isNotZero();
    assertThat(ack.parameters()).contains(new SupportedExtensionsParameter(List.of(130, 192)), new ForwardTsnSupportedParameter());
    assertThat(ack.stateCookie()).isNotNull();
    // Stateless until the COOKIE ECHO (§5.1.3): nothing changed.
    assertThat(server.state()).isEqualTo(SctpState.CLOSED);
  }

  @Test
  @DisplayName("RFC 9260 §8.5: INIT with a non-zero tag and packets with a wrong tag are dropped")
  void verificationTags() throws SctpParseException {
    server.handleDatagram(0, ByteBuffer.wrap(packet(7, init())));
    assertThat(drain(server)).isEmpty();
    assertThat(server.stats().malformedPacketsDropped()).isEqualTo(1);
    establish();
    server.handleDatagram(2, ByteBuffer.wrap(packet(serverTag + 1, new HeartbeatChunk(Bytes.wrap(new byte[] {1})))));
    assertThat(drain(server)).isEmpty();
    assertThat(server.stats().malformedPacketsDropped()).isEqualTo(2);
  }

  @Test
  @DisplayName("RFC 9260 §5.1.3: a tampered cookie is ignored; a stale one gets a Stale Cookie ERROR")
  void badCookies() throws SctpParseException {
    Bytes cookie = handshakeUntilCookie(0);
    byte[] tampered = cookie.toByteArray();
    tampered[10] ^= 1;
    server.handleDatagram(1, ByteBuffer.wrap(packet(serverTag, new CookieEchoChunk(Bytes.wrap(tampered)))));
    assertThat(drain(server)).isEmpty();
    assertThat(server.state()).isEqualTo(SctpState.CLOSED);
    server.handleDatagram(61_000 * MS, ByteBuffer.wrap(packet(serverTag, new CookieEchoChunk(cookie))));
    List<Chunk> out = chunks(drain(server));
    assertThat(out).hasSize(1);
    assertThat(((ErrorChunk) out.get(0)).causes().get(0).code()).isEqualTo(ErrorCause.STALE_COOKIE);
    assertThat(server.state()).isEqualTo(SctpState.CLOSED);
  }

  @Test
  @DisplayName("RFC 9260 §3.2: unknown chunk 01xxxxxx stops and is reported; 10xxxxxx is skipped silently")
  void unknownChunks() throws SctpParseException {
    establish();
    HeartbeatChunk hb = new HeartbeatChunk(Bytes.wrap(new byte[] {4, 2}));
    server.handleDatagram(2, ByteBuffer.wrap(packet(serverTag, new UnknownChunk(0x7f, 0, Bytes.wrap(new byte[] {1})), hb)));
    List<Chunk> out = chunks(drain(server));
    assertThat(out).hasSize(1);
    ErrorChunk err = (ErrorChunk) out.get(0);
    assertThat(err.causes().get(0).code()).isEqualTo(ErrorCause.UNRECOGNIZED_CHUNK_TYPE);
    server.handleDatagram(3, ByteBuffer.wrap(packet(serverTag, new UnknownChunk(0xbf, 0, Bytes.EMPTY), hb)));
    assertThat(chunks(drain(server))).containsExactly(new HeartbeatAckChunk(hb.info()));
  }

  @Test
  @DisplayName("RFC 9260 §6.2: one DATA packet is acknowledged after 200 ms, the second at once, gaps at once")
  void delayedSack() throws SctpParseException {
    establish();
    DataChunk d0 = new DataChunk(false, false, true, true, PEER_TSN, 0, 0, Ppid.STRING, Bytes.wrap("a".getBytes()));
    server.handleDatagram(10 * MS, ByteBuffer.wrap(packet(serverTag, d0)));
    assertThat(drain(server)).isEmpty();
    assertThat(server.pollTimeoutNanos()).isEqualTo(210 * MS);
    server.handleTimeout(210 * MS);
    SelectiveAckChunk s = (SelectiveAckChunk) chunks(drain(server)).get(0);
    assertThat(s.cumulativeTsnAck()).isEqualTo(PEER_TSN);
    DataChunk d1 = new DataChunk(false, false, true, true, PEER_TSN + 1, 0, 1, Ppid.STRING, Bytes.wrap("b".getBytes()));
    DataChunk d2 = new DataChunk(false, false, true, true, PEER_TSN + 2, 0, 2, Ppid.STRING, Bytes.wrap("c".getBytes()));
    server.handleDatagram(300 * MS, ByteBuffer.wrap(packet(serverTag, d1)));
    assertThat(drain(server)).isEmpty();
    server.handleDatagram(301 * MS, ByteBuffer.wrap(packet(serverTag, d2)));
    assertThat(((SelectiveAckChunk) chunks(drain(server)).get(0)).cumulativeTsnAck()).isEqualTo(PEER_TSN + 2);
    DataChunk d4 = new DataChunk(false, false, true, true, PEER_TSN + 4, 0, 4, Ppid.STRING, Bytes.wrap("e".getBytes()));
    server.handleDatagram(302 * MS, ByteBuffer.wrap(packet(serverTag, d4)));
    SelectiveAckChunk gap = (SelectiveAckChunk) chunks(drain(server)).get(0);
    assertThat(gap.gapAckBlocks()).containsExactly(new SelectiveAckChunk.GapAckBlock(2, 2));
    List<SctpEvent> events = new ArrayList<>();
    SctpEvent e;
    while ((e = server.pollEvent()) != null) {
      events.add(e);
    }
    assertThat(events).hasSize(3).allMatch(ev -> ev instanceof SctpEvent.StreamMessage);
  }

  @Test
  @DisplayName("RFC 9260 §6.2: packets handled before the driver polls are acknowledged by one SACK")
  void burstSharesOneSack() throws SctpParseException {
    establish();
    for (int i = 0; i < 6; i++) {
      DataChunk d = new DataChunk(false, false, true, true, PEER_TSN + i, 0, i, Ppid.STRING,
          Bytes.wrap(new byte[] {(byte) i}));
      server.handleDatagram(10 * MS + i, ByteBuffer.wrap(packet(serverTag, d)));
    }
    List<SctpPacket> out = drain(server);
    assertThat(out).hasSize(1);
    List<Chunk> sent = chunks(out);
    assertThat(sent).hasSize(1);
    assertThat(((SelectiveAckChunk) sent.get(0)).cumulativeTsnAck()).isEqualTo(PEER_TSN + 5);
    assertThat(drain(server)).isEmpty();
  }

  @Test
  @DisplayName("RFC 9260 §6.2: DATA without user data aborts with No User Data")
  void emptyDataAborts() throws SctpParseException {
    establish();
    DataChunk empty = new DataChunk(false, false, true, true, PEER_TSN, 0, 0, Ppid.STRING, Bytes.EMPTY);
    server.handleDatagram(2, ByteBuffer.wrap(packet(serverTag, empty)));
    AbortChunk abort = (AbortChunk) chunks(drain(server)).get(0);
    assertThat(abort.causes().get(0).code()).isEqualTo(ErrorCause.NO_USER_DATA);
    assertThat(server.state()).isEqualTo(SctpState.CLOSED);
    assertThat(server.pollEvent()).isInstanceOf(SctpEvent.Failed.class);
  }

  @Test
  @DisplayName("RFC 9260 §5.1: T1-init doubles from RTO.Initial and gives up after Max.Init.Retransmits")
  void t1InitGivesUp() throws SctpParseException {
    SctpAssociation c = SctpAssociation.client(SctpConfig.defaults(), Entropy.seeded(9), 0);
    List<Long> sendTimes = new ArrayList<>();
    long now = 0;
    while (c.state() != SctpState.CLOSED) {
      for (SctpPacket p : drain(c)) {
        assertThat(p.chunks().get(0)).isInstanceOf(InitChunk.class);
        assertThat(p.verificationTag()).isZero();
        sendTimes.add(now / MS);
      }
      now = c.pollTimeoutNanos();
      c.handleTimeout(now);
    }
    assertThat(sendTimes).containsExactly(0L, 1000L, 3000L, 7000L, 15_000L, 31_000L, 63_000L, 123_000L, 183_000L);
    assertThat(c.pollEvent()).isEqualTo(new SctpEvent.Failed("no answer to INIT", -1));
  }

  @Test
  void sendBeforeEstablishedOrOnBadStreamThrows() throws SctpParseException {
    assertThatThrownBy(() -> server.send(0, 0, Ppid.STRING, new byte[1], SendOptions.RELIABLE))
        .isInstanceOf(IllegalStateException.class);
    establish();
    assertThatThrownBy(() -> server.send(0, 1024, Ppid.STRING, new byte[1], SendOptions.RELIABLE))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("stream 1024 out of range 0..1023");
  }

  @Test
  @DisplayName("RFC 9260 §8.4: a SHUTDOWN ACK after close is answered with SHUTDOWN COMPLETE, T bit set")
  void shutdownAckAfterClose() throws SctpParseException {
    establish();
    server.abort(5, "x");
    drain(server);
    server.handleDatagram(6, ByteBuffer.wrap(packet(serverTag, new ShutdownAckChunk())));
    List<SctpPacket> out = drain(server);
    assertThat(out.get(0).chunks()).containsExactly(new ShutdownCompleteChunk(true));
    assertThat(out.get(0).verificationTag()).isEqualTo(serverTag);
  }

  @Test
  @DisplayName("RFC 9260 §8.3: HEARTBEAT after HB.interval + RTO; its ACK measures RTT; silence fails the association")
  void heartbeats() throws SctpParseException {
    establish();
    long due = server.pollTimeoutNanos();
    assertThat(due).isEqualTo(1 + 30_000 * MS + 1000 * MS);
    server.handleTimeout(due);
    HeartbeatChunk hb = (HeartbeatChunk) chunks(drain(server)).get(0);
    server.handleDatagram(due + 40 * MS, ByteBuffer.wrap(packet(serverTag, new HeartbeatAckChunk(hb.info()))));
    assertThat(server.stats().srttNanos()).isEqualTo(40 * MS);
    // From now on nobody answers: each unanswered HEARTBEAT is an error; 11 errors fail it (§8.1).
    int heartbeatsSent = 0;
    while (server.state() == SctpState.ESTABLISHED) {
      long t = server.pollTimeoutNanos();
      server.handleTimeout(t);
      heartbeatsSent += (int) chunks(drain(server)).stream().filter(c -> c instanceof HeartbeatChunk).count();
    }
    assertThat(heartbeatsSent).isEqualTo(11);
    SctpEvent last = null;
    SctpEvent e;
    while ((e = server.pollEvent()) != null) {
      last = e;
    }
    assertThat(last).isEqualTo(new SctpEvent.Failed("peer unreachable (Association.Max.Retrans exceeded)", -1));
  }

  @Test
  @DisplayName("RFC 9260 §3.2.1: unknown INIT parameters with the 0x4000 bit are reported in the INIT ACK")
  void unrecognizedParametersReported() throws SctpParseException {
    UnknownParameter report = new UnknownParameter(0xC123, Bytes.wrap(new byte[] {1, 2}));
    UnknownParameter silent = new UnknownParameter(0x8123, Bytes.wrap(new byte[] {3}));
    InitChunk init = new InitChunk(PEER_TAG, 100_000, 16, 16, PEER_TSN, List.of(silent, report));
    server.handleDatagram(0, ByteBuffer.wrap(packet(0, init)));
    InitAckChunk ack = (InitAckChunk) drain(server).get(0).chunks().get(0);
    ByteWriter w = new ByteWriter();
    report.writeTo(w);
    assertThat(ack.parameters()).contains(new UnknownParameter(Parameter.UNRECOGNIZED_PARAMETER, Bytes.wrap(w.toByteArray())));
    assertThat(ack.parameters()).filteredOn(p -> p.type() == Parameter.UNRECOGNIZED_PARAMETER).hasSize(1);
  }
}
