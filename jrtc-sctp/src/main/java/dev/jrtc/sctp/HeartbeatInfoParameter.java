package dev.jrtc.sctp;

/**
 * Heartbeat Info, RFC 9260 §3.3.5 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.5): type 1,
 * sender-specific opaque information echoed back in the HEARTBEAT ACK.
 */
record HeartbeatInfoParameter(Bytes info) implements Parameter {
  @Override
  public int type() {
    return HEARTBEAT_INFO;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.bytes(info);
  }
}
