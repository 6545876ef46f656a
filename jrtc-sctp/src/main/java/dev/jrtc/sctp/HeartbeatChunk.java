package dev.jrtc.sctp;

/**
 * Heartbeat Request (HEARTBEAT), RFC 9260 §3.3.5 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.5).
 *
 * <pre>
 * |   Type = 4    | Chunk  Flags  |      Heartbeat Length         |
 * \            Heartbeat Information TLV (Variable-Length)        /
 * </pre>
 */
record HeartbeatChunk(Bytes info) implements Chunk {

  /** Reads the one Heartbeat Info parameter a HEARTBEAT or HEARTBEAT ACK carries. */
  static Bytes parseInfo(ByteReader v, int at) throws SctpParseException {
    Parameter p = Parameter.parse(v);
    if (!(p instanceof HeartbeatInfoParameter info)) {
      throw new SctpParseException("heartbeat carries parameter type " + p.type() + ", not Heartbeat Info", at);
    }
    return info.info();
  }

  @Override
  public int type() {
    return HEARTBEAT;
  }

  @Override
  public void writeValue(ByteWriter w) {
    new HeartbeatInfoParameter(info).writeTo(w);
  }
}
