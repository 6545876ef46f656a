package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Network input never throws out of the association (STYLE.md S4, S9): arbitrary well-formed
 * packets with the right verification tag, carrying any mix of chunks, are handled or dropped.
 */
class SctpAssociationFuzzProperties {

  @Provide
  Arbitrary<List<List<Chunk>>> packets() {
    return ChunkProperties.chunks().list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 300)
  void arbitraryChunksNeverEscape(@ForAll("packets") List<List<Chunk>> packets, @ForAll long seed) {
    SimLink link = SimLink.connected(Math.floorMod(seed, 1000) + 1, SctpConfig.defaults(), 0);
    link.a.send(link.now, 1, Ppid.BINARY, new byte[3000], SendOptions.maxRetransmits(false, 1));
    // Learn B's tag from a packet B sends to A.
    link.b.send(link.now, 1, Ppid.BINARY, new byte[10], SendOptions.RELIABLE);
    byte[] fromB = link.b.pollTransmit();
    int bTag;
    int aTag;
    try {
      aTag = SctpPacket.parse(fromB).verificationTag();
      byte[] fromA = link.a.pollTransmit();
      bTag = SctpPacket.parse(fromA).verificationTag();
    } catch (SctpParseException e) {
      throw new AssertionError(e);
    }
    long now = link.now;
    for (List<Chunk> chunks : packets) {
      now += 1_000_000;
      boolean toB = (chunks.hashCode() & 1) == 0;
      int tag = toB ? bTag : aTag;
      if (chunks.get(0) instanceof InitChunk) {
        tag = 0;
      }
      byte[] bytes = new SctpPacket(5000, 5000, tag, chunks).toBytes();
      SctpAssociation target = toB ? link.b : link.a;
      target.handleDatagram(now, ByteBuffer.wrap(bytes));
      while (target.pollTransmit() != null) {
        // discard
      }
      while (target.pollEvent() != null) {
        // discard
      }
      if (target.pollTimeoutNanos() <= now + 500_000_000L) {
        target.handleTimeout(Math.max(now, target.pollTimeoutNanos()));
      }
    }
    // Reaching here is the property: no exception escaped handleDatagram or handleTimeout.
  }

  @Property(tries = 100)
  void arbitraryChunksToFreshServerNeverEscape(@ForAll("packets") List<List<Chunk>> packets, @ForAll int tag) {
    SctpAssociation s = SctpAssociation.server(SctpConfig.defaults(), Entropy.seeded(tag), 0);
    long now = 0;
    for (List<Chunk> chunks : packets) {
      now += 1_000_000;
      s.handleDatagram(now, ByteBuffer.wrap(new SctpPacket(5000, 5000, chunks.get(0) instanceof InitChunk ? 0 : tag, chunks).toBytes()));
      while (s.pollTransmit() != null) {
        // discard
      }
    }
    // Forged cookies never verify, so nothing establishes an association.
    assertThat(s.state()).isIn(SctpState.CLOSED);
  }
}
