package dev.jrtc.sctp;

import java.util.List;

/**
 * Re-configuration (RE-CONFIG), RFC 6525 §3.1 (https://www.rfc-editor.org/rfc/rfc6525#section-3.1):
 * one or two re-configuration parameters.
 *
 * <pre>
 * | Type = 130    |  Chunk Flags  |      Chunk Length             |
 * \                  Re-configuration Parameter                   /
 * \             Re-configuration Parameter (optional)             /
 * </pre>
 */
record ReConfigChunk(List<Parameter> parameters) implements Chunk {
  ReConfigChunk {
    parameters = List.copyOf(parameters);
  }

  @Override
  public int type() {
    return RE_CONFIG;
  }

  @Override
  public void writeValue(ByteWriter w) {
    Parameter.writeAll(w, parameters);
  }
}
