package dev.jrtc.internal.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the local addresses to gather host candidates on (RFC 8445 §5.1.1.1: "every IP
 * address on the host") and to send mDNS queries from, filtered by {@link NetworkSettings}.
 */
final class HostAddressGatherer {

  /**
   * An address to bind, with the interface it belongs to.
   *
   * @param interfaceName the interface name
   * @param interfaceIndex the interface index (multicast interface for mDNS)
   * @param address the address
   */
  record HostAddress(String interfaceName, int interfaceIndex, InetAddress address) {}

  private HostAddressGatherer() {}

  /** The allowed addresses of every up interface, IPv4 first, each address once. */
  static List<HostAddress> gather(NetworkInterfaces interfaces, NetworkSettings settings) throws SocketException {
    List<HostAddress> v4 = new ArrayList<>();
    List<HostAddress> v6 = new ArrayList<>();
    Set<InetAddress> seen = new LinkedHashSet<>();
    for (NetworkInterfaces.Interface nic : interfaces.list()) {
      if (!interfaceAllowed(nic, settings)) {
        continue;
      }
      for (InetAddress a : nic.addresses()) {
        if (addressAllowed(nic, a, settings) && seen.add(a)) {
          (a instanceof Inet4Address ? v4 : v6).add(new HostAddress(nic.name(), nic.index(), a));
        }
      }
    }
    v4.addAll(v6);
    return v4;
  }

  /** Up, and allowed by the name lists. */
  static boolean interfaceAllowed(NetworkInterfaces.Interface nic, NetworkSettings s) {
    if (!nic.up()) {
      return false;
    }
    if (!s.interfaceAllow().isEmpty() && !s.interfaceAllow().contains(nic.name())) {
      return false;
    }
    if (s.interfaceDeny().contains(nic.name())) {
      return false;
    }
    return s.loopback() || !nic.loopback();
  }

  /** Allowed by the family, loopback, link-local and predicate settings. */
  static boolean addressAllowed(NetworkInterfaces.Interface nic, InetAddress a, NetworkSettings s) {
    if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
      return false;
    }
    if (a instanceof Inet4Address && !s.ipv4()) {
      return false;
    }
    if (a instanceof Inet6Address) {
      if (!s.ipv6()) {
        return false;
      }
      // RFC 8445 §5.1.1.1: link-local IPv6 addresses SHOULD NOT be included (they need a scope
      // and rarely connect); IPv4-mapped and site-local (deprecated, RFC 3879) likewise.
      if (a.isLinkLocalAddress() && !s.linkLocalIpv6()) {
        return false;
      }
      if (a.isSiteLocalAddress() || (((Inet6Address) a).isIPv4CompatibleAddress() && !a.isLoopbackAddress())) {
        return false;
      }
    }
    if (a.isLoopbackAddress() && !s.loopback()) {
      return false;
    }
    return s.addressFilter().test(a);
  }
}
