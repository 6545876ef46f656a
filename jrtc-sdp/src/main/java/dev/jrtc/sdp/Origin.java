package dev.jrtc.sdp;

import java.util.List;

/**
 * The {@code o=} line (RFC 8866 §5.2): {@code <username> <sess-id> <sess-version> <nettype>
 * <addrtype> <unicast-address>}.
 *
 * <p>{@code sessionVersion} is an unsigned 64-bit number held in a {@code long}; values above
 * {@link Long#MAX_VALUE} are negative here and written back unsigned.
 */
public record Origin(String username, String sessionId, long sessionVersion,
    String netType, String addrType, String address) {

  /** Checks that every field is a non-empty token. */
  public Origin {
    Tokens.checkToken(username, "username");
    Tokens.checkToken(sessionId, "sessionId");
    Tokens.checkToken(netType, "netType");
    Tokens.checkToken(addrType, "addrType");
    Tokens.checkToken(address, "address");
  }

  /** Parses the value of an {@code o=} line (the text after {@code o=}). */
  public static Origin parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.size() != 6) {
      throw SdpParseException.invalid(value, "origin must have 6 fields, found " + f.size());
    }
    long version = Tokens.parseUnsigned64(value, f.get(2), "session version");
    return new Origin(f.get(0), f.get(1), version, f.get(3), f.get(4), f.get(5));
  }

  /** The canonical {@code o=} value: the six fields separated by one space. */
  public String toValue() {
    return username + ' ' + sessionId + ' ' + Long.toUnsignedString(sessionVersion) + ' '
        + netType + ' ' + addrType + ' ' + address;
  }

  /** Same as {@link #toValue()}. */
  @Override
  public String toString() {
    return toValue();
  }
}
