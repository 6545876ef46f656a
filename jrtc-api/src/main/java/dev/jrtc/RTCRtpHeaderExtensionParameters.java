package dev.jrtc;

/**
 * The W3C {@code RTCRtpHeaderExtensionParameters} dictionary: a negotiated header extension.
 *
 * @param uri the extension URI
 * @param id the negotiated id
 * @param encrypted whether it is encrypted (RFC 6904); never, here
 */
public record RTCRtpHeaderExtensionParameters(String uri, int id, boolean encrypted) {}
