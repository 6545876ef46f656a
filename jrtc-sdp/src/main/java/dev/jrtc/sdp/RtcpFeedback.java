package dev.jrtc.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=rtcp-fb:<payload type or *> <type> [<parameter>]} (RFC 4585 §4.2), e.g.
 * {@code 96 nack pli} or {@code * ccm fir}. The parameter is the rest of the value after the type.
 */
public record RtcpFeedback(String payloadType, String type, Optional<String> parameter) {

  /** Checks the payload type is {@code *} or a number and the type is a token. */
  public RtcpFeedback {
    Tokens.checkToken(payloadType, "payloadType");
    Tokens.checkToken(type, "type");
    Objects.requireNonNull(parameter, "parameter");
    parameter.ifPresent(p -> Tokens.checkTrimmed(p, "parameter"));
  }

  /** {@code <pt> <type>} without parameter. */
  public RtcpFeedback(int payloadType, String type) {
    this(Integer.toString(payloadType), type, Optional.empty());
  }

  /** {@code <pt> <type> <parameter>}. */
  public RtcpFeedback(int payloadType, String type, String parameter) {
    this(Integer.toString(payloadType), type, Optional.of(parameter));
  }

  /** Parses an attribute value. */
  public static RtcpFeedback parse(String value) {
    Tokens.clean(value);
    String v = Tokens.trim(value);
    int sp = Tokens.indexOfSpace(v, 0);
    if (sp < 0) {
      throw SdpParseException.invalid(value, "rtcp-fb must be <payload type> <type> [<parameter>]");
    }
    String pt = v.substring(0, sp);
    if (!pt.equals("*")) {
      Tokens.parseInt(value, pt, "payload type", 0, 127);
    }
    String rest = Tokens.trim(v.substring(sp + 1));
    int sp2 = Tokens.indexOfSpace(rest, 0);
    String type = sp2 < 0 ? rest : rest.substring(0, sp2);
    Optional<String> param = sp2 < 0 ? Optional.empty() : Optional.of(Tokens.trim(rest.substring(sp2 + 1)));
    return new RtcpFeedback(pt, type, param);
  }

  /** True when this feedback applies to every payload type ({@code *}). */
  public boolean isWildcard() {
    return payloadType.equals("*");
  }

  /** The canonical value: {@code 96 nack pli}. */
  public String toValue() {
    return parameter.map(p -> payloadType + ' ' + type + ' ' + p).orElse(payloadType + ' ' + type);
  }
}
