package dev.jrtc.sctp;

/**
 * A parameter this implementation does not interpret, kept raw so it re-encodes byte for byte
 * (RFC 9260 §3.2.1: its type's two high bits tell the receiver what to do with it).
 */
record UnknownParameter(int type, Bytes value) implements Parameter {
  @Override
  public void writeValue(ByteWriter w) {
    w.bytes(value);
  }
}
