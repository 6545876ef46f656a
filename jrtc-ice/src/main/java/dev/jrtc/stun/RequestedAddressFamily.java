package dev.jrtc.stun;

/**
 * REQUESTED-ADDRESS-FAMILY (type 0x0017), RFC 8656 §18.10: an address family (0x01 IPv4, 0x02 IPv6) and three
 * reserved bytes.
 *
 * @param family the family byte
 */
public record RequestedAddressFamily(int family) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0017;
  /** IPv4 family. */
  public static final int IPV4 = 0x01;
  /** IPv6 family. */
  public static final int IPV6 = 0x02;

  /** Validates the range. */
  public RequestedAddressFamily {
    if (family < 0 || family > 0xff) {
      throw new IllegalArgumentException("family out of range: " + family);
    }
  }

  @Override
  public int type() {
    return TYPE;
  }
}
