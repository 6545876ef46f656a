package dev.jrtc.sdp;

/**
 * Malformed SDP (RFC 8866) or a malformed attribute value.
 *
 * <p>When thrown while parsing a whole description, or by a typed view of a parsed
 * description ({@link MediaDescription#rtpMaps()} and friends), {@link #lineNumber()} is the
 * 1-based number of the offending line and {@link #line()} its text without the line terminator.
 * When thrown by a typed parser called directly ({@link RtpMap#parse(String)}), the line number is
 * 0 and {@link #line()} is the value that was given. Errors about the description as a whole
 * (too large, empty) have line number 0 and an empty line.
 */
public final class SdpParseException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  /** Longest line text quoted in the message; {@link #line()} keeps the whole line. */
  private static final int MAX_QUOTED = 200;

  private final int lineNumber;
  private final String line;
  private final String reason;

  /**
   * @param lineNumber 1-based line number, or 0 when not known
   * @param line the offending text (without line terminator), never null
   * @param reason what was wrong, in a few words
   */
  public SdpParseException(int lineNumber, String line, String reason) {
    super(message(lineNumber, line, reason));
    this.lineNumber = lineNumber;
    this.line = line == null ? "" : line;
    this.reason = reason;
  }

  /** An error from a typed attribute parser: no line number yet. */
  static SdpParseException invalid(String value, String reason) {
    return new SdpParseException(0, value, reason);
  }

  /** This error placed at a line of a description. */
  SdpParseException at(int number, String text) {
    SdpParseException e = new SdpParseException(number, text, reason);
    e.initCause(this);
    return e;
  }

  /** The 1-based line number, or 0 when the error is not tied to a line of a description. */
  public int lineNumber() {
    return lineNumber;
  }

  /** The offending line (or value) without its line terminator; empty when not applicable. */
  public String line() {
    return line;
  }

  /** What was wrong, without the line number and text. */
  public String reason() {
    return reason;
  }

  private static String message(int lineNumber, String line, String reason) {
    String quoted = line == null ? "" : line;
    if (quoted.length() > MAX_QUOTED) {
      quoted = quoted.substring(0, MAX_QUOTED) + "...";
    }
    if (lineNumber > 0) {
      return "line " + lineNumber + ": \"" + quoted + "\": " + reason;
    }
    if (!quoted.isEmpty()) {
      return "\"" + quoted + "\": " + reason;
    }
    return reason;
  }
}
