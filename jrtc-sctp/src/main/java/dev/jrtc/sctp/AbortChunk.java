package dev.jrtc.sctp;

import java.util.List;

/**
 * Abort Association (ABORT), RFC 9260 §3.3.7 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.7).
 * T set means the sender used the receiver's own tag (it had no TCB).
 *
 * <pre>
 * |   Type = 6    |  Reserved   |T|           Length              |
 * \                   zero or more Error Causes                   /
 * </pre>
 */
record AbortChunk(boolean tBit, List<ErrorCause> causes) implements Chunk {
  AbortChunk {
    causes = List.copyOf(causes);
  }

  @Override
  public int type() {
    return ABORT;
  }

  @Override
  public int flags() {
    return tBit ? 1 : 0;
  }

  @Override
  public void writeValue(ByteWriter w) {
    ErrorCause.writeAll(w, causes);
  }
}
