package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * RFC 9260 §3 / RFC 3758 §3.2 / RFC 6525 §3-4: every chunk and parameter type survives
 * write-then-parse unchanged and re-encodes to the same bytes; arbitrary bytes fed to the parsers
 * only ever raise {@link SctpParseException}.
 */
class ChunkProperties {

  static Arbitrary<Bytes> bytes(int max) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(max).map(Bytes::wrap);
  }

  static Arbitrary<Integer> u16() {
    return Arbitraries.integers().between(0, 0xffff);
  }

  static Arbitrary<Integer> u32() {
    return Arbitraries.integers();
  }

  static Arbitrary<Parameter> initParameters() {
    return Arbitraries.oneOf(
        bytes(40).map(StateCookieParameter::new),
        Arbitraries.integers().between(0, 255).list().ofMaxSize(6).map(SupportedExtensionsParameter::new),
        Arbitraries.just(new ForwardTsnSupportedParameter()),
        Combinators.combine(Arbitraries.of(5, 6, 9, 11, 12, 0x8000, 0x8002, 0x4001), bytes(20)).as(UnknownParameter::new));
  }

  static Arbitrary<Parameter> reconfigParameters() {
    return Arbitraries.oneOf(
        Combinators.combine(u32(), u32(), u32(), u16().list().ofMaxSize(8)).as(OutgoingSsnResetRequestParameter::new),
        Combinators.combine(u32(), Arbitraries.integers().between(0, 6), Arbitraries.of(true, false), u32(), u32())
            .as((s, r, has, a, b) -> new ReconfigurationResponseParameter(s, r, has ? a : null, has ? b : null)),
        Combinators.combine(Arbitraries.of(14, 15, 17, 18), bytes(12)).as(UnknownParameter::new));
  }

  static Arbitrary<ErrorCause> causes() {
    return Combinators.combine(u16(), bytes(17)).as(ErrorCause::new);
  }

  @Provide
  static Arbitrary<Chunk> chunks() {
    Arbitrary<Boolean> b = Arbitraries.of(true, false);
    Arbitrary<Chunk> data = Combinators.combine(b, b, b, b, u32(), u16(), u16(), u32())
        .flatAs((i, u, bb, e, tsn, s, ssn, ppid) -> bytes(50).map(d -> new DataChunk(i, u, bb, e, tsn, s, ssn, ppid, d)));
    Arbitrary<Chunk> init = Combinators.combine(u32(), u32(), u16(), u16(), u32(), initParameters().list().ofMaxSize(4))
        .as(InitChunk::new);
    Arbitrary<Chunk> initAck = Combinators.combine(u32(), u32(), u16(), u16(), u32(), initParameters().list().ofMaxSize(4))
        .as(InitAckChunk::new);
    Arbitrary<Chunk> sack = Combinators.combine(u32(), u32(),
            Combinators.combine(u16(), u16()).as(SelectiveAckChunk.GapAckBlock::new).list().ofMaxSize(5),
            u32().list().ofMaxSize(5))
        .as(SelectiveAckChunk::new);
    Arbitrary<Chunk> fwd = Combinators.combine(u32(),
            Combinators.combine(u16(), u16()).as(ForwardTsnChunk.StreamSsn::new).list().ofMaxSize(5))
        .as(ForwardTsnChunk::new);
    Arbitrary<Chunk> unknown = Combinators.combine(
            Arbitraries.integers().between(15, 255).filter(t -> t != 130 && t != 192), Arbitraries.integers().between(0, 255), bytes(30))
        .as(UnknownChunk::new);
    return Arbitraries.oneOf(data, init, initAck, sack, fwd, unknown,
        bytes(30).map(HeartbeatChunk::new),
        bytes(30).map(HeartbeatAckChunk::new),
        Combinators.combine(b, causes().list().ofMaxSize(3)).as(AbortChunk::new),
        u32().map(ShutdownChunk::new),
        Arbitraries.just(new ShutdownAckChunk()),
        b.map(ShutdownCompleteChunk::new),
        causes().list().ofMaxSize(3).map(ErrorChunk::new),
        bytes(60).map(CookieEchoChunk::new),
        Arbitraries.just(new CookieAckChunk()),
        reconfigParameters().list().ofMinSize(1).ofMaxSize(2).map(ReConfigChunk::new));
  }

  @Provide
  static Arbitrary<List<Chunk>> chunkLists() {
    return chunks().list().ofMinSize(1).ofMaxSize(4);
  }

  @Property
  void chunkRoundTrips(@ForAll("chunks") Chunk chunk) throws SctpParseException {
    ByteWriter w = new ByteWriter();
    chunk.writeTo(w);
    byte[] encoded = w.toByteArray();
    assertThat(encoded.length % 4).isZero();
    assertThat(encoded.length).isEqualTo(chunk.encodedSize());
    ByteReader r = new ByteReader(encoded);
    Chunk parsed = Chunk.parse(r);
    assertThat(parsed).isEqualTo(chunk);
    assertThat(r.remaining()).isZero();
    ByteWriter again = new ByteWriter();
    parsed.writeTo(again);
    assertThat(again.toByteArray()).isEqualTo(encoded);
  }

  @Property
  void packetRoundTrips(@ForAll("chunkLists") List<Chunk> chunks,
      @ForAll int tag) throws SctpParseException {
    SctpPacket packet = new SctpPacket(5000, 5000, tag, chunks);
    byte[] bytes = packet.toBytes();
    assertThat(SctpPacket.parse(bytes)).isEqualTo(packet);
    assertThat(SctpPacket.parse(bytes).toBytes()).isEqualTo(bytes);
  }

  @Property
  void randomBytesOnlyRaiseParseException(@ForAll @Size(max = 200) byte[] garbage) {
    assertThatCode(() -> {
      try {
        SctpPacket.parse(garbage);
      } catch (SctpParseException expected) {
        // The only failure allowed.
      }
    }).doesNotThrowAnyException();
  }

  /** Random bytes behind a valid header and checksum reach the chunk parsers themselves. */
  @Property
  void randomChunkBytesOnlyRaiseParseException(@ForAll @Size(max = 200) byte[] body) {
    byte[] packet = new byte[12 + body.length];
    System.arraycopy(body, 0, packet, 12, body.length);
    int crc = SctpPacket.checksum(packet, 0, packet.length);
    packet[8] = (byte) crc;
    packet[9] = (byte) (crc >>> 8);
    packet[10] = (byte) (crc >>> 16);
    packet[11] = (byte) (crc >>> 24);
    assertThatCode(() -> {
      try {
        SctpPacket.parse(packet);
      } catch (SctpParseException expected) {
        // The only failure allowed.
      }
    }).doesNotThrowAnyException();
  }

  /** Mutating any byte of a valid packet's body fails the CRC32c check. */
  @Property
  void corruptedPacketFailsChecksum(@ForAll("chunks") Chunk chunk, @ForAll int position, @ForAll byte flip) {
    byte[] bytes = new SctpPacket(5000, 5000, 1, List.of(chunk)).toBytes();
    int at = Math.floorMod(position, bytes.length);
    if (flip == 0 || (at >= 8 && at < 12)) {
      return;
    }
    bytes[at] ^= flip;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SctpPacket.parse(bytes))
        .isInstanceOf(SctpParseException.class)
        .hasMessageContaining("SCTP packet has invalid checksum");
  }
}
