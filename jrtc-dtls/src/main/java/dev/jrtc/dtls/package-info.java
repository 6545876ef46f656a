/**
 * DTLS 1.2 for WebRTC (RFC 8827, RFC 5764) on Bouncy Castle's {@code bctls}: self-signed
 * certificates and their SDP fingerprints ({@link dev.jrtc.dtls.DtlsCertificate}), and the
 * DTLS endpoint that carries SCTP and derives the DTLS-SRTP keys.
 */
package dev.jrtc.dtls;
