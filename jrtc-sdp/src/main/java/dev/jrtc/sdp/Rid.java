package dev.jrtc.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=rid:<rid-id> <send|recv> [<rid-pt-param-list>]} (RFC 8851 §10), e.g.
 * {@code a send max-width=1280;max-height=720} or {@code 1 recv pt=96,97}. The parameters are kept
 * as written, one {@code key=value} (or bare key) per element.
 */
public record Rid(String id, String direction, List<String> params) {

  /** Checks the id is a token, the direction {@code send} or {@code recv}, and copies the params. */
  public Rid {
    Tokens.checkToken(id, "id");
    if (!"send".equals(direction) && !"recv".equals(direction)) {
      throw new IllegalArgumentException("rid direction must be send or recv: " + direction);
    }
    params = List.copyOf(params);
    params.forEach(p -> Tokens.checkToken(p, "param"));
  }

  /** Parses an attribute value. */
  public static Rid parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.size() < 2 || f.size() > 3) {
      throw SdpParseException.invalid(value, "rid must be <id> <send|recv> [<params>]");
    }
    if (!f.get(1).equals("send") && !f.get(1).equals("recv")) {
      throw SdpParseException.invalid(value, "rid direction must be send or recv");
    }
    List<String> params = new ArrayList<>();
    if (f.size() == 3) {
      for (String p : f.get(2).split(";")) {
        if (!p.isEmpty()) {
          params.add(p);
        }
      }
    }
    return new Rid(f.get(0), f.get(1), params);
  }

  /** The canonical value: {@code a send max-width=1280;max-height=720}. */
  public String toValue() {
    return params.isEmpty() ? id + ' ' + direction : id + ' ' + direction + ' ' + String.join(";", params);
  }
}
