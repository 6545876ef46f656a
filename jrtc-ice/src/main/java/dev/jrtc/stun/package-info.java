/**
 * STUN, RFC 8489: {@link dev.jrtc.stun.StunMessage} with one record per attribute type (the
 * ICE attributes of RFC 8445 and the TURN attributes of RFC 8656 included, unknown ones kept as
 * {@link dev.jrtc.stun.RawAttribute}), short- and long-term credentials
 * ({@link dev.jrtc.stun.StunCredentials}), and the sans-IO retransmission of
 * {@link dev.jrtc.stun.StunTransaction}. Parsers throw only
 * {@link dev.jrtc.stun.StunParseException}.
 */
package dev.jrtc.stun;
