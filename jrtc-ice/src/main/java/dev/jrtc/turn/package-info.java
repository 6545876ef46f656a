/**
 * TURN, RFC 8656: the sans-IO {@link dev.jrtc.turn.TurnClient} (one allocation, over UDP, or
 * over a TCP or TLS stream to the server: {@link dev.jrtc.turn.TurnTransport}) and
 * {@link dev.jrtc.turn.ChannelData} framing.
 */
package dev.jrtc.turn;
