package dev.jrtc.sctp;

/**
 * Shutdown Acknowledgement (SHUTDOWN ACK), RFC 9260 §3.3.9
 * (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.9).
 *
 * <pre>
 * |   Type = 8    | Chunk  Flags  |      Length = 4               |
 * </pre>
 */
record ShutdownAckChunk() implements Chunk {
  @Override
  public int type() {
    return SHUTDOWN_ACK;
  }

  @Override
  public void writeValue(ByteWriter w) {
    // No value.
  }
}
