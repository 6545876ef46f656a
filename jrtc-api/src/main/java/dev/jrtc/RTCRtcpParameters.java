package dev.jrtc;

/**
 * The W3C {@code RTCRtcpParameters} dictionary.
 *
 * @param cname the RTCP CNAME of the sender (null for a receiver)
 * @param reducedSize whether reduced-size RTCP (RFC 5506) is used
 */
public record RTCRtcpParameters(String cname, boolean reducedSize) {}
