package dev.jrtc.testkit;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 prefix such as {@code 192.168.0.0/24} or {@code fd00::/64}. */
record Cidr(InetAddress network, int prefixLength) {

  static Cidr parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR prefix (address/length): " + cidr);
    }
    InetAddress a = ip(cidr.substring(0, slash));
    int bits = a.getAddress().length * 8;
    int len;
    try {
      len = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in " + cidr);
    }
    if (len < 0 || len > bits) {
      throw new IllegalArgumentException("prefix length out of range in " + cidr);
    }
    return new Cidr(mask(a, len), len);
  }

  /** Parses an IP literal without ever resolving a name. */
  static InetAddress ip(String literal) {
    String s = literal.trim();
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("not an IP address literal: " + literal);
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: " + literal);
    }
  }

  private static InetAddress mask(InetAddress a, int len) {
    byte[] b = a.getAddress();
    for (int i = 0; i < b.length; i++) {
      int keep = Math.max(0, Math.min(8, len - i * 8));
      b[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  boolean isIpv4() {
    return network instanceof Inet4Address;
  }

  boolean contains(InetAddress a) {
    return a.getAddress().length == network.getAddress().length && mask(a, prefixLength).equals(network);
  }

  /** The address {@code index} positions after the network address (index 1 is the first host). */
  InetAddress address(long index) {
    byte[] n = network.getAddress();
    BigInteger v = new BigInteger(1, n).add(BigInteger.valueOf(index));
    byte[] raw = v.toByteArray();
    byte[] out = new byte[n.length];
    for (int i = 0; i < out.length && i < raw.length; i++) {
      out[out.length - 1 - i] = raw[raw.length - 1 - i];
    }
    try {
      InetAddress a = InetAddress.getByAddress(out);
      if (!contains(a)) {
        throw new IllegalStateException("no free address left in " + this);
      }
      return a;
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
