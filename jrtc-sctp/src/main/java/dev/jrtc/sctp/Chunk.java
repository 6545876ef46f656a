package dev.jrtc.sctp;

/**
 * A chunk, RFC 9260 §3.2 (https://www.rfc-editor.org/rfc/rfc9260#section-3.2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                          Chunk Value                          /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The length excludes the trailing padding to a multiple of four bytes.
 */
sealed interface Chunk
    permits DataChunk, InitChunk, InitAckChunk, SelectiveAckChunk, HeartbeatChunk, HeartbeatAckChunk,
        AbortChunk, ShutdownChunk, ShutdownAckChunk, ErrorChunk, CookieEchoChunk, CookieAckChunk,
        ShutdownCompleteChunk, ForwardTsnChunk, ReConfigChunk, UnknownChunk {

  int DATA = 0;
  int INIT = 1;
  int INIT_ACK = 2;
  int SACK = 3;
  int HEARTBEAT = 4;
  int HEARTBEAT_ACK = 5;
  int ABORT = 6;
  int SHUTDOWN = 7;
  int SHUTDOWN_ACK = 8;
  int ERROR = 9;
  int COOKIE_ECHO = 10;
  int COOKIE_ACK = 11;
  int SHUTDOWN_COMPLETE = 14;
  int RE_CONFIG = 130;
  int FORWARD_TSN = 192;

  /** The chunk type code. */
  int type();

  /** The chunk flags byte. */
  default int flags() {
    return 0;
  }

  /** Writes the value (everything after the 4-byte header, before the padding). */
  void writeValue(ByteWriter w);

  /** Writes header, value and padding. */
  default void writeTo(ByteWriter w) {
    int start = w.position();
    w.u8(type()).u8(flags()).u16(0);
    writeValue(w);
    w.putU16At(start + 2, w.position() - start);
    w.pad4();
  }

  /** The encoded size including padding. */
  default int encodedSize() {
    ByteWriter w = new ByteWriter(64);
    writeTo(w);
    return w.position();
  }

  /** Reads one chunk and its padding. */
  static Chunk parse(ByteReader r) throws SctpParseException {
    int at = r.position();
    int type = r.u8("chunk type");
    int flags = r.u8("chunk flags");
    int length = r.u16("chunk length");
    if (length < 4) {
      throw new SctpParseException("chunk length " + length + " < 4", at);
    }
    ByteReader v = r.slice(length - 4, "value of chunk type " + type);
    r.skipPadding(ByteReader.padding(length));
    Chunk c = switch (type) {
      case DATA -> DataChunk.parseValue(flags, v, at);
      case INIT -> InitChunk.parseValue(v);
      case INIT_ACK -> InitAckChunk.parseValue(v);
      case SACK -> SelectiveAckChunk.parseValue(v, at);
      case HEARTBEAT -> new HeartbeatChunk(HeartbeatChunk.parseInfo(v, at));
      case HEARTBEAT_ACK -> new HeartbeatAckChunk(HeartbeatChunk.parseInfo(v, at));
      case ABORT -> new AbortChunk((flags & 1) != 0, ErrorCause.parseAll(v));
      case SHUTDOWN -> ShutdownChunk.parseValue(v, at);
      case SHUTDOWN_ACK -> empty(new ShutdownAckChunk(), v, at);
      case ERROR -> new ErrorChunk(ErrorCause.parseAll(v));
      case COOKIE_ECHO -> new CookieEchoChunk(v.bytes(v.remaining(), "cookie"));
      case COOKIE_ACK -> empty(new CookieAckChunk(), v, at);
      case SHUTDOWN_COMPLETE -> empty(new ShutdownCompleteChunk((flags & 1) != 0), v, at);
      case FORWARD_TSN -> ForwardTsnChunk.parseValue(v, at);
      case RE_CONFIG -> new ReConfigChunk(Parameter.parseAll(v));
      default -> new UnknownChunk(type, flags, v.bytes(v.remaining(), "chunk value"));
    };
    if (v.remaining() != 0) {
      throw new SctpParseException("chunk type " + type + " has " + v.remaining() + " trailing bytes", at);
    }
    return c;
  }

  private static Chunk empty(Chunk c, ByteReader v, int at) throws SctpParseException {
    if (v.remaining() != 0) {
      throw new SctpParseException("chunk type " + c.type() + " must be empty, has " + v.remaining() + " bytes", at);
    }
    return c;
  }
}
