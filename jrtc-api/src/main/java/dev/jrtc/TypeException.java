package dev.jrtc;

/** The DOM {@code TypeError}: an argument violates its WebIDL type (mapped to a JS TypeError). */
public final class TypeException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public TypeException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public TypeException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "TypeError"}. */
  @Override
  public String name() {
    return "TypeError";
  }
}
