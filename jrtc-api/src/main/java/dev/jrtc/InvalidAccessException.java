package dev.jrtc;

/** The DOM {@code InvalidAccessError}: the argument is not usable here (e.g. an m-line or ufrag mismatch, an expired certificate). */
public final class InvalidAccessException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidAccessException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public InvalidAccessException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "InvalidAccessError"}. */
  @Override
  public String name() {
    return "InvalidAccessError";
  }
}
