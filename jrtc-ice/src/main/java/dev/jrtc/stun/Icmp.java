package dev.jrtc.stun;

/**
 * ICMP (type 0x8004), RFC 8656 §18.13: an ICMP error the server received for relayed data.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Reserved                     |  ICMP Type  |  ICMP Code      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Error Data                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param icmpType the ICMP type
 * @param icmpCode the ICMP code
 * @param errorData the error data (e.g. the MTU for "fragmentation needed")
 */
public record Icmp(int icmpType, int icmpCode, int errorData) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x8004;

  /** Validates the ranges. */
  public Icmp {
    if (icmpType < 0 || icmpType > 0xff || icmpCode < 0 || icmpCode > 0xff) {
      throw new IllegalArgumentException("ICMP type/code out of range");
    }
  }

  @Override
  public int type() {
    return TYPE;
  }
}
