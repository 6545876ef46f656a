package dev.jrtc.sctp;

/**
 * Malformed SCTP input: a packet, chunk or parameter that does not follow RFC 9260 §3 (or RFC
 * 3758 / RFC 6525 for the extension chunks). Names what was wrong and the byte offset where the
 * parser noticed it. The association drops such packets and counts them; it never lets this
 * exception out to the caller.
 */
public final class SctpParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  /** A parse failure at {@code offset} bytes into the input. */
  public SctpParseException(String message, int offset) {
    super(message + " (at offset " + offset + ")");
    this.offset = offset;
  }

  /** The byte offset into the parsed input at which the problem was found. */
  public int offset() {
    return offset;
  }
}
