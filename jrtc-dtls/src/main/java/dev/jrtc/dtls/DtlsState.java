package dev.jrtc.dtls;

/**
 * The endpoint's state, in the words of W3C {@code RTCDtlsTransportState}
 * (https://w3c.github.io/webrtc-pc/#dom-rtcdtlstransportstate).
 */
public enum DtlsState {
  /** Created, {@link DtlsEndpoint#start(long)} not yet called. */
  NEW,
  /** The handshake is running (or done, awaiting the remote fingerprints). */
  CONNECTING,
  /** Handshake done and fingerprint verified: application data flows. */
  CONNECTED,
  /** Closed cleanly by either side. */
  CLOSED,
  /** Failed; see the {@link DtlsEvent.Failed} event. */
  FAILED
}
