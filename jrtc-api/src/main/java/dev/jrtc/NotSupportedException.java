package dev.jrtc;

/** The DOM {@code NotSupportedError}: the operation or algorithm is not supported. */
public final class NotSupportedException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public NotSupportedException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public NotSupportedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "NotSupportedError"}. */
  @Override
  public String name() {
    return "NotSupportedError";
  }
}
