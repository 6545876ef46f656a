package dev.jrtc.stun;

/**
 * REQUESTED-TRANSPORT (type 0x0019), RFC 8656 §18.7: an IP protocol number and three reserved
 * bytes; 17 (UDP) is the only value RFC 8656 defines.
 *
 * @param protocol the IP protocol number
 */
public record RequestedTransport(int protocol) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0019;
  /** UDP, the protocol TURN relays. */
  public static final int UDP = 17;

  /** Validates the range. */
  public RequestedTransport {
    if (protocol < 0 || protocol > 0xff) {
      throw new IllegalArgumentException("protocol out of range: " + protocol);
    }
  }

  @Override
  public int type() {
    return TYPE;
  }
}
