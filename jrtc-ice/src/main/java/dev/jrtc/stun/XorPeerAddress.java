package dev.jrtc.stun;

import java.net.InetAddress;

/**
 * XOR-PEER-ADDRESS (type 0x0012), RFC 8656 §18.3.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0 0 0 0 0 0 0|    Family     |         X-Port               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 X-Address (32 bits or 128 bits)              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param address the IPv4 or IPv6 address (in the clear; XOR is applied on the wire)
 * @param port the UDP or TCP port
 */
public record XorPeerAddress(InetAddress address, int port) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0012;

  /** Validates the port. */
  public XorPeerAddress {
    AddressCodec.check(address, port);
  }

  @Override
  public int type() {
    return TYPE;
  }
}
