package dev.jrtc.sctp;

/**
 * State Cookie (COOKIE ECHO), RFC 9260 §3.3.11 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.11).
 *
 * <pre>
 * |   Type = 10   | Chunk  Flags  |         Length                |
 * /                            Cookie                             /
 * </pre>
 */
record CookieEchoChunk(Bytes cookie) implements Chunk {
  @Override
  public int type() {
    return COOKIE_ECHO;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.bytes(cookie);
  }
}
