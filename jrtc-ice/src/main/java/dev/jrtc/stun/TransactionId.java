package dev.jrtc.stun;

import dev.jrtc.common.Entropy;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 96-bit STUN transaction ID, RFC 8489 §5. Immutable; compares by value.
 */
public final class TransactionId {
  /** Length in bytes. */
  public static final int LENGTH = 12;

  private final byte[] bytes;

  private TransactionId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A transaction ID with the given 12 bytes (copied). */
  public static TransactionId of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("transaction id must be 12 bytes, got " + bytes.length);
    }
    return new TransactionId(bytes.clone());
  }

  /** A new random transaction ID; RFC 8489 §5 asks for a cryptographically random one. */
  public static TransactionId random(Entropy entropy) {
    byte[] b = new byte[LENGTH];
    entropy.nextBytes(b);
    return new TransactionId(b);
  }

  /** A copy of the 12 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] raw() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionId && Arrays.equals(bytes, ((TransactionId) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
