package dev.jrtc.sctp;

/**
 * Heartbeat Acknowledgement (HEARTBEAT ACK), RFC 9260 §3.3.6
 * (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.6): echoes the HEARTBEAT's info.
 *
 * <pre>
 * |   Type = 5    | Chunk  Flags  |    Heartbeat Ack Length       |
 * \            Heartbeat Information TLV (Variable-Length)        /
 * </pre>
 */
record HeartbeatAckChunk(Bytes info) implements Chunk {
  @Override
  public int type() {
    return HEARTBEAT_ACK;
  }

  @Override
  public void writeValue(ByteWriter w) {
    new HeartbeatInfoParameter(info).writeTo(w);
  }
}
