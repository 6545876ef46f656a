package dev.jrtc.sdp;

import java.util.ArrayList;
import java.util.List;

/** Small lexical helpers shared by the SDP parsers. Every failure is an {@link SdpParseException}. */
final class Tokens {

  private Tokens() {}

  /**
   * Fails unless {@code value} is non-null and free of CR, LF and NUL, which no attribute value
   * may hold (RFC 8866 §9 {@code byte-string}).
   */
  static String clean(String value) {
    if (value == null) {
      throw new NullPointerException("value");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw SdpParseException.invalid(value, "value contains CR, LF or NUL");
      }
    }
    return value;
  }

  /** Splits on runs of spaces and tabs, ignoring leading and trailing ones. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  /** {@code s} without leading and trailing spaces and tabs (SDP's only whitespace). */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /** Like {@link #checkText}, and no leading or trailing space, which a parser would not keep. */
  static String checkTrimmed(String s, String what) {
    checkText(s, what);
    if (!trim(s).equals(s)) {
      throw new IllegalArgumentException(what + " has leading or trailing spaces: \"" + s + "\"");
    }
    return s;
  }

  /** {@code s} without trailing spaces and tabs. */
  static String stripSpaces(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** Index of the first space or tab in {@code s} at or after {@code from}, or -1. */
  static int indexOfSpace(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (isSpace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Parses a decimal integer in {@code [min, max]}; {@code what} names it in the error. */
  static int parseInt(String value, String s, String what, int min, int max) {
    long v = parseLong(value, s, what, min, max);
    return (int) v;
  }

  /** Parses a decimal long in {@code [min, max]} (digits only, no sign). */
  static long parseLong(String value, String s, String what, long min, long max) {
    if (s.isEmpty() || s.length() > 19) {
      throw SdpParseException.invalid(value, s.isEmpty() ? what + " is missing" : what + " is not a number");
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw SdpParseException.invalid(value, what + " is not a number");
      }
      v = v * 10 + (c - '0');
      if (v < 0) {
        throw SdpParseException.invalid(value, what + " is out of range");
      }
    }
    if (v < min || v > max) {
      throw SdpParseException.invalid(value, what + " is out of range (" + min + ".." + max + ")");
    }
    return v;
  }

  /** Parses an unsigned 64-bit decimal (RFC 8866 sess-version), returned as its two's-complement long. */
  static long parseUnsigned64(String value, String s, String what) {
    if (s.isEmpty()) {
      throw SdpParseException.invalid(value, what + " is missing");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw SdpParseException.invalid(value, what + " is not a number");
      }
    }
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw SdpParseException.invalid(value, what + " is out of range");
    }
  }

  /** Fails unless {@code s} is non-empty. */
  static String require(String value, String s, String what) {
    if (s == null || s.isEmpty()) {
      throw SdpParseException.invalid(value, what + " is missing");
    }
    return s;
  }

  /** Fails when a value built through the API holds a character that would break the line. */
  static String checkText(String s, String what) {
    if (s == null) {
      throw new NullPointerException(what);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException(what + " contains CR, LF or NUL: " + s);
      }
    }
    return s;
  }

  /** Fails when a token built through the API is empty or holds a space or line break. */
  static String checkToken(String s, String what) {
    checkText(s, what);
    if (s.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    for (int i = 0; i < s.length(); i++) {
      if (isSpace(s.charAt(i))) {
        throw new IllegalArgumentException(what + " contains a space: " + s);
      }
    }
    return s;
  }
}
