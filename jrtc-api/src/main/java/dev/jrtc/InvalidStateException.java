package dev.jrtc;

/** The DOM {@code InvalidStateError}: the object is closed or in the wrong state for the call. */
public final class InvalidStateException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidStateException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public InvalidStateException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "InvalidStateError"}. */
  @Override
  public String name() {
    return "InvalidStateError";
  }
}
