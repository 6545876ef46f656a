package dev.jrtc.sdp;

import java.util.List;
import java.util.OptionalInt;

/**
 * The legacy {@code a=sctpmap:<port> <app> [<streams>]} of draft-ietf-mmusic-sctp-sdp-05, e.g.
 * {@code 5000 webrtc-datachannel 1024}, still sent by old peers with {@code m=application <port>
 * DTLS/SCTP 5000}. RFC 8841 replaced it with {@code a=sctp-port}.
 */
public record SctpMap(int port, String app, OptionalInt streams) {

  /** Checks the port range and that the app is a token. */
  public SctpMap {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    Tokens.checkToken(app, "app");
    if (streams.isPresent() && streams.getAsInt() < 0) {
      throw new IllegalArgumentException("streams is negative");
    }
  }

  /** Parses an attribute value. */
  public static SctpMap parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.size() != 2 && f.size() != 3) {
      throw SdpParseException.invalid(value, "sctpmap must be <port> <app> [<streams>]");
    }
    int port = Tokens.parseInt(value, f.get(0), "port", 0, 65535);
    OptionalInt streams = f.size() == 3
        ? OptionalInt.of(Tokens.parseInt(value, f.get(2), "streams", 0, 65535))
        : OptionalInt.empty();
    return new SctpMap(port, f.get(1), streams);
  }

  /** The canonical value: {@code 5000 webrtc-datachannel 1024}. */
  public String toValue() {
    return streams.isPresent() ? port + " " + app + " " + streams.getAsInt() : port + " " + app;
  }
}
