package dev.jrtc;

/** The DOM {@code RangeError}: a number is outside its allowed range (mapped to a JS RangeError). */
public final class RangeException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public RangeException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public RangeException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "RangeError"}. */
  @Override
  public String name() {
    return "RangeError";
  }
}
