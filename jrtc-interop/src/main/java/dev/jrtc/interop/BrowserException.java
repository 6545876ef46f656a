package dev.jrtc.interop;

/**
 * A browser-side failure seen by the harness: a script that threw or rejected (then {@link
 * #jsName()} and {@link #jsMessage()} hold the JavaScript error's name and message), a timeout, a
 * page that did not load or a browser that died. The message always carries what is needed to
 * understand it: the script, the browser's error and stack, the last console lines and the
 * browser's own log tail.
 */
final class BrowserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String jsName;
  private final String jsMessage;

  BrowserException(String message) {
    this(message, null, null, null);
  }

  BrowserException(String message, Throwable cause) {
    this(message, null, null, cause);
  }

  BrowserException(String message, String jsName, String jsMessage, Throwable cause) {
    super(message, cause);
    this.jsName = jsName;
    this.jsMessage = jsMessage;
  }

  /** The JavaScript error's {@code name} ("TypeError", "InvalidAccessError", ...), or null. */
  String jsName() {
    return jsName;
  }

  /** The JavaScript error's {@code message}, or null when the script did not throw. */
  String jsMessage() {
    return jsMessage;
  }
}
