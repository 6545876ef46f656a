package dev.jrtc.sctp;

/** Bounds-checked big-endian reader: every overrun is an {@link SctpParseException}. */
final class ByteReader {
  private final byte[] data;
  private final int base;
  private final int limit;
  private int pos;

  ByteReader(byte[] data) {
    this(data, 0, data.length);
  }

  ByteReader(byte[] data, int offset, int length) {
    this.data = data;
    this.base = offset;
    this.pos = offset;
    this.limit = offset + length;
  }

  int remaining() {
    return limit - pos;
  }

  /** Offset from the start of this reader's window, for error messages. */
  int position() {
    return pos - base;
  }

  private void need(int n, String what) throws SctpParseException {
    if (n < 0 || limit - pos < n) {
      throw new SctpParseException(what + ": need " + n + " bytes, have " + (limit - pos), position());
    }
  }

  int u8(String what) throws SctpParseException {
    need(1, what);
    return data[pos++] & 0xff;
  }

  int u16(String what) throws SctpParseException {
    need(2, what);
    int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  int u32(String what) throws SctpParseException {
    need(4, what);
    int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16)
        | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** The next {@code n} bytes, sharing the input array (parsed values are views of the input). */
  Bytes bytes(int n, String what) throws SctpParseException {
    need(n, what);
    Bytes b = Bytes.view(data, pos, n);
    pos += n;
    return b;
  }

  /** A reader over the next {@code n} bytes, which this reader skips. */
  ByteReader slice(int n, String what) throws SctpParseException {
    need(n, what);
    ByteReader r = new ByteReader(data, pos, n);
    pos += n;
    return r;
  }

  /** Skips up to {@code n} padding bytes (fewer when the input ends first). */
  void skipPadding(int n) {
    pos += Math.min(n, limit - pos);
  }

  static int padding(int length) {
    return (4 - (length & 3)) & 3;
  }
}
