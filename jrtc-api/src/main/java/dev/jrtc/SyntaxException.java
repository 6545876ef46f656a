package dev.jrtc;

/** The DOM {@code SyntaxError}: a string does not match the expected syntax (e.g. an ICE server URL). */
public final class SyntaxException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public SyntaxException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public SyntaxException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "SyntaxError"}. */
  @Override
  public String name() {
    return "SyntaxError";
  }
}
