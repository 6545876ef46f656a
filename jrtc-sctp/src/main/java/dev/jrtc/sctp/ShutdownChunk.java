package dev.jrtc.sctp;

/**
 * Shutdown Association (SHUTDOWN), RFC 9260 §3.3.8 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.8).
 *
 * <pre>
 * |   Type = 7    | Chunk  Flags  |      Length = 8               |
 * |                      Cumulative TSN Ack                       |
 * </pre>
 */
record ShutdownChunk(int cumulativeTsnAck) implements Chunk {
  static ShutdownChunk parseValue(ByteReader v, int at) throws SctpParseException {
    if (v.remaining() != 4) {
      throw new SctpParseException("SHUTDOWN length must be 8, value has " + v.remaining() + " bytes", at);
    }
    return new ShutdownChunk(v.u32("cumulative TSN ack"));
  }

  @Override
  public int type() {
    return SHUTDOWN;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.u32(cumulativeTsnAck);
  }
}
