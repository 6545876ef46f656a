package dev.jrtc.examples.web;

/**
 * A client request the signaling server refuses: carries the HTTP status (4xx) and a one-line
 * reason that is sent back as the response body.
 */
final class BadRequestException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  BadRequestException(int status, String reason) {
    super(reason);
    this.status = status;
  }

  /** The 4xx status to answer with. */
  int status() {
    return status;
  }
}
