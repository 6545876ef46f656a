package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;

/** A UDP datagram in flight inside a {@link SimNet}. */
record Packet(TransportAddress source, TransportAddress destination, byte[] data) {
  Packet withSource(TransportAddress s) {
    return new Packet(s, destination, data);
  }

  Packet withDestination(TransportAddress d) {
    return new Packet(source, d, data);
  }

  /** The IP packet size: IPv4 (20) or IPv6 (40) header, UDP header (8), payload. */
  int ipLength() {
    return (source.isIpv6() ? 40 : 20) + 8 + data.length;
  }
}
