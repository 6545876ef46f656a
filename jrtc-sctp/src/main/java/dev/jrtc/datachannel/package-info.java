/**
 * WebRTC data channels over an {@link dev.jrtc.sctp.SctpAssociation}: the Data Channel
 * Establishment Protocol of RFC 8832 (DATA_CHANNEL_OPEN / DATA_CHANNEL_ACK codecs) and the channel
 * semantics of RFC 8831 (stream id parity, negotiated channels, closing by stream reset) in the
 * sans-IO {@link dev.jrtc.datachannel.DataChannelProtocol}. The W3C {@code RTCDataChannel} object is
 * built on top of it in {@code jrtc-api}.
 */
package dev.jrtc.datachannel;
