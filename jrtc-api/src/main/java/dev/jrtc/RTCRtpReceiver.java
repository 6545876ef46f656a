package dev.jrtc;

import java.util.List;

/**
 * The W3C {@code RTCRtpReceiver} (https://w3c.github.io/webrtc-pc/#rtcrtpreceiver-interface): the
 * receiving half of a transceiver. Its remote track is created with the transceiver and exists
 * for the transceiver's lifetime; no RTP is received yet.
 */
public final class RTCRtpReceiver {

  private final MediaStreamTrack track;
  /** Set by the transceiver that owns this receiver. */
  volatile RTCRtpTransceiver transceiver;
  /** The spec's [[AssociatedRemoteMediaStreams]]; guarded by the connection's lock. */
  volatile java.util.List<MediaStream> associatedRemoteStreams = java.util.List.of();

  RTCRtpReceiver(MediaStreamTrack track) {
    this.track = track;
  }

  /**
   * webrtc-pc §5.3 {@code getStats()}: the stats selection algorithm (§8.5) for this receiver,
   * its {@code inbound-rtp} entries and what they reference. Does not use the operations chain.
   * jrtc receives no RTP yet, so the report is empty until it does (also for a receiver whose
   * transceiver is gone).
   */
  public java.util.concurrent.CompletableFuture<RTCStatsReport> getStats() {
    RTCRtpTransceiver t = transceiver;
    if (t == null) {
      return java.util.concurrent.CompletableFuture.completedFuture(new RTCStatsReport(java.util.Map.of()));
    }
    return t.sender().connection().statsFor(s -> s.type().equals("inbound-rtp")
        && track.id().equals(s.members().get("trackIdentifier")));
  }

  /** The remote track. */
  public MediaStreamTrack track() {
    return track;
  }

  /**
   * webrtc-pc §5.3 {@code getParameters}: the negotiated codecs and header extensions (empty
   * before negotiation), reduced-size RTCP, no cname.
   */
  public RTCRtpReceiveParameters getParameters() {
    List<RTCRtpCodecParameters> codecs = new java.util.ArrayList<>();
    List<RTCRtpHeaderExtensionParameters> exts = new java.util.ArrayList<>();
    RTCRtpTransceiver t = transceiver;
    if (t != null) {
      t.negotiatedCodecs.forEach(c -> codecs.add(RTCRtpCodecParameters.of(track.kind(), c)));
      t.negotiatedExtensions.forEach(e -> exts.add(new RTCRtpHeaderExtensionParameters(e.uri(), e.id(), false)));
    }
    return new RTCRtpReceiveParameters(exts, new RTCRtcpParameters(null, true), codecs);
  }

  private volatile RTCDtlsTransport transport;

  /**
   * The DTLS transport of the m-section (webrtc-pc [[ReceiverTransport]]): null until a description
   * associating the transceiver with an m-section is applied; with BUNDLE, the connection's one
   * transport.
   */
  public RTCDtlsTransport transport() {
    return transport;
  }

  void setTransport(RTCDtlsTransport transport) {
    this.transport = transport;
  }

  /**
   * The most optimistic view of the codecs and header extensions for receiving media of
   * {@code kind} (webrtc-pc §5.2 getCapabilities); null for a kind other than audio and video.
   */
  public static RTCRtpCapabilities getCapabilities(String kind) {
    return RTCRtpCapabilities.of(kind);
  }

  @Override
  public String toString() {
    return "RTCRtpReceiver[" + track + "]";
  }
}
