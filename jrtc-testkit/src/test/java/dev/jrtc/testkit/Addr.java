package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;

/** Test shorthand for UDP transport addresses. */
final class Addr {
  private Addr() {}

  static TransportAddress udp(String ip, int port) {
    return TransportAddress.udp(Cidr.ip(ip), port);
  }
}
