package dev.jrtc;

/** The DOM {@code InvalidModificationError}: an illegal modification (changed certificates or bundle policy, a modified SDP). */
public final class InvalidModificationException extends DOMException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public InvalidModificationException(String message) {
    super(message, null);
  }

  /** Creates the exception with a message and the cause. */
  public InvalidModificationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code "InvalidModificationError"}. */
  @Override
  public String name() {
    return "InvalidModificationError";
  }
}
