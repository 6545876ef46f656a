package dev.jrtc;

/**
 * The W3C {@code RTCDtlsFingerprint} dictionary: a certificate fingerprint as
 * {@link RTCCertificate#getFingerprints()} reports it.
 *
 * @param algorithm the hash function name as in RFC 8122 ({@code "sha-256"})
 * @param value lower-case hex pairs separated by colons, as browsers report it
 */
public record RTCDtlsFingerprint(String algorithm, String value) {}
