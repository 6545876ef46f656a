package dev.jrtc.sctp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, so parsed chunks (records) compare by content in
 * round-trip tests. A slice shares the backing array; nothing ever writes to it.
 */
final class Bytes {
  static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

  private final byte[] data;
  private final int offset;
  private final int length;

  private Bytes(byte[] data, int offset, int length) {
    this.data = data;
    this.offset = offset;
    this.length = length;
  }

  static Bytes copyOf(byte[] b) {
    return copyOf(b, 0, b.length);
  }

  static Bytes copyOf(byte[] b, int off, int len) {
    return len == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(b, off, off + len), 0, len);
  }

  /** A view of part of {@code b} without copying: the caller promises never to modify it. */
  static Bytes view(byte[] b, int off, int len) {
    return len == 0 ? EMPTY : new Bytes(b, off, len);
  }

  /** Wraps without copying: the caller promises never to modify {@code b}. */
  static Bytes wrap(byte[] b) {
    return b.length == 0 ? EMPTY : new Bytes(b, 0, b.length);
  }

  int length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0;
  }

  int get(int i) {
    if (i < 0 || i >= length) {
      throw new IndexOutOfBoundsException(i);
    }
    return data[offset + i] & 0xff;
  }

  Bytes slice(int from, int len) {
    if (from < 0 || len < 0 || from + len > length) {
      throw new IndexOutOfBoundsException(from + "+" + len + " > " + length);
    }
    return len == 0 ? EMPTY : new Bytes(data, offset + from, len);
  }

  void copyTo(byte[] dst, int at) {
    System.arraycopy(data, offset, dst, at, length);
  }

  byte[] toByteArray() {
    return Arrays.copyOfRange(data, offset, offset + length);
  }

  ByteReader reader() {
    return new ByteReader(data, offset, length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(data, offset, offset + length, b.data, b.offset, b.offset + b.length);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + data[i];
    }
    return h;
  }

  @Override
  public String toString() {
    return length <= 32
        ? HexFormat.of().formatHex(data, offset, offset + length)
        : HexFormat.of().formatHex(data, offset, offset + 32) + "…(" + length + " bytes)";
  }
}
