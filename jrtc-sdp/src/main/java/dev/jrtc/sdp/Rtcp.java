package dev.jrtc.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code a=rtcp:<port> [<nettype> <addrtype> <connection-address>]} (RFC 3605 §2.1). */
public record Rtcp(int port, Optional<Connection> connection) {

  /** Checks the port range. */
  public Rtcp {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    Objects.requireNonNull(connection, "connection");
  }

  /** Parses an attribute value. */
  public static Rtcp parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.size() != 1 && f.size() != 4) {
      throw SdpParseException.invalid(value, "rtcp must be <port> [<nettype> <addrtype> <address>]");
    }
    int port = Tokens.parseInt(value, f.get(0), "port", 0, 65535);
    Optional<Connection> c = f.size() == 4
        ? Optional.of(new Connection(f.get(1), f.get(2), f.get(3)))
        : Optional.empty();
    return new Rtcp(port, c);
  }

  /** The canonical value: {@code 9 IN IP4 0.0.0.0}. */
  public String toValue() {
    return connection.map(c -> port + " " + c.toValue()).orElse(Integer.toString(port));
  }
}
