package dev.jrtc.stun;

/**
 * FINGERPRINT (type 0x8028), RFC 8489 §14.7: CRC-32 of the message up to this attribute, XOR 0x5354554e.
 *
 * @param crc the unsigned 32-bit value
 */
public record Fingerprint(long crc) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x8028;

  /** Validates the range. */
  public Fingerprint {
    if (crc < 0 || crc > 0xffffffffL) {
      throw new IllegalArgumentException("FINGERPRINT out of range: " + crc);
    }
  }

  @Override
  public int type() {
    return TYPE;
  }
}
