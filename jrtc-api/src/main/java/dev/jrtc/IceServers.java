package dev.jrtc;

import dev.jrtc.internal.net.TurnServer;
import dev.jrtc.internal.transport.PeerTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE part of an {@link RTCConfiguration} as the transport takes it: {@code stun:} and
 * {@code turn:} (UDP) URLs whose host is an IP literal (RFC 7064 §3.1, RFC 7065 §3.1; no DNS
 * lookup happens for a literal), and {@code iceTransportPolicy relay} (only relayed candidates).
 * URLs were validated by {@link ConfigurationRules} already.
 */
final class IceServers {

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.pc");

  private IceServers() {}

  /** Fills the network, entropy, clock and ICE server settings of {@code b}. */
  static PeerTransport.Builder configure(PeerTransport.Builder b, RTCConfiguration config, RTCSettings settings) {
    List<InetSocketAddress> stun = new ArrayList<>();
    List<TurnServer> turn = new ArrayList<>();
    for (RTCIceServer server : config.iceServers()) {
      for (String url : server.urls()) {
        String scheme = ConfigurationRules.parse(url);
        InetSocketAddress address = literal(url, scheme);
        if (address == null) {
          LOG.warn("ICE server '{}' skipped: only IP literals and UDP are used by this version", url);
          continue;
        }
        if (scheme.equals("stun")) {
          stun.add(address);
        } else if (scheme.equals("turn")) {
          turn.add(new TurnServer(address, server.username(), server.credential()));
        } else {
          LOG.warn("ICE server '{}' skipped: {} is not supported by this version", url, scheme);
        }
      }
    }
    return b.clock(settings.clock()).entropy(settings.entropy()).network(settings.network()).mux(settings.udpMux())
        .stunServers(stun).turnServers(turn).relayOnly(config.iceTransportPolicy() == RTCIceTransportPolicy.RELAY);
  }

  /** The address of a URL whose host is an IP literal (default port 3478), else null. */
  static InetSocketAddress literal(String url, String scheme) {
    String rest = url.substring(scheme.length() + 1);
    int q = rest.indexOf('?');
    if (q >= 0) {
      if (!rest.substring(q + 1).equals("transport=udp")) {
        return null;
      }
      rest = rest.substring(0, q);
    }
    String host;
    String port = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      host = rest.substring(1, close);
      if (close + 1 < rest.length()) {
        port = rest.substring(close + 2);
      }
    } else {
      int c = rest.indexOf(':');
      host = c < 0 ? rest : rest.substring(0, c);
      port = c < 0 ? null : rest.substring(c + 1);
    }
    boolean ipv4 = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean ipv6 = host.contains(":") && host.matches("[0-9A-Fa-f:.]+");
    if (!ipv4 && !ipv6) {
      return null;
    }
    int p = 3478;
    if (port != null) {
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (p <= 0 || p > 0xffff) {
      return null;
    }
    try {
      // An IP literal: getByName only checks its form, no lookup (InetAddress Javadoc).
      return new InetSocketAddress(InetAddress.getByName(host.toLowerCase(Locale.ROOT)), p);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
