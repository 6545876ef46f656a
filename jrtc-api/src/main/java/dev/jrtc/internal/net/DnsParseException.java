package dev.jrtc.internal.net;

/** A DNS message (RFC 1035 §4) that cannot be parsed, with the offset where it went wrong. */
final class DnsParseException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int offset;

  DnsParseException(String message, int offset) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  /** The byte offset of the problem. */
  int offset() {
    return offset;
  }
}
