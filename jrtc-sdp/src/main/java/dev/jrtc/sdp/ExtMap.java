package dev.jrtc.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]} (RFC 8285 §8): an RTP header
 * extension. Ids are 1..255, or 4096..4351 (RFC 8285 §5, reserved for negotiation).
 */
public record ExtMap(int id, Optional<Direction> direction, String uri, Optional<String> extensionAttributes) {

  /** Checks the id range and that the URI is a token. */
  public ExtMap {
    if (!validId(id)) {
      throw new IllegalArgumentException("extmap id out of range: " + id);
    }
    Objects.requireNonNull(direction, "direction");
    Tokens.checkToken(uri, "uri");
    Objects.requireNonNull(extensionAttributes, "extensionAttributes");
    extensionAttributes.ifPresent(a -> Tokens.checkTrimmed(a, "extensionAttributes"));
  }

  /** {@code <id> <uri>}. */
  public ExtMap(int id, String uri) {
    this(id, Optional.empty(), uri, Optional.empty());
  }

  private static boolean validId(int id) {
    return (id >= 1 && id <= 255) || (id >= 4096 && id <= 4351);
  }

  /** Parses an attribute value. */
  public static ExtMap parse(String value) {
    Tokens.clean(value);
    String v = Tokens.trim(value);
    int sp = Tokens.indexOfSpace(v, 0);
    if (sp < 0) {
      throw SdpParseException.invalid(value, "extmap must be <id>[/<direction>] <uri>");
    }
    String head = v.substring(0, sp);
    int slash = head.indexOf('/');
    int id = Tokens.parseInt(value, slash < 0 ? head : head.substring(0, slash), "extmap id", 0, 65535);
    if (!validId(id)) {
      throw SdpParseException.invalid(value, "extmap id is out of range (1..255, 4096..4351)");
    }
    Optional<Direction> dir = Optional.empty();
    if (slash >= 0) {
      Direction d = Direction.find(head.substring(slash + 1));
      if (d == null) {
        throw SdpParseException.invalid(value, "extmap direction is unknown");
      }
      dir = Optional.of(d);
    }
    String rest = Tokens.trim(v.substring(sp + 1));
    int sp2 = Tokens.indexOfSpace(rest, 0);
    String uri = sp2 < 0 ? rest : rest.substring(0, sp2);
    Optional<String> attrs = sp2 < 0 ? Optional.empty() : Optional.of(Tokens.trim(rest.substring(sp2 + 1)));
    return new ExtMap(id, dir, uri, attrs);
  }

  /** The canonical value: {@code 2/recvonly urn:ietf:params:rtp-hdrext:sdes:mid}. */
  public String toValue() {
    StringBuilder sb = new StringBuilder().append(id);
    direction.ifPresent(d -> sb.append('/').append(d.value()));
    sb.append(' ').append(uri);
    extensionAttributes.ifPresent(a -> sb.append(' ').append(a));
    return sb.toString();
  }
}
