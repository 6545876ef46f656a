package dev.jrtc;

/** The DOM {@code UnknownError}: an operation failed for an unknown, transient reason. */
public final class UnknownException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public UnknownException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public UnknownException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "UnknownError"}. */
  @Override
  public String name() {
    return "UnknownError";
  }
}
