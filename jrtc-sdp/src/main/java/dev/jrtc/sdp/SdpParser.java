package dev.jrtc.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Splits SDP text into lines and sections and checks the structure of RFC 8866 §5. Each line keeps
 * its terminator so the writer can reproduce the input byte for byte.
 */
final class SdpParser {

  /** Largest accepted description, in UTF-8 bytes (1 MiB). */
  static final int MAX_SDP_BYTES = 1 << 20;
  /** Largest accepted line, in characters without the terminator (64 KiB). */
  static final int MAX_LINE_CHARS = 1 << 16;

  /** Line types that belong only to the session section (RFC 8866 §5). */
  private static final String SESSION_ONLY = "vosuepzrt";

  private SdpParser() {}

  static SessionDescription parse(String sdp) {
    Objects.requireNonNull(sdp, "sdp");
    if (sdp.length() > MAX_SDP_BYTES || (sdp.length() > MAX_SDP_BYTES / 3 && utf8Length(sdp) > MAX_SDP_BYTES)) {
      throw new SdpParseException(0, "", "SDP is larger than " + MAX_SDP_BYTES + " bytes");
    }
    // Split into lines; "\n" ends a line, a "\r" just before it belongs to the terminator.
    List<String> texts = new ArrayList<>();
    List<String> eols = new ArrayList<>();
    int n = sdp.length();
    int start = 0;
    while (start < n) {
      int nl = sdp.indexOf('\n', start);
      if (nl < 0) {
        texts.add(sdp.substring(start));
        eols.add("");
        break;
      }
      boolean crlf = nl > start && sdp.charAt(nl - 1) == '\r';
      texts.add(sdp.substring(start, crlf ? nl - 1 : nl));
      eols.add(crlf ? "\r\n" : "\n");
      start = nl + 1;
    }
    // Blank lines after the last line are kept verbatim as a trailer.
    int count = texts.size();
    while (count > 0 && texts.get(count - 1).isBlank()) {
      count--;
    }
    if (count == 0) {
      throw new SdpParseException(0, "", "SDP is empty");
    }
    StringBuilder trailer = new StringBuilder();
    for (int i = count; i < texts.size(); i++) {
      trailer.append(texts.get(i)).append(eols.get(i));
    }

    List<SdpLine> session = new ArrayList<>();
    List<MediaDescription> media = new ArrayList<>();
    List<SdpLine> current = null;
    boolean sawTiming = false;
    for (int i = 0; i < count; i++) {
      int number = i + 1;
      String text = texts.get(i);
      checkLine(number, text);
      char type = text.charAt(0);
      SdpLine line = new SdpLine(type, text.substring(2), eols.get(i), number);
      // RFC 8866 §5: v=, o=, s= come first, in this order.
      if (i < 3) {
        char expected = "vos".charAt(i);
        if (type != expected) {
          throw new SdpParseException(number, text, "expected " + expected + "= line");
        }
      } else if (type == 'v' || type == 'o' || type == 's') {
        throw new SdpParseException(number, text, "duplicate " + type + "= line");
      }
      if (type == 'm') {
        if (!sawTiming) {
          throw new SdpParseException(number, text, "t= line missing before the first m= line");
        }
        if (current != null) {
          media.add(MediaDescription.fromLines(current));
        }
        current = new ArrayList<>();
      } else if (current != null && SESSION_ONLY.indexOf(type) >= 0) {
        throw new SdpParseException(number, text, type + "= line is not allowed in a media description");
      }
      validate(line);
      if (type == 't') {
        sawTiming = true;
      }
      (current == null ? session : current).add(line);
    }
    if (current != null) {
      media.add(MediaDescription.fromLines(current));
    }
    if (!sawTiming) {
      throw new SdpParseException(count + 1, "", "t= line missing");
    }
    String eol = eols.get(0).isEmpty() ? "\r\n" : eols.get(0);
    return new SessionDescription(Collections.unmodifiableList(session), Collections.unmodifiableList(media),
        trailer.toString(), eol);
  }

  /** RFC 8866 §5: {@code <type>=<value>}, type one letter; no NUL or stray CR. */
  private static void checkLine(int number, String text) {
    if (text.length() > MAX_LINE_CHARS) {
      throw new SdpParseException(number, text, "line is longer than " + MAX_LINE_CHARS + " characters");
    }
    if (text.isBlank()) {
      throw new SdpParseException(number, text, "empty line");
    }
    char type = text.charAt(0);
    boolean letter = (type >= 'a' && type <= 'z') || (type >= 'A' && type <= 'Z');
    if (text.length() < 2 || !letter || text.charAt(1) != '=') {
      throw new SdpParseException(number, text, "expected <type>=<value>");
    }
    for (int i = 2; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0 || c == '\r') {
        throw new SdpParseException(number, text, c == 0 ? "line contains NUL" : "line contains a stray CR");
      }
    }
  }

  /** Checks the syntax of the lines the model reads eagerly. */
  private static void validate(SdpLine line) {
    switch (line.type()) {
      case 'c' -> line.parse(Connection::parse, line.value());
      case 'b' -> line.parse(Bandwidth::parse, line.value());
      case 't' -> line.parse(Timing::parse, line.value());
      case 'a' -> checkAttributeName(line);
      default -> { }
    }
  }

  /**
   * RFC 8866 §9 {@code attribute = (attribute-name ":" attribute-value) / attribute-name}: the
   * name is a non-empty token; a flag attribute may be followed by spaces. Checked without
   * allocating, as most lines of a description are attributes.
   */
  private static void checkAttributeName(SdpLine line) {
    String v = line.value();
    int colon = v.indexOf(':');
    int end = colon < 0 ? v.length() : colon;
    if (colon < 0) {
      while (end > 0 && Tokens.isSpace(v.charAt(end - 1))) {
        end--;
      }
    }
    if (end == 0) {
      throw new SdpParseException(line.number(), line.text(), "attribute name is empty");
    }
    for (int i = 0; i < end; i++) {
      if (Tokens.isSpace(v.charAt(i))) {
        throw new SdpParseException(line.number(), line.text(), "attribute name contains a space");
      }
    }
  }

  private static long utf8Length(String s) {
    long len = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        len++;
      } else if (c < 0x800) {
        len += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        len += 4;
        i++;
      } else {
        len += 3;
      }
    }
    return len;
  }
}
