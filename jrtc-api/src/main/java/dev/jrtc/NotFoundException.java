package dev.jrtc;

/** The DOM {@code NotFoundError}: the object asked for does not exist. */
public final class NotFoundException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public NotFoundException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "NotFoundError"}. */
  @Override
  public String name() {
    return "NotFoundError";
  }
}
