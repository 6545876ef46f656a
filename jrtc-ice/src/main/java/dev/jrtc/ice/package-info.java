/**
 * ICE, RFC 8445 with trickle (RFC 8838) and consent freshness (RFC 7675): the sans-IO
 * {@link dev.jrtc.ice.IceAgent}, its candidates, pairs and states. Addresses are
 * {@link dev.jrtc.ice.TransportAddress} records: the agent never sees a socket.
 */
package dev.jrtc.ice;
