/**
 * ICE, RFC 8445 with trickle (RFC 8838) and consent freshness (RFC 7675): the sans-IO
 * {@link dev.jrtc.ice.IceAgent}, its candidates, pairs and states, and its own server-reflexive
 * and relayed gathering (STUN servers, TURN servers described by {@link dev.jrtc.ice.RelayServer}).
 * Addresses are {@link dev.jrtc.ice.TransportAddress} records: the agent never sees a socket.
 */
package dev.jrtc.ice;
