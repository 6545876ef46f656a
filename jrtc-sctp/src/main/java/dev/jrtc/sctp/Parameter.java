package dev.jrtc.sctp;

import java.util.ArrayList;
import java.util.List;

/**
 * A variable-length parameter, RFC 9260 §3.2.1 (https://www.rfc-editor.org/rfc/rfc9260#section-3.2.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Parameter Type         |       Parameter Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                        Parameter Value                        /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Unknown types survive as {@link UnknownParameter}, so the two high bits of the type (RFC 9260
 * §3.2.1: stop/skip, report or not) can be applied by the association.
 */
sealed interface Parameter
    permits HeartbeatInfoParameter, StateCookieParameter, SupportedExtensionsParameter,
        ForwardTsnSupportedParameter, OutgoingSsnResetRequestParameter,
        ReconfigurationResponseParameter, UnknownParameter {

  int HEARTBEAT_INFO = 1;
  int STATE_COOKIE = 7;
  int UNRECOGNIZED_PARAMETER = 8;
  int OUTGOING_SSN_RESET_REQUEST = 13;
  int RECONFIGURATION_RESPONSE = 16;
  int SUPPORTED_EXTENSIONS = 0x8008;
  int FORWARD_TSN_SUPPORTED = 0xC000;

  /** The parameter type code. */
  int type();

  /** Writes the value (without the type/length header and without padding). */
  void writeValue(ByteWriter w);

  /** Writes type, length and value, unpadded. */
  default void writeTo(ByteWriter w) {
    int start = w.position();
    w.u16(type()).u16(0);
    writeValue(w);
    w.putU16At(start + 2, w.position() - start);
  }

  /** Reads one parameter and its padding. */
  static Parameter parse(ByteReader r) throws SctpParseException {
    int at = r.position();
    int type = r.u16("parameter type");
    int length = r.u16("parameter length");
    if (length < 4) {
      throw new SctpParseException("parameter length " + length + " < 4", at);
    }
    ByteReader v = r.slice(length - 4, "parameter value of type " + type);
    r.skipPadding(ByteReader.padding(length));
    Parameter p = switch (type) {
      case HEARTBEAT_INFO -> new HeartbeatInfoParameter(v.bytes(v.remaining(), "heartbeat info"));
      case STATE_COOKIE -> new StateCookieParameter(v.bytes(v.remaining(), "state cookie"));
      case SUPPORTED_EXTENSIONS -> SupportedExtensionsParameter.parseValue(v);
      case FORWARD_TSN_SUPPORTED -> new ForwardTsnSupportedParameter();
      case OUTGOING_SSN_RESET_REQUEST -> OutgoingSsnResetRequestParameter.parseValue(v, at);
      case RECONFIGURATION_RESPONSE -> ReconfigurationResponseParameter.parseValue(v, at);
      default -> new UnknownParameter(type, v.bytes(v.remaining(), "parameter value"));
    };
    if (v.remaining() != 0) {
      throw new SctpParseException("parameter type " + type + " has " + v.remaining() + " trailing bytes", at);
    }
    return p;
  }

  /** Reads parameters until the reader is empty. */
  static List<Parameter> parseAll(ByteReader r) throws SctpParseException {
    List<Parameter> out = new ArrayList<>();
    while (r.remaining() > 0) {
      out.add(parse(r));
    }
    return List.copyOf(out);
  }

  /**
   * Writes parameters, each padded to four bytes except the last: RFC 9260 §3.2 counts the padding
   * of every parameter but the last in the chunk length; the chunk's own padding covers the last.
   */
  static void writeAll(ByteWriter w, List<Parameter> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).writeTo(w);
      if (i < parameters.size() - 1) {
        w.pad4();
      }
    }
  }
}
