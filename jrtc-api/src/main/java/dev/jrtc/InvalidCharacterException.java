package dev.jrtc;

/** The DOM {@code InvalidCharacterError}: a string contains a character that is not allowed. */
public final class InvalidCharacterException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidCharacterException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public InvalidCharacterException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "InvalidCharacterError"}. */
  @Override
  public String name() {
    return "InvalidCharacterError";
  }
}
