package dev.jrtc.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15). The parameters are kept as
 * one string because their syntax belongs to each codec; {@link #parameterMap()} reads the common
 * {@code key=value;key=value} form.
 */
public record Fmtp(int payloadType, String parameters) {

  /** Checks the payload type is 0..127 and the parameters have no line break. */
  public Fmtp {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of range: " + payloadType);
    }
    Tokens.checkTrimmed(parameters, "parameters");
  }

  /** Parses an attribute value. */
  public static Fmtp parse(String value) {
    Tokens.clean(value);
    String v = Tokens.trim(value);
    int sp = Tokens.indexOfSpace(v, 0);
    String format = sp < 0 ? v : v.substring(0, sp);
    int pt = Tokens.parseInt(value, format, "payload type", 0, 127);
    String params = sp < 0 ? "" : Tokens.trim(v.substring(sp + 1));
    if (params.indexOf(0) >= 0 || params.indexOf('\r') >= 0 || params.indexOf('\n') >= 0) {
      throw SdpParseException.invalid(value, "fmtp contains CR, LF or NUL");
    }
    return new Fmtp(pt, params);
  }

  /**
   * The parameters as an ordered map: {@code a=b;c=d} gives {@code {a=b, c=d}}; spaces around each
   * part are ignored; a part without {@code =} (like {@code 0-15} for telephone-event) maps to "".
   * The first occurrence of a key wins.
   */
  public Map<String, String> parameterMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String part : parameters.split(";")) {
      String p = Tokens.trim(part);
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String key = eq < 0 ? p : Tokens.trim(p.substring(0, eq));
      String val = eq < 0 ? "" : Tokens.trim(p.substring(eq + 1));
      map.putIfAbsent(key, val);
    }
    return Collections.unmodifiableMap(map);
  }

  /** The canonical value: {@code 111 minptime=10;useinbandfec=1}. */
  public String toValue() {
    return parameters.isEmpty() ? Integer.toString(payloadType) : payloadType + " " + parameters;
  }
}
