package dev.jrtc.sdp;

import java.util.List;

/** {@code a=group:<semantics> *(SP <identification-tag>)} (RFC 5888 §5), e.g. {@code BUNDLE 0 1} (RFC 9143). */
public record Group(String semantics, List<String> mids) {

  /** Copies the list and checks every element is a token. */
  public Group {
    Tokens.checkToken(semantics, "semantics");
    mids = List.copyOf(mids);
    mids.forEach(m -> Tokens.checkToken(m, "mid"));
  }

  /** Parses an attribute value. */
  public static Group parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.isEmpty()) {
      throw SdpParseException.invalid(value, "group semantics is missing");
    }
    return new Group(f.get(0), f.subList(1, f.size()));
  }

  /** The canonical value: {@code BUNDLE 0 1 2}. */
  public String toValue() {
    StringBuilder sb = new StringBuilder(semantics);
    for (String m : mids) {
      sb.append(' ').append(m);
    }
    return sb.toString();
  }
}
