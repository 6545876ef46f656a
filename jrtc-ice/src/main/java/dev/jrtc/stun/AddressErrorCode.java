package dev.jrtc.stun;

/**
 * ADDRESS-ERROR-CODE (type 0x8001), RFC 8656 §18.12: why the server could not allocate a
 * relayed address of the given family.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Family       |    Reserved             |Class|     Number    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Reason Phrase (variable)                                ..
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param family 0x01 IPv4 or 0x02 IPv6
 * @param code the error code, 300..699
 * @param reason the reason phrase
 */
public record AddressErrorCode(int family, int code, String reason) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x8001;

  /** Validates the fields. */
  public AddressErrorCode {
    if (family < 0 || family > 0xff) {
      throw new IllegalArgumentException("family out of range: " + family);
    }
    if (code < 300 || code > 699) {
      throw new IllegalArgumentException("error code must be 300..699: " + code);
    }
    AttributeCodec.checkUtf8(reason, 763, "ADDRESS-ERROR-CODE reason");
  }

  @Override
  public int type() {
    return TYPE;
  }
}
