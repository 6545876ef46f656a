package dev.jrtc.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1), e.g. {@code 1234 cname:abc} or
 * {@code 1234 msid:stream track}. The ssrc is an unsigned 32-bit number.
 */
public record SsrcAttribute(long ssrc, String attribute, Optional<String> value) {

  /** Checks the ssrc range and that the attribute name is a token. */
  public SsrcAttribute {
    if (ssrc < 0 || ssrc > 0xffffffffL) {
      throw new IllegalArgumentException("ssrc out of range: " + ssrc);
    }
    Tokens.checkToken(attribute, "attribute");
    Objects.requireNonNull(value, "value");
    value.ifPresent(v -> Tokens.checkTrimmed(v, "value"));
  }

  /** {@code <ssrc> <attribute>:<value>}. */
  public SsrcAttribute(long ssrc, String attribute, String value) {
    this(ssrc, attribute, Optional.of(value));
  }

  /** Parses an attribute value. */
  public static SsrcAttribute parse(String value) {
    Tokens.clean(value);
    String v = Tokens.trim(value);
    int sp = Tokens.indexOfSpace(v, 0);
    if (sp < 0) {
      throw SdpParseException.invalid(value, "ssrc must be <ssrc-id> <attribute>[:<value>]");
    }
    long ssrc = Tokens.parseLong(value, v.substring(0, sp), "ssrc", 0, 0xffffffffL);
    String rest = Tokens.trim(v.substring(sp + 1));
    int colon = rest.indexOf(':');
    String name = colon < 0 ? rest : rest.substring(0, colon);
    if (name.isEmpty() || Tokens.indexOfSpace(name, 0) >= 0) {
      throw SdpParseException.invalid(value, "ssrc attribute name is not a token");
    }
    return new SsrcAttribute(ssrc, name, colon < 0 ? Optional.empty() : Optional.of(Tokens.trim(rest.substring(colon + 1))));
  }

  /** The canonical value: {@code 1234 cname:abc}. */
  public String toValue() {
    return value.map(v -> ssrc + " " + attribute + ':' + v).orElse(ssrc + " " + attribute);
  }
}
