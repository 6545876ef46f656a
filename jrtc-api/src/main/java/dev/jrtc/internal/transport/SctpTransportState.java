package dev.jrtc.internal.transport;

/**
 * The state of the SCTP association of a {@link PeerTransport}, in the words of W3C
 * {@code RTCSctpTransportState} (https://w3c.github.io/webrtc-pc/#dom-rtcsctptransportstate).
 */
public enum SctpTransportState {
  /** The association is being set up (from DTLS connected to the COOKIE ACK). */
  CONNECTING,
  /** The association is ESTABLISHED (RFC 9260 §4): data channels open. */
  CONNECTED,
  /** Shut down, aborted by either side, or its DTLS transport closed or failed. */
  CLOSED
}
