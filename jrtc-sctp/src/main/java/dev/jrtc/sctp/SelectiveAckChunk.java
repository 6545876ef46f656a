package dev.jrtc.sctp;

import java.util.ArrayList;
import java.util.List;

/**
 * Selective Acknowledgement (SACK), RFC 9260 §3.3.4
 * (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.4). Gap block offsets are relative to the
 * cumulative TSN ack.
 *
 * <pre>
 * |   Type = 3    |Chunk  Flags   |      Chunk Length             |
 * |                      Cumulative TSN Ack                       |
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * | Number of Gap Ack Blocks = N  |  Number of Duplicate TSNs = M |
 * |    Gap Ack Block #1 Start     |   Gap Ack Block #1 End        |
 * /                              ...                              /
 * |                       Duplicate TSN 1                         |
 * /                              ...                              /
 * </pre>
 */
record SelectiveAckChunk(
    int cumulativeTsnAck, int advertisedReceiverWindowCredit, List<GapAckBlock> gapAckBlocks,
    List<Integer> duplicateTsns) implements Chunk {

  /** One gap ack block: TSNs cumulativeTsnAck+start .. cumulativeTsnAck+end were received. */
  record GapAckBlock(int start, int end) {}

  SelectiveAckChunk {
    gapAckBlocks = List.copyOf(gapAckBlocks);
    duplicateTsns = List.copyOf(duplicateTsns);
  }

  static SelectiveAckChunk parseValue(ByteReader v, int at) throws SctpParseException {
    int cum = v.u32("cumulative TSN ack");
    int arwnd = v.u32("a_rwnd");
    int gaps = v.u16("number of gap ack blocks");
    int dups = v.u16("number of duplicate TSNs");
    if (v.remaining() != gaps * 4 + dups * 4) {
      throw new SctpParseException("SACK announces " + gaps + " gap blocks and " + dups
          + " duplicates but has " + v.remaining() + " bytes", at);
    }
    List<GapAckBlock> blocks = new ArrayList<>(gaps);
    for (int i = 0; i < gaps; i++) {
      blocks.add(new GapAckBlock(v.u16("gap start"), v.u16("gap end")));
    }
    List<Integer> dupTsns = new ArrayList<>(dups);
    for (int i = 0; i < dups; i++) {
      dupTsns.add(v.u32("duplicate TSN"));
    }
    return new SelectiveAckChunk(cum, arwnd, blocks, dupTsns);
  }

  /** The encoded size (header included) of a SACK with these counts: §3.3.4's fixed 16 bytes plus 4 per entry. */
  static int encodedSize(int gapBlocks, int duplicates) {
    return 16 + 4 * gapBlocks + 4 * duplicates;
  }

  @Override
  public int encodedSize() {
    return encodedSize(gapAckBlocks.size(), duplicateTsns.size());
  }

  @Override
  public int type() {
    return SACK;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.u32(cumulativeTsnAck).u32(advertisedReceiverWindowCredit).u16(gapAckBlocks.size()).u16(duplicateTsns.size());
    for (GapAckBlock b : gapAckBlocks) {
      w.u16(b.start()).u16(b.end());
    }
    for (int d : duplicateTsns) {
      w.u32(d);
    }
  }
}
