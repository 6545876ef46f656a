package dev.jrtc.sctp;

import java.util.List;

/**
 * Initiation Acknowledgement (INIT ACK), RFC 9260 §3.3.3
 * (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.3). Same layout as INIT; it must carry a
 * {@link StateCookieParameter}.
 *
 * <pre>
 * |   Type = 2    |  Chunk Flags  |      Chunk Length             |
 * |                         Initiate Tag                          |
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * |  Number of Outbound Streams   |  Number of Inbound Streams    |
 * |                          Initial TSN                          |
 * \              Optional/Variable-Length Parameters              /
 * </pre>
 */
record InitAckChunk(
    int initiateTag, int advertisedReceiverWindowCredit, int numberOfOutboundStreams,
    int numberOfInboundStreams, int initialTsn, List<Parameter> parameters) implements Chunk {

  InitAckChunk {
    parameters = List.copyOf(parameters);
  }

  static InitAckChunk parseValue(ByteReader v) throws SctpParseException {
    return new InitAckChunk(v.u32("initiate tag"), v.u32("a_rwnd"), v.u16("outbound streams"),
        v.u16("inbound streams"), v.u32("initial TSN"), Parameter.parseAll(v));
  }

  /** The state cookie, or null when the peer left it out (a protocol violation). */
  StateCookieParameter stateCookie() {
    for (Parameter p : parameters) {
      if (p instanceof StateCookieParameter c) {
        return c;
      }
    }
    return null;
  }

  @Override
  public int type() {
    return INIT_ACK;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.u32(initiateTag).u32(advertisedReceiverWindowCredit).u16(numberOfOutboundStreams)
        .u16(numberOfInboundStreams).u32(initialTsn);
    Parameter.writeAll(w, parameters);
  }
}
