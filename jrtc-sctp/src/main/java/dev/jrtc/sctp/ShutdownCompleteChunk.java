package dev.jrtc.sctp;

/**
 * Shutdown Complete (SHUTDOWN COMPLETE), RFC 9260 §3.3.13
 * (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.13).
 *
 * <pre>
 * |   Type = 14   |  Reserved   |T|      Length = 4               |
 * </pre>
 */
record ShutdownCompleteChunk(boolean tBit) implements Chunk {
  @Override
  public int type() {
    return SHUTDOWN_COMPLETE;
  }

  @Override
  public int flags() {
    return tBit ? 1 : 0;
  }

  @Override
  public void writeValue(ByteWriter w) {
    // No value.
  }
}
