package dev.jrtc;

/** The DOM {@code OperationError}: an operation failed for an operation-specific reason. */
public non-sealed class OperationException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public OperationException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public OperationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "OperationError"}. */
  @Override
  public String name() {
    return "OperationError";
  }
}
