package dev.jrtc.sdp;

import java.util.ArrayList;
import java.util.List;

/** {@code a=ssrc-group:<semantics> *(SP <ssrc-id>)} (RFC 5576 §4.2), e.g. {@code FID 1 2} (RFC 4588). */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

  /** Copies the list and checks every ssrc is an unsigned 32-bit number. */
  public SsrcGroup {
    Tokens.checkToken(semantics, "semantics");
    ssrcs = List.copyOf(ssrcs);
    for (long s : ssrcs) {
      if (s < 0 || s > 0xffffffffL) {
        throw new IllegalArgumentException("ssrc out of range: " + s);
      }
    }
  }

  /** Parses an attribute value. */
  public static SsrcGroup parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.isEmpty()) {
      throw SdpParseException.invalid(value, "ssrc-group semantics is missing");
    }
    List<Long> ssrcs = new ArrayList<>();
    for (String s : f.subList(1, f.size())) {
      ssrcs.add(Tokens.parseLong(value, s, "ssrc", 0, 0xffffffffL));
    }
    return new SsrcGroup(f.get(0), ssrcs);
  }

  /** The canonical value: {@code FID 1 2}. */
  public String toValue() {
    StringBuilder sb = new StringBuilder(semantics);
    for (long s : ssrcs) {
      sb.append(' ').append(s);
    }
    return sb.toString();
  }
}
