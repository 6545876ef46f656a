package dev.jrtc.sdp;

/**
 * An {@code a=} line (RFC 8866 §5.13): {@code a=<name>:<value>}, or {@code a=<name>} for a flag
 * attribute, whose {@code value} is null.
 *
 * <p>The value is the exact text after the first colon, leading spaces included
 * ({@code a=msid-semantic: WMS} has the value {@code " WMS"}), so that writing it back gives the
 * same line.
 */
public record Attribute(String name, String value) {

  /** Checks the name is a non-empty token without a colon, and the value has no line break. */
  public Attribute {
    Tokens.checkToken(name, "attribute name");
    if (name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("attribute name contains ':': " + name);
    }
    if (value != null) {
      Tokens.checkText(value, "attribute value");
    }
  }

  /** A flag attribute such as {@code a=rtcp-mux}. */
  public static Attribute flag(String name) {
    return new Attribute(name, null);
  }

  /** Parses the text after {@code a=}; a flag attribute's trailing spaces are dropped. */
  public static Attribute parse(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') {
        throw SdpParseException.invalid(text, "attribute contains CR, LF or NUL");
      }
    }
    int colon = text.indexOf(':');
    // A flag attribute may carry trailing spaces (a=rtcp-mux ); they are not part of its name.
    String name = colon < 0 ? Tokens.stripSpaces(text) : text.substring(0, colon);
    if (name.isEmpty()) {
      throw SdpParseException.invalid(text, "attribute name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Tokens.isSpace(c) || c == 0 || c == '\r' || c == '\n') {
        throw SdpParseException.invalid(text, "attribute name contains a space");
      }
    }
    return new Attribute(name, colon < 0 ? null : text.substring(colon + 1));
  }

  /** True for a flag attribute (no colon, no value). */
  public boolean isFlag() {
    return value == null;
  }

  /** The text after {@code a=}: {@code name} or {@code name:value}. */
  public String toValue() {
    return value == null ? name : name + ':' + value;
  }
}
