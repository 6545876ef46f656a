package dev.jrtc.datachannel;

/** A data channel's state, as the W3C RTCDataChannelState names it (webrtc-pc §6.2). */
public enum ChannelState {
  /** Created; waiting for SCTP (and, for DCEP channels, for the OPEN to be sent). */
  CONNECTING,
  /** Messages flow. */
  OPEN,
  /** Close started: streams being reset (RFC 8831 §6.7). */
  CLOSING,
  /** Both directions of the stream were reset, or the association ended. */
  CLOSED
}
