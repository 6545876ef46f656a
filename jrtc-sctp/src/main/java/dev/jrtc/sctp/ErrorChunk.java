package dev.jrtc.sctp;

import java.util.List;

/**
 * Operation Error (ERROR), RFC 9260 §3.3.10 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10).
 *
 * <pre>
 * |   Type = 9    | Chunk  Flags  |           Length              |
 * \                    one or more Error Causes                   /
 * </pre>
 */
record ErrorChunk(List<ErrorCause> causes) implements Chunk {
  ErrorChunk {
    causes = List.copyOf(causes);
  }

  @Override
  public int type() {
    return ERROR;
  }

  @Override
  public void writeValue(ByteWriter w) {
    ErrorCause.writeAll(w, causes);
  }
}
