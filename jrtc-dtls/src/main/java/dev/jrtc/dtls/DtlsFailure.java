package dev.jrtc.dtls;

/** Why a {@link DtlsEndpoint} failed ({@link DtlsEvent.Failed#reason()}). */
public enum DtlsFailure {
  /**
   * The peer's certificate matched none of the expected {@code a=fingerprint} values
   * (RFC 8842 §5.1), or the peer sent no certificate.
   */
  FINGERPRINT_MISMATCH,
  /** The peer sent a fatal alert (RFC 5246 §7.2). */
  ALERT_RECEIVED,
  /** The handshake failed on our side (no common cipher suite or group, bad message, ...). */
  HANDSHAKE_FAILURE,
  /** The handshake did not complete within the configured handshake timeout. */
  HANDSHAKE_TIMEOUT,
  /** An established connection failed (a fatal record-layer error). */
  CONNECTION_FAILURE
}
