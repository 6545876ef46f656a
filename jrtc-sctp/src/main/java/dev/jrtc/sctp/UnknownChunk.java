package dev.jrtc.sctp;

/**
 * A chunk type this implementation does not interpret, kept raw. RFC 9260 §3.2: the two high bits
 * of the type say whether to stop processing the packet (00, 01) or skip the chunk (10, 11), and
 * whether to report it in an ERROR with "Unrecognized Chunk Type" (01, 11).
 */
record UnknownChunk(int type, int flags, Bytes value) implements Chunk {

  /** RFC 9260 §3.2: high bit clear means stop processing the rest of the packet. */
  boolean stopProcessing() {
    return (type & 0x80) == 0;
  }

  /** RFC 9260 §3.2: second-highest bit set means report it to the sender. */
  boolean report() {
    return (type & 0x40) != 0;
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.bytes(value);
  }
}
