package dev.jrtc.sdp;

import java.util.List;

/**
 * The {@code c=} line (RFC 8866 §5.7): {@code <nettype> <addrtype> <connection-address>}. The
 * address keeps any {@code /ttl} and {@code /number} suffix of a multicast address.
 */
public record Connection(String netType, String addrType, String address) {

  /** Checks that every field is a non-empty token. */
  public Connection {
    Tokens.checkToken(netType, "netType");
    Tokens.checkToken(addrType, "addrType");
    Tokens.checkToken(address, "address");
  }

  /** {@code IN IP4 <address>}. */
  public static Connection ip4(String address) {
    return new Connection("IN", "IP4", address);
  }

  /** {@code IN IP6 <address>}. */
  public static Connection ip6(String address) {
    return new Connection("IN", "IP6", address);
  }

  /** Parses the value of a {@code c=} line. */
  public static Connection parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.size() != 3) {
      throw SdpParseException.invalid(value, "connection must have 3 fields, found " + f.size());
    }
    return new Connection(f.get(0), f.get(1), f.get(2));
  }

  /** The canonical value: {@code IN IP4 0.0.0.0}. */
  public String toValue() {
    return netType + ' ' + addrType + ' ' + address;
  }

  /** Same as {@link #toValue()}. */
  @Override
  public String toString() {
    return toValue();
  }
}
