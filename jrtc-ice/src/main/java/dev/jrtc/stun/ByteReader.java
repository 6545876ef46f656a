package dev.jrtc.stun;

import java.util.Arrays;

/** Bounds-checked big-endian reader; every overrun is a {@link StunParseException}. */
final class ByteReader {
  private final byte[] data;
  private final int limit;
  private int pos;

  ByteReader(byte[] data, int offset, int length) {
    this.data = data;
    this.pos = offset;
    this.limit = offset + length;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return limit - pos;
  }

  private void need(int n, String what) throws StunParseException {
    if (n < 0 || limit - pos < n) {
      throw new StunParseException(what + " truncated: need " + n + " bytes, have " + (limit - pos), pos);
    }
  }

  int u8(String what) throws StunParseException {
    need(1, what);
    return data[pos++] & 0xff;
  }

  int u16(String what) throws StunParseException {
    need(2, what);
    int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  long u32(String what) throws StunParseException {
    need(4, what);
    long v = ((long) (data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16)
        | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  long u64(String what) throws StunParseException {
    long hi = u32(what);
    long lo = u32(what);
    return (hi << 32) | lo;
  }

  byte[] bytes(int n, String what) throws StunParseException {
    need(n, what);
    byte[] b = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return b;
  }

  void skip(int n, String what) throws StunParseException {
    need(n, what);
    pos += n;
  }
}
