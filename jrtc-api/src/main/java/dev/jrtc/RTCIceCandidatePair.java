package dev.jrtc;

/**
 * The W3C dictionary {@code RTCIceCandidatePair}
 * (https://w3c.github.io/webrtc-pc/#dom-rtcicecandidatepair): the pair ICE selected.
 *
 * @param local the local candidate
 * @param remote the remote candidate
 */
public record RTCIceCandidatePair(RTCIceCandidate local, RTCIceCandidate remote) {}
