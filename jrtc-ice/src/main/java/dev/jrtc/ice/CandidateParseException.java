package dev.jrtc.ice;

/** A candidate attribute (RFC 8839 §5.1) could not be parsed; the message names the defect. */
public final class CandidateParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public CandidateParseException(String message) {
    super(message);
  }
}
