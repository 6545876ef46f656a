package dev.jrtc.sdp;

import java.util.List;

/**
 * The legacy session-level {@code a=msid-semantic} attribute (draft-ietf-mmusic-msid-00), still
 * written by Chromium as {@code a=msid-semantic: WMS <stream ids>} and by Firefox as
 * {@code a=msid-semantic:WMS *}.
 */
public record MsidSemantic(String semantic, List<String> ids) {

  /** Copies the list and checks every element is a token. */
  public MsidSemantic {
    Tokens.checkToken(semantic, "semantic");
    ids = List.copyOf(ids);
    ids.forEach(i -> Tokens.checkToken(i, "id"));
  }

  /** Parses an attribute value; spaces around the semantic are ignored. */
  public static MsidSemantic parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.isEmpty()) {
      throw SdpParseException.invalid(value, "msid semantic is missing");
    }
    return new MsidSemantic(f.get(0), f.subList(1, f.size()));
  }

  /**
   * The value as Chromium writes it, with a space after the colon: {@code " WMS id1 id2"}, so that
   * {@code a=msid-semantic: WMS id1} comes out of the builder exactly as libwebrtc writes it.
   */
  public String toValue() {
    StringBuilder sb = new StringBuilder(" ").append(semantic);
    for (String id : ids) {
      sb.append(' ').append(id);
    }
    return sb.toString();
  }
}
