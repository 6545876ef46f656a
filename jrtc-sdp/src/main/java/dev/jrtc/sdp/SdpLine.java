package dev.jrtc.sdp;

import java.util.function.Function;

/**
 * One line of a description: its type letter, its value (the exact text after {@code <type>=}),
 * its original terminator, and its 1-based line number.
 *
 * <p>This is what makes the round trip lossless: the writer emits {@code type=value} and the
 * terminator, and typed views are parsed from {@code value} on demand, never re-rendered. A line
 * built through a builder has a null terminator (the description's line ending is used) and line
 * number 0.
 */
record SdpLine(char type, String value, String eol, int number) {

  /** A line built through the API, with the description's line ending. */
  static SdpLine built(char type, String value) {
    return new SdpLine(type, value, null, 0);
  }

  /** A built {@code a=} line for an attribute. */
  static SdpLine of(Attribute a) {
    return built('a', a.toValue());
  }

  /** The line text without terminator: {@code type=value}. */
  String text() {
    return type + "=" + value;
  }

  /** This line with another value, keeping its terminator (a modified line is rendered canonically). */
  SdpLine withValue(String newValue) {
    return new SdpLine(type, newValue, eol, 0);
  }

  /** This line with the description's line ending. */
  SdpLine normalized() {
    return eol == null ? this : new SdpLine(type, value, null, number);
  }

  /**
   * True for {@code a=<name>} or {@code a=<name>:...}. Spaces after a flag attribute's name are
   * tolerated ({@code a=rtcp-mux }), as the parser accepts them.
   */
  boolean isAttribute(String name) {
    int n = name.length();
    if (type != 'a' || !value.startsWith(name)) {
      return false;
    }
    if (value.length() == n || value.charAt(n) == ':') {
      return true;
    }
    for (int i = n; i < value.length(); i++) {
      if (!Tokens.isSpace(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The attribute name of an {@code a=} line (a flag's trailing spaces dropped). */
  String attributeName() {
    int colon = value.indexOf(':');
    return colon < 0 ? Tokens.stripSpaces(value) : value.substring(0, colon);
  }

  /** The attribute value of an {@code a=} line, or "" for a flag attribute. */
  String attributeValue() {
    int colon = value.indexOf(':');
    return colon < 0 ? "" : value.substring(colon + 1);
  }

  /** The attribute of an {@code a=} line. */
  Attribute attribute() {
    int colon = value.indexOf(':');
    return colon < 0 ? new Attribute(Tokens.stripSpaces(value), null)
        : new Attribute(value.substring(0, colon), value.substring(colon + 1));
  }

  /** Parses this attribute's value with {@code parser}; an error names this line. */
  <T> T view(Function<String, T> parser) {
    return parse(parser, attributeValue());
  }

  /** Parses {@code text} (from this line) with {@code parser}; an error names this line. */
  <T> T parse(Function<String, T> parser, String text) {
    try {
      return parser.apply(text);
    } catch (SdpParseException e) {
      throw e.at(number, text());
    }
  }
}
