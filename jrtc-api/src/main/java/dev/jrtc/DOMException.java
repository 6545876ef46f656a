package dev.jrtc;

/**
 * A W3C {@code DOMException} as a Java unchecked exception.
 *
 * <p>Java has no DOMException and {@code ...Error} names mean {@link Error}, so each DOM name has
 * one subclass named {@code ...Exception} whose {@link #name()} returns the DOM name
 * ({@code "InvalidStateError"}, {@code "TypeError"}, ...). Promise-returning methods complete their
 * future exceptionally with these; synchronous methods throw them (STYLE.md S9).
 */
public abstract sealed class DOMException extends RuntimeException
    permits InvalidStateException, InvalidAccessException, InvalidModificationException,
        OperationException, NotSupportedException, SyntaxException, InvalidCharacterException,
        TypeException, RangeException, UnknownException, NotFoundException {

  private static final long serialVersionUID = 1L;

  DOMException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The W3C name of this exception, e.g. {@code "InvalidStateError"}. */
  public abstract String name();

  @Override
  public String toString() {
    return name() + ": " + getMessage();
  }
}
