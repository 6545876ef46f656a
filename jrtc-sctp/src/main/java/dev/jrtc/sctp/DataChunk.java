package dev.jrtc.sctp;

/**
 * Payload Data (DATA), RFC 9260 §3.3.1 (https://www.rfc-editor.org/rfc/rfc9260#section-3.3.1),
 * with the I bit of RFC 7053.
 *
 * <pre>
 * |   Type = 0    |  Res  |I|U|B|E|           Length              |
 * |                              TSN                              |
 * |      Stream Identifier S      |   Stream Sequence Number n    |
 * |                  Payload Protocol Identifier                  |
 * \                 User Data (seq n of Stream S)                 /
 * </pre>
 */
record DataChunk(
    boolean immediate, boolean unordered, boolean beginning, boolean ending,
    int tsn, int streamId, int ssn, int ppid, Bytes userData) implements Chunk {

  static final int HEADER_SIZE = 16;

  static DataChunk parseValue(int flags, ByteReader v, int at) throws SctpParseException {
    int tsn = v.u32("DATA TSN");
    int stream = v.u16("DATA stream identifier");
    int ssn = v.u16("DATA stream sequence number");
    int ppid = v.u32("DATA payload protocol identifier");
    return new DataChunk((flags & 8) != 0, (flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0,
        tsn, stream, ssn, ppid, v.bytes(v.remaining(), "DATA user data"));
  }

  @Override
  public int type() {
    return DATA;
  }

  @Override
  public int flags() {
    return (immediate ? 8 : 0) | (unordered ? 4 : 0) | (beginning ? 2 : 0) | (ending ? 1 : 0);
  }

  @Override
  public void writeValue(ByteWriter w) {
    w.u32(tsn).u16(streamId).u16(ssn).u32(ppid).bytes(userData);
  }

  @Override
  public int encodedSize() {
    return HEADER_SIZE + userData.length() + ByteReader.padding(userData.length());
  }
}
