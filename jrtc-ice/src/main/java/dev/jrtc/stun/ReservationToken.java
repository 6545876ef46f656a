package dev.jrtc.stun;

/**
 * RESERVATION-TOKEN (type 0x0022), RFC 8656 §18.9: an 8-byte token that names a relayed address reserved by EVEN-PORT.
 *
 * @param token the 64-bit value (unsigned on the wire)
 */
public record ReservationToken(long token) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0022;

  @Override
  public int type() {
    return TYPE;
  }
}
