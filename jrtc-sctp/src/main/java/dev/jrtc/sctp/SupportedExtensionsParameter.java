package dev.jrtc.sctp;

import java.util.ArrayList;
import java.util.List;

/**
 * Supported Extensions, RFC 5061 §4.2.7 (https://www.rfc-editor.org/rfc/rfc5061#section-4.2.7):
 * type 0x8008, one byte per chunk type the sender supports (WebRTC peers list RE-CONFIG 130 and
 * FORWARD TSN 192).
 *
 * <pre>
 * | Parameter Type = 0x8008       |      Parameter Length         |
 * | CHUNK TYPE 1  |  CHUNK TYPE 2 |  CHUNK TYPE 3 |  CHUNK TYPE 4 |
 * </pre>
 */
record SupportedExtensionsParameter(List<Integer> chunkTypes) implements Parameter {
  SupportedExtensionsParameter {
    chunkTypes = List.copyOf(chunkTypes);
  }

  static SupportedExtensionsParameter parseValue(ByteReader v) throws SctpParseException {
    List<Integer> types = new ArrayList<>();
    while (v.remaining() > 0) {
      types.add(v.u8("supported chunk type"));
    }
    return new SupportedExtensionsParameter(types);
  }

  @Override
  public int type() {
    return SUPPORTED_EXTENSIONS;
  }

  @Override
  public void writeValue(ByteWriter w) {
    for (int t : chunkTypes) {
      w.u8(t);
    }
  }
}
