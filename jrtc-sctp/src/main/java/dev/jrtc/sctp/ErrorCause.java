package dev.jrtc.sctp;

import java.util.ArrayList;
import java.util.List;

/**
 * An error cause, RFC 9260 §3.3.10 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10), carried
 * in ABORT and ERROR chunks. The cause-specific information is kept raw.
 *
 * <pre>
 * |           Cause Code          |       Cause Length            |
 * \                    Cause-Specific Information                 /
 * </pre>
 */
record ErrorCause(int code, Bytes information) {
  static final int INVALID_STREAM_IDENTIFIER = 1;
  static final int MISSING_MANDATORY_PARAMETER = 2;
  static final int STALE_COOKIE = 3;
  static final int OUT_OF_RESOURCE = 4;
  static final int UNRECOGNIZED_CHUNK_TYPE = 6;
  static final int INVALID_MANDATORY_PARAMETER = 7;
  static final int UNRECOGNIZED_PARAMETERS = 8;
  static final int NO_USER_DATA = 9;
  static final int PROTOCOL_VIOLATION = 13;
  static final int USER_INITIATED_ABORT = 12;

  void writeTo(ByteWriter w) {
    int start = w.position();
    w.u16(code).u16(0).bytes(information);
    w.putU16At(start + 2, w.position() - start);
  }

  static List<ErrorCause> parseAll(ByteReader r) throws SctpParseException {
    List<ErrorCause> out = new ArrayList<>();
    while (r.remaining() > 0) {
      int at = r.position();
      int code = r.u16("cause code");
      int length = r.u16("cause length");
      if (length < 4) {
        throw new SctpParseException("cause length " + length + " < 4", at);
      }
      out.add(new ErrorCause(code, r.bytes(length - 4, "cause-specific information")));
      r.skipPadding(ByteReader.padding(length));
    }
    return List.copyOf(out);
  }

  /** Writes causes, each padded except the last (the chunk padding covers it). */
  static void writeAll(ByteWriter w, List<ErrorCause> causes) {
    for (int i = 0; i < causes.size(); i++) {
      causes.get(i).writeTo(w);
      if (i < causes.size() - 1) {
        w.pad4();
      }
    }
  }
}
