package dev.jrtc;

/**
 * The webrtc-identity {@code RTCIdentityAssertion}: the identity provider and the name it
 * asserted for the remote peer. jrtc has no identity provider support, so none is ever made by
 * the library; the type exists for {@link RTCPeerConnection#peerIdentity()}.
 *
 * @param idp the identity provider's domain
 * @param name the asserted identity
 */
public record RTCIdentityAssertion(String idp, String name) {}
