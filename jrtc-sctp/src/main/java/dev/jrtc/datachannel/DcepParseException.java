package dev.jrtc.datachannel;

/** A malformed DCEP message (RFC 8832 §5), naming what was wrong and where. */
public final class DcepParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A parse failure at {@code offset} bytes into the message. */
  public DcepParseException(String message, int offset) {
    super(message + " (at offset " + offset + ")");
  }
}
