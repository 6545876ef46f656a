package dev.jrtc.stun;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address attribute value coding, RFC 8489 §14.1 and §14.2 (XOR with cookie and transaction id). */
final class AddressCodec {
  static final int FAMILY_IPV4 = 0x01;
  static final int FAMILY_IPV6 = 0x02;

  private AddressCodec() {}

  static void check(InetAddress address, int port) {
    if (address == null) {
      throw new IllegalArgumentException("address is null");
    }
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  private static byte[] mask(int length, TransactionId txId) {
    byte[] m = new byte[length];
    m[0] = 0x21;
    m[1] = 0x12;
    m[2] = (byte) 0xa4;
    m[3] = 0x42;
    if (length == 16) {
      System.arraycopy(txId.raw(), 0, m, 4, 12);
    }
    return m;
  }

  static void write(ByteWriter w, InetAddress address, int port, boolean xor, TransactionId txId) {
    byte[] a = address.getAddress();
    w.u8(0).u8(address instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6);
    w.u16(xor ? port ^ 0x2112 : port);
    if (xor) {
      byte[] m = mask(a.length, txId);
      for (int i = 0; i < a.length; i++) {
        a[i] ^= m[i];
      }
    }
    w.bytes(a);
  }

  /** Returns {address, port} decoded; the reader must hold exactly the value. */
  static Object[] read(ByteReader r, boolean xor, TransactionId txId, String name)
      throws StunParseException {
    int start = r.position();
    r.u8(name);
    int family = r.u8(name + " family");
    int port = r.u16(name + " port");
    int len;
    if (family == FAMILY_IPV4) {
      len = 4;
    } else if (family == FAMILY_IPV6) {
      len = 16;
    } else {
      throw new StunParseException(name + " has unknown address family " + family, start + 1);
    }
    if (r.remaining() != len) {
      throw new StunParseException(name + " has length " + (r.remaining() + 4) + " for family " + family, start);
    }
    byte[] a = r.bytes(len, name + " address");
    if (xor) {
      port ^= 0x2112;
      byte[] m = mask(len, txId);
      for (int i = 0; i < len; i++) {
        a[i] ^= m[i];
      }
    }
    try {
      // Inet6Address.getByAddress keeps an IPv4-mapped IPv6 address as IPv6, so the family
      // survives re-encoding.
      InetAddress address = len == 4 ? InetAddress.getByAddress(a) : Inet6Address.getByAddress(null, a, -1);
      return new Object[] {address, port};
    } catch (UnknownHostException e) {
      throw new StunParseException(name + " address invalid", start + 4);
    }
  }
}
