package dev.jrtc.sctp;

/**
 * Cookie Acknowledgement (COOKIE ACK), RFC 9260 §3.3.12
 * (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.12).
 *
 * <pre>
 * |   Type = 11   | Chunk  Flags  |     Length = 4                |
 * </pre>
 */
record CookieAckChunk() implements Chunk {
  @Override
  public int type() {
    return COOKIE_ACK;
  }

  @Override
  public void writeValue(ByteWriter w) {
    // No value.
  }
}
