/**
 * TURN, RFC 8656: the sans-IO {@link dev.jrtc.turn.TurnClient} (one allocation over UDP) and
 * {@link dev.jrtc.turn.ChannelData} framing.
 */
package dev.jrtc.turn;
