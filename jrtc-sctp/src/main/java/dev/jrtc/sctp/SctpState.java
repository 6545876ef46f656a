package dev.jrtc.sctp;

/** Association states of RFC 9260 §4 (https://www.rfc-editor.org/rfc/rfc9260#section-4). */
public enum SctpState {
  /** No association (before INIT, or after it ended). */
  CLOSED,
  /** INIT sent, waiting for INIT ACK. */
  COOKIE_WAIT,
  /** COOKIE ECHO sent, waiting for COOKIE ACK. */
  COOKIE_ECHOED,
  /** Data flows both ways. */
  ESTABLISHED,
  /** Local shutdown asked for; outstanding data still being delivered. */
  SHUTDOWN_PENDING,
  /** SHUTDOWN sent. */
  SHUTDOWN_SENT,
  /** SHUTDOWN received; our outstanding data still being delivered. */
  SHUTDOWN_RECEIVED,
  /** SHUTDOWN ACK sent. */
  SHUTDOWN_ACK_SENT;

  /** Data may still be sent and received. */
  boolean carriesData() {
    return this == ESTABLISHED || this == SHUTDOWN_PENDING || this == SHUTDOWN_SENT || this == SHUTDOWN_RECEIVED;
  }
}
