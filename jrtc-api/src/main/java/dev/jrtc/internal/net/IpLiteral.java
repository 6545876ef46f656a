package dev.jrtc.internal.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP literals in ICE server URLs (RFC 7064 §3.1 / RFC 7065 §3.1 use RFC 3986's host rule:
 * IPv4address, or an IPv6 address in brackets): recognized without any DNS lookup. Internal, not API.
 */
public final class IpLiteral {
  private IpLiteral() {}

  /**
   * The address {@code host} spells, or null when it is a name. IPv6 is given without
   * brackets; a zone ({@code %eth0}) is not accepted.
   */
  public static InetAddress parse(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    boolean ipv4 = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean ipv6 = host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.]+");
    if (ipv4) {
      for (String part : host.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    if (!ipv4 && !ipv6) {
      return null;
    }
    try {
      // Only the literal's form is checked here: InetAddress does no lookup for a literal.
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
