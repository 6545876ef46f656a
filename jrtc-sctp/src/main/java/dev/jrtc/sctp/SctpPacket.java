package dev.jrtc.sctp;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An SCTP packet, RFC 9260 §3.1 (https://www.rfc-editor.org/rfc/rfc9260#section-3.1): common header
 * and one or more chunks. The checksum is CRC32c (RFC 9260 Appendix A), stored in the byte order
 * that usrsctp, Pion and aiortc use (least significant byte first).
 *
 * <pre>
 * |     Source Port Number        |     Destination Port Number   |
 * |                      Verification Tag                         |
 * |                           Checksum                            |
 * </pre>
 */
record SctpPacket(int sourcePort, int destinationPort, int verificationTag, List<Chunk> chunks) {
  static final int HEADER_SIZE = 12;

  SctpPacket {
    chunks = List.copyOf(chunks);
  }

  /**
   * Parses a packet and verifies its checksum. The parsed chunks share {@code b}: the caller must
   * not modify it afterwards.
   */
  static SctpPacket parse(byte[] b) throws SctpParseException {
    return parse(b, 0, b.length);
  }

  static SctpPacket parse(byte[] b, int off, int len) throws SctpParseException {
    if (len < HEADER_SIZE) {
      throw new SctpParseException("packet of " + len + " bytes is shorter than the common header", 0);
    }
    int stored = (b[off + 8] & 0xff) | (b[off + 9] & 0xff) << 8
        | (b[off + 10] & 0xff) << 16 | (b[off + 11] & 0xff) << 24;
    if (stored != checksum(b, off, len)) {
      throw new SctpParseException("SCTP packet has invalid checksum", 8);
    }
    ByteReader r = new ByteReader(b, off, len);
    int src = r.u16("source port");
    int dst = r.u16("destination port");
    int tag = r.u32("verification tag");
    r.u32("checksum");
    List<Chunk> chunks = new ArrayList<>();
    while (r.remaining() > 0) {
      chunks.add(Chunk.parse(r));
    }
    if (chunks.isEmpty()) {
      throw new SctpParseException("packet has no chunks", HEADER_SIZE);
    }
    return new SctpPacket(src, dst, tag, chunks);
  }

  /**
   * RFC 9260 §8.5 and §8.5.1: INIT carries tag 0 (and is alone); ABORT and SHUTDOWN COMPLETE with
   * the T bit carry the peer's tag ({@code peerTag} null when there is no TCB); all else our tag.
   */
  static boolean verificationTagOk(SctpPacket p, int localTag, Integer peerTag) {
    Chunk first = p.chunks().get(0);
    int tag = p.verificationTag();
    if (first instanceof InitChunk) {
      return tag == 0 && p.chunks().size() == 1;
    }
    if (first instanceof AbortChunk a && a.tBit() || first instanceof ShutdownCompleteChunk s && s.tBit()) {
      return peerTag != null && tag == peerTag;
    }
    return tag == localTag;
  }

  static int checksum(byte[] b, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(b, off, 8);
    crc.update(ZEROS, 0, 4);
    crc.update(b, off + 12, len - 12);
    return (int) crc.getValue();
  }

  private static final byte[] ZEROS = new byte[4];

  /** Encodes the packet and fills in the checksum. */
  byte[] toBytes() {
    int size = HEADER_SIZE;
    for (Chunk c : chunks) {
      size += c.encodedSize();
    }
    ByteWriter w = new ByteWriter(size);
    w.u16(sourcePort).u16(destinationPort).u32(verificationTag).u32(0);
    for (Chunk c : chunks) {
      c.writeTo(w);
    }
    w.putU32LittleEndianAt(8, checksum(w.array(), 0, w.position()));
    return w.position() == w.array().length ? w.array() : w.toByteArray();
  }
}
