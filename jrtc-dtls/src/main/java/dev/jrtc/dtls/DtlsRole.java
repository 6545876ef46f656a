package dev.jrtc.dtls;

/**
 * Which side of the DTLS handshake this endpoint plays. In WebRTC the role follows the SDP
 * {@code a=setup} attribute (RFC 8842 §5.2, RFC 4145 §4): {@code active} is the DTLS
 * {@link #CLIENT}, {@code passive} the {@link #SERVER}; the answerer resolves {@code actpass}.
 */
public enum DtlsRole {
  /** Sends the ClientHello (the {@code a=setup:active} side). */
  CLIENT,
  /** Waits for the ClientHello (the {@code a=setup:passive} side). */
  SERVER
}
