package dev.jrtc;

/**
 * The W3C {@code RTCRtpTransceiver} (https://w3c.github.io/webrtc-pc/#rtcrtptransceiver-interface):
 * a sender and a receiver sharing one m-section, with its mid, preferred direction and the
 * direction last negotiated. Its JSEP state is owned by its connection and changed under the
 * connection's lock; the getters read volatile fields.
 */
public final class RTCRtpTransceiver {

  private final RTCPeerConnection pc;
  private final String kind;
  private final RTCRtpSender sender;
  private final RTCRtpReceiver receiver;
  volatile String mid;
  volatile RTCRtpTransceiverDirection direction;
  volatile RTCRtpTransceiverDirection currentDirection;
  /** The spec's [[FiredDirection]]: the direction for which track events were last fired. */
  RTCRtpTransceiverDirection firedDirection;
  volatile boolean stopping;
  /** The transceiver has been negotiated to send: addTrack may not reuse it (webrtc-pc §5.1 addTrack). */
  boolean everSent;
  volatile boolean stopped;
  /** Created by {@code addTrack} (may then be matched to a remote offer's m-section). */
  final boolean createdByAddTrack;
  /** Created while applying a remote offer (removed when that offer is rolled back). */
  boolean createdByRemoteOffer;
  /** The codecs negotiated for this m-section (offerer's payload types), for re-offers. */
  java.util.List<Codec> negotiatedCodecs = java.util.List.of();
  /** The header extensions negotiated for this m-section, for re-offers. */
  java.util.List<HeaderExtension> negotiatedExtensions = java.util.List.of();
  /** The codec preferences of setCodecPreferences (empty: none); guarded by the connection's lock. */
  volatile java.util.List<RTCRtpCodec> codecPreferences = java.util.List.of();
  /** Creation order: new m-sections are added to offers in this order. */
  final long order;

  RTCRtpTransceiver(RTCPeerConnection pc, String kind, RTCRtpSender sender, RTCRtpReceiver receiver,
      RTCRtpTransceiverDirection direction, boolean createdByAddTrack, long order) {
    this.pc = pc;
    this.kind = kind;
    this.sender = sender;
    this.receiver = receiver;
    this.direction = direction;
    this.createdByAddTrack = createdByAddTrack;
    this.order = order;
    sender.transceiver = this;
    receiver.transceiver = this;
  }

  /** The media kind, {@code "audio"} or {@code "video"}. */
  String kind() {
    return kind;
  }

  /** The mid of the associated m-section, or null before negotiation. */
  public String mid() {
    return mid;
  }

  /** The sender. */
  public RTCRtpSender sender() {
    return sender;
  }

  /** The receiver. */
  public RTCRtpReceiver receiver() {
    return receiver;
  }

  /** The preferred direction ({@code stopped} once {@link #stop()} was called). */
  public RTCRtpTransceiverDirection direction() {
    return direction;
  }

  /**
   * Sets the preferred direction (https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiver-direction):
   * InvalidStateError when the connection is closed or the transceiver stopping, TypeError for
   * {@code stopped}; otherwise updates negotiation-needed.
   */
  public void setDirection(RTCRtpTransceiverDirection newDirection) {
    pc.setTransceiverDirection(this, newDirection);
  }

  /** The direction last negotiated, null before any answer, {@code stopped} once stopped. */
  public RTCRtpTransceiverDirection currentDirection() {
    return stopped ? RTCRtpTransceiverDirection.STOPPED : currentDirection;
  }

  /** Whether the transceiver is stopped (negotiated away). Not in the latest spec; kept for users. */
  public boolean stopped() {
    return stopped;
  }

  /**
   * Stops the transceiver (https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiver-stop):
   * InvalidStateError when the connection is closed.
   */
  public void stop() {
    pc.stopTransceiver(this);
  }

  /**
   * webrtc-pc §5.4 {@code setCodecPreferences}: the order (and subset) of codecs for the next
   * offers and answers; an empty list resets to the default. InvalidModificationError for a codec
   * that is not one of {@code RTCRtpSender/RTCRtpReceiver.getCapabilities(kind)}, or when only
   * rtx is given.
   */
  public void setCodecPreferences(java.util.List<RTCRtpCodec> codecs) {
    pc.setCodecPreferences(this, codecs);
  }

  boolean isAssociated() {
    return mid != null;
  }

  @Override
  public String toString() {
    return "RTCRtpTransceiver[" + kind + ", mid " + mid + ", " + direction.value() + "]";
  }
}
