package dev.jrtc.internal.net;

import dev.jrtc.turn.TurnTransport;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TURN server to allocate a relayed candidate on (RFC 8656), as an {@code RTCIceServer}
 * {@code turn:} or {@code turns:} URL names it (RFC 7065), with its long-term credentials.
 * Internal, not API: the connection builds it from the configuration.
 *
 * <p>The host is an IP literal or a name that the ICE runtime resolves when it gathers
 * ({@link NetworkSettings#resolver()}), never on the loop or an I/O thread. For {@code turns:}
 * the host is also the name the server's certificate must match (RFC 8656 §4, RFC 6125; an IP
 * literal is matched against the certificate's IP addresses).
 *
 * @param url the URL as configured: the W3C {@code icecandidateerror} and
 *     {@code RTCIceCandidate.url} carry it
 * @param host a host name or an IP literal (without brackets)
 * @param port the server port (RFC 7065 §3: 3478 for turn:, 5349 for turns:, unless given)
 * @param transport UDP or TCP to the server ({@code ?transport=}), or TLS for {@code turns:}
 * @param username the long-term username
 * @param password the long-term password
 */
public record TurnServer(String url, String host, int port, TurnTransport transport, String username,
    String password) {
  /** RFC 7065 §3 default port of turn: (UDP and TCP). */
  public static final int DEFAULT_PORT = 3478;
  /** RFC 7065 §3 default port of turns:. */
  public static final int DEFAULT_TLS_PORT = 5349;

  /** Validates the fields. */
  public TurnServer {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("TURN server host is empty: " + url);
    }
    if (port < 1 || port > 0xffff) {
      throw new IllegalArgumentException("TURN server port out of range: " + port);
    }
  }

  /** A server over UDP at a resolved address (its URL is {@code turn:ADDRESS:PORT}). */
  public TurnServer(InetSocketAddress address, String username, String password) {
    this(urlOf("turn", requireResolved(address).getAddress(), address.getPort(), null),
        address.getAddress().getHostAddress(), address.getPort(), TurnTransport.UDP, username, password);
  }

  /**
   * A server at a resolved address over {@code transport}, with the URL a browser would show
   * for it ({@code turn:A:P?transport=tcp}, {@code turns:A:P}).
   */
  public static TurnServer at(InetSocketAddress address, TurnTransport transport, String username,
      String password) {
    requireResolved(address);
    String url = transport == TurnTransport.TLS ? urlOf("turns", address.getAddress(), address.getPort(), null)
        : urlOf("turn", address.getAddress(), address.getPort(), transport == TurnTransport.TCP ? "tcp" : null);
    return new TurnServer(url, address.getAddress().getHostAddress(), address.getPort(), transport, username,
        password);
  }

  private static InetSocketAddress requireResolved(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("TURN server address is not resolved: " + address);
    }
    return address;
  }

  private static String urlOf(String scheme, InetAddress a, int port, String transport) {
    String h = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    return scheme + ":" + h + ":" + port + (transport != null ? "?transport=" + transport : "");
  }

  /** The host as an address when it is an IP literal (no lookup), else null. */
  public InetAddress literal() {
    return IpLiteral.parse(host);
  }

  @Override
  public String toString() {
    return "TurnServer[" + url + ", username=" + username + ", password=<hidden>]";
  }
}
