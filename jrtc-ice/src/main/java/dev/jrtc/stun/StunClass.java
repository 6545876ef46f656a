package dev.jrtc.stun;

/**
 * The class of a STUN message, RFC 8489 §5: the two bits C1 and C0 of the message type.
 */
public enum StunClass {
  /** 0b00: a request. */
  REQUEST(0),
  /** 0b01: an indication. */
  INDICATION(1),
  /** 0b10: a success response. */
  SUCCESS_RESPONSE(2),
  /** 0b11: an error response. */
  ERROR_RESPONSE(3);

  private final int bits;

  StunClass(int bits) {
    this.bits = bits;
  }

  /** The two class bits, C1 C0. */
  public int bits() {
    return bits;
  }

  /** The class for the two class bits. */
  public static StunClass ofBits(int bits) {
    return values()[bits & 3];
  }

  /** True for success and error responses. */
  public boolean isResponse() {
    return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
  }
}
