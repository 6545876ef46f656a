package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.ice.TransportAddress;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets of an {@link IceTransportDriver}'s host candidates (RFC 8445 §5.1.1.1): one per
 * allowed local address, on a port of {@link NetworkSettings}' range. Used when no shared
 * {@link UdpMux} port serves the connection.
 */
final class HostSockets {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.ice");

  private HostSockets() {}

  /**
   * Binds a socket on each of {@code hosts}, by bound address; an address that cannot be bound is
   * skipped with a WARN.
   *
   * @throws IOException when none could be bound (no host candidate can exist)
   */
  static Map<TransportAddress, UdpSocketDriver> bind(IoThreads io, List<HostAddressGatherer.HostAddress> hosts,
      NetworkSettings network, Clock clock, UdpSocketDriver.Receiver receiver, String logId) throws IOException {
    Map<TransportAddress, UdpSocketDriver> bound = new LinkedHashMap<>();
    for (HostAddressGatherer.HostAddress h : hosts) {
      try {
        UdpSocketDriver s = UdpSocketDriver.bind(io, h.address(), network.portMin(), network.portMax(), clock,
            receiver);
        bound.put(s.localAddress(), s);
      } catch (IOException e) {
        LOG.warn("{} cannot bind UDP on {}: {}", logId, h.address().getHostAddress(), e.getMessage());
      }
    }
    if (bound.isEmpty() && !hosts.isEmpty()) {
      throw new IOException("could not bind UDP on any of " + hosts.size() + " local addresses");
    }
    return bound;
  }
}
