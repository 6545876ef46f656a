package dev.jrtc;

/**
 * The W3C dictionary {@code RTCIceParameters} (https://w3c.github.io/webrtc-pc/#rtciceparameters*):
 * the ICE credentials of one side (RFC 8839 §5.4).
 *
 * @param usernameFragment the {@code ice-ufrag}
 * @param password the {@code ice-pwd}
 */
public record RTCIceParameters(String usernameFragment, String password) {}
