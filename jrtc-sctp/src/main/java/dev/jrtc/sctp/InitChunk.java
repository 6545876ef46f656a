package dev.jrtc.sctp;

import java.util.List;

/**
 * Initiation (INIT), RFC 9260 §3.3.2 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2).
 *
 * <pre>
 * |   Type = 1    |  Chunk Flags  |      Chunk Length             |
 * |                         Initiate Tag                          |
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * |  Number of Outbound Streams   |  Number of Inbound Streams    |
 * |                          Initial TSN                          |
 * \              Optional/Variable-Length Parameters              /
 * </pre>
 */
record InitChunk(
    int initiateTag, int advertisedReceiverWindowCredit, int numberOfOutboundStreams,
    int numberOfInboundStreams, int initialTsn, List<Parameter> parameters) implements Chunk {

  InitChunk {
    parameters = List.copyOf(parameters);
  }

  static InitChunk parseValue(ByteReader v) throws SctpParseException {
    return new InitChunk(v.u32("initiate tag"), v.u32("a_rwnd"), v.u16("outbound streams"),
        v.u16("inbound streams"), v.u32("initial TSN"), Parameter.parseAll(v));
  }

  @Override
  public int type() {
    return INIT;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.u32(initiateTag).u32(advertisedReceiverWindowCredit).u16(numberOfOutboundStreams)
        .u16(numberOfInboundStreams).u32(initialTsn);
    Parameter.writeAll(w, parameters);
  }
}
