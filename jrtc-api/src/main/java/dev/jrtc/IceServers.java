package dev.jrtc;

import dev.jrtc.internal.net.IpLiteral;
import dev.jrtc.internal.net.TurnServer;
import dev.jrtc.internal.transport.PeerTransport;
import dev.jrtc.turn.TurnTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE part of an {@link RTCConfiguration} as the transport takes it: {@code stun:} URLs
 * (RFC 7064) and {@code turn:}/{@code turns:} URLs (RFC 7065) with an IP literal or a host name
 * (names are looked up when gathering starts, never here), and {@code iceTransportPolicy relay}
 * (only relayed candidates). URLs were validated by {@link ConfigurationRules} already.
 *
 * <p>Transports: {@code turn:} is UDP to the server unless {@code ?transport=tcp}; {@code turns:}
 * is TLS over TCP (RFC 8656 §3.1). Default ports (RFC 7064 §3.2, RFC 7065 §3.2): 3478, and 5349
 * for {@code turns:}. Skipped with a WARN: {@code stuns:} (STUN over TLS, which browsers do not
 * use either) and {@code turns:...?transport=udp} (TURN over DTLS, not supported).
 */
final class IceServers {

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.pc");

  /** One parsed URL: scheme in lower case, host without brackets, port, the transport query or null. */
  record Url(String scheme, String host, int port, String transport) {}

  private IceServers() {}

  /**
   * The ICE servers and policy of a configuration as the transport takes them.
   *
   * @param stun STUN servers (resolved for IP literals, unresolved names otherwise)
   * @param turn TURN servers
   * @param relayOnly {@code iceTransportPolicy: "relay"}
   */
  record Parsed(List<InetSocketAddress> stun, List<TurnServer> turn, boolean relayOnly) {}

  /** Fills the network, entropy, clock and ICE server settings of {@code b}. */
  static PeerTransport.Builder configure(PeerTransport.Builder b, RTCConfiguration config, RTCSettings settings) {
    Parsed p = of(config);
    return b.clock(settings.clock()).entropy(settings.entropy()).network(settings.network()).mux(settings.udpMux())
        .stunServers(p.stun()).turnServers(p.turn()).relayOnly(p.relayOnly());
  }

  /** The ICE servers and policy of {@code config} (webrtc-pc "set a configuration" uses them too). */
  static Parsed of(RTCConfiguration config) {
    List<InetSocketAddress> stun = new ArrayList<>();
    List<TurnServer> turn = new ArrayList<>();
    for (RTCIceServer server : config.iceServers()) {
      for (String url : server.urls()) {
        Url u = parse(url);
        if (u.port() == 0) {
          LOG.warn("ICE server '{}' skipped: port 0", url);
        } else if (u.scheme().equals("stun")) {
          stun.add(stunServer(u));
        } else if (u.scheme().equals("stuns")) {
          LOG.warn("ICE server '{}' skipped: STUN over TLS is not supported", url);
        } else {
          TurnServer t = turnServer(url, u, server.username(), server.credential());
          if (t == null) {
            LOG.warn("ICE server '{}' skipped: TURN over DTLS (turns: with transport=udp) is not supported", url);
          } else {
            turn.add(t);
          }
        }
      }
    }
    return new Parsed(List.copyOf(stun), List.copyOf(turn), config.iceTransportPolicy() == RTCIceTransportPolicy.RELAY);
  }

  /** A STUN server: resolved for an IP literal, otherwise an unresolved name that the runtime looks up. */
  static InetSocketAddress stunServer(Url u) {
    InetAddress literal = IpLiteral.parse(u.host());
    return literal != null ? new InetSocketAddress(literal, u.port()) : InetSocketAddress.createUnresolved(u.host(),
        u.port());
  }

  /** A TURN server for a {@code turn:} or {@code turns:} URL; null for turns: over UDP. */
  static TurnServer turnServer(String url, Url u, String username, String credential) {
    TurnTransport transport;
    if (u.scheme().equals("turns")) {
      if ("udp".equals(u.transport())) {
        return null;
      }
      transport = TurnTransport.TLS;
    } else {
      transport = "tcp".equals(u.transport()) ? TurnTransport.TCP : TurnTransport.UDP;
    }
    return new TurnServer(url, u.host(), u.port(), transport, username, credential);
  }

  /**
   * Splits a URL that {@link ConfigurationRules#parse} accepted into scheme, host, port (the
   * scheme's default when absent) and transport.
   */
  static Url parse(String url) {
    String scheme = ConfigurationRules.parse(url);
    String rest = url.substring(scheme.length() + 1);
    String transport = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      transport = rest.substring(q + 1 + "transport=".length()).toLowerCase(Locale.ROOT);
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
    int p = scheme.endsWith("s") ? TurnServer.DEFAULT_TLS_PORT : TurnServer.DEFAULT_PORT;
    if (port != null) {
      p = Integer.parseInt(port); // ConfigurationRules checked 1-5 digits, at most 65535
    }
    return new Url(scheme, host.toLowerCase(Locale.ROOT), p, transport);
  }
}
