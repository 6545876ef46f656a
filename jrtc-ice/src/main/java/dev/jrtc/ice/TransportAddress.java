package dev.jrtc.ice;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An IP address, port and transport protocol (RFC 8445 §3 "transport address"). Our own type,
 * not a socket address, so that cores never touch {@code java.net} sockets and tests can forge
 * any address.
 *
 * @param address the IP address
 * @param port the port, 0..65535
 * @param protocol UDP or TCP
 */
public record TransportAddress(InetAddress address, int port, Protocol protocol) {

  /** Validates the fields. */
  public TransportAddress {
    if (address == null || protocol == null) {
      throw new IllegalArgumentException("address and protocol are required");
    }
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** A UDP transport address. */
  public static TransportAddress udp(InetAddress address, int port) {
    return new TransportAddress(address, port, Protocol.UDP);
  }

  /**
   * The address as an SDP/candidate literal: {@link InetAddress#getHostAddress()} without the
   * IPv6 {@code %scope} suffix a local interface address carries (a scope names one of our own
   * interfaces and means nothing to the peer; RFC 8839 §5.1 allows no scope in connection-address).
   */
  public static String literal(InetAddress address) {
    String a = address.getHostAddress();
    int scope = a.indexOf('%');
    return scope < 0 ? a : a.substring(0, scope);
  }

  /** True for an IPv6 address. */
  public boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  /** This address as a JDK socket address (for drivers). */
  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(address, port);
  }

  @Override
  public String toString() {
    String a = address.getHostAddress();
    return (isIpv6() ? "[" + a + "]" : a) + ":" + port + "/" + protocol.value();
  }
}
