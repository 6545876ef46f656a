package dev.jrtc.sctp;

import java.util.Arrays;

/** Growable big-endian writer. */
final class ByteWriter {
  private byte[] buf;
  private int pos;

  ByteWriter() {
    this(256);
  }

  ByteWriter(int capacity) {
    buf = new byte[Math.max(0, capacity)];
  }

  int position() {
    return pos;
  }

  private void ensure(int n) {
    if (buf.length - pos < n) {
      buf = Arrays.copyOf(buf, Math.max(Math.max(16, buf.length * 2), pos + n));
    }
  }

  ByteWriter u8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  ByteWriter u16(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  ByteWriter u32(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  ByteWriter bytes(Bytes b) {
    ensure(b.length());
    b.copyTo(buf, pos);
    pos += b.length();
    return this;
  }

  ByteWriter bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
    return this;
  }

  ByteWriter zeros(int n) {
    ensure(n);
    Arrays.fill(buf, pos, pos + n, (byte) 0);
    pos += n;
    return this;
  }

  /** Pads with zero bytes to a multiple of four (RFC 9260 §3.2). */
  ByteWriter pad4() {
    return zeros(ByteReader.padding(pos));
  }

  void putU16At(int at, int v) {
    buf[at] = (byte) (v >>> 8);
    buf[at + 1] = (byte) v;
  }

  void putU32LittleEndianAt(int at, int v) {
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
    buf[at + 2] = (byte) (v >>> 16);
    buf[at + 3] = (byte) (v >>> 24);
  }

  byte[] array() {
    return buf;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }
}
