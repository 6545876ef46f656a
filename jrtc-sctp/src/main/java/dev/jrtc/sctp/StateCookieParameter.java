package dev.jrtc.sctp;

/**
 * State Cookie, RFC 9260 §3.3.3.1 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.3.1): type 7,
 * carried in INIT ACK; opaque to the receiver, which echoes it in COOKIE ECHO.
 */
record StateCookieParameter(Bytes cookie) implements Parameter {
  @Override
  public int type() {
    return STATE_COOKIE;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.bytes(cookie);
  }
}
