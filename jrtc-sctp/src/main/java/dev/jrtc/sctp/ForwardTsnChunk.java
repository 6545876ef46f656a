package dev.jrtc.sctp;

import java.util.ArrayList;
import java.util.List;

/**
 * Forward Cumulative TSN (FORWARD TSN), RFC 3758 §3.2 (https://www.rfc-editor.org/rfc/rfc3758#section-3.2).
 *
 * <pre>
 * |   Type = 192  |  Flags = 0x00 |        Length = Variable      |
 * |                      New Cumulative TSN                       |
 * |         Stream-1              |       Stream Sequence-1       |
 * /                              ...                              /
 * </pre>
 */
record ForwardTsnChunk(int newCumulativeTsn, List<StreamSsn> streams) implements Chunk {

  /** The highest skipped SSN of one ordered stream. */
  record StreamSsn(int streamId, int ssn) {}

  ForwardTsnChunk {
    streams = List.copyOf(streams);
  }

  static ForwardTsnChunk parseValue(ByteReader v, int at) throws SctpParseException {
    int cum = v.u32("new cumulative TSN");
    if ((v.remaining() & 3) != 0) {
      throw new SctpParseException("FORWARD TSN stream list is not a multiple of 4 bytes", at);
    }
    List<StreamSsn> list = new ArrayList<>();
    while (v.remaining() > 0) {
      list.add(new StreamSsn(v.u16("stream"), v.u16("stream sequence")));
    }
    return new ForwardTsnChunk(cum, list);
  }

  @Override
  public int type() {
    return FORWARD_TSN;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.u32(newCumulativeTsn);
    for (StreamSsn s : streams) {
      w.u16(s.streamId()).u16(s.ssn());
    }
  }
}
