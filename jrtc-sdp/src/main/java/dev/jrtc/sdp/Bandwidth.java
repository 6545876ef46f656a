package dev.jrtc.sdp;


/**
 * The {@code b=} line (RFC 8866 §5.8): {@code <bwtype>:<bandwidth>}, for example {@code AS:512}
 * (kbit/s) or {@code TIAS:512000} (bit/s, RFC 3890).
 */
public record Bandwidth(String type, long value) {

  /** Checks the type is a token and the value is not negative. */
  public Bandwidth {
    Tokens.checkToken(type, "type");
    if (type.indexOf(':') >= 0) {
      throw new IllegalArgumentException("bandwidth type contains ':': " + type);
    }
    if (value < 0) {
      throw new IllegalArgumentException("bandwidth is negative: " + value);
    }
  }

  /** Parses the value of a {@code b=} line. */
  public static Bandwidth parse(String value) {
    Tokens.clean(value);
    String v = Tokens.trim(value);
    int colon = v.indexOf(':');
    if (colon <= 0) {
      throw SdpParseException.invalid(value, "bandwidth must be <type>:<value>");
    }
    String type = Tokens.trim(v.substring(0, colon));
    if (type.isEmpty() || Tokens.indexOfSpace(type, 0) >= 0) {
      throw SdpParseException.invalid(value, "bandwidth type is not a token");
    }
    long bw = Tokens.parseLong(value, Tokens.trim(v.substring(colon + 1)), "bandwidth", 0, Long.MAX_VALUE);
    return new Bandwidth(type, bw);
  }

  /** The canonical value: {@code AS:512}. */
  public String toValue() {
    return type + ':' + value;
  }
}
