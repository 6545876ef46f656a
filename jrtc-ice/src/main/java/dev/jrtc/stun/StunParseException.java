package dev.jrtc.stun;

/**
 * A STUN message (RFC 8489 §5) or one of its attributes (§14) could not be parsed. The message
 * says what was wrong and {@link #offset()} where in the datagram it was found.
 */
public final class StunParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  /** Creates an exception for a defect found at {@code offset} bytes into the datagram. */
  public StunParseException(String message, int offset) {
    super(message + " (at offset " + offset + ")");
    this.offset = offset;
  }

  /** Byte offset in the datagram where the defect was found. */
  public int offset() {
    return offset;
  }
}
