package dev.jrtc;

/**
 * The W3C {@code RTCRtpHeaderExtensionCapability} dictionary.
 *
 * @param uri the header extension URI (RFC 8285)
 */
public record RTCRtpHeaderExtensionCapability(String uri) {}
