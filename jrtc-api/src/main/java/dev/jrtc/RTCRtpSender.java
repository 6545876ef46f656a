package dev.jrtc;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The W3C {@code RTCRtpSender} (https://w3c.github.io/webrtc-pc/#rtcrtpsender-interface): the
 * sending half of a transceiver. Signaling only in this version: the track, the associated
 * stream ids ({@code a=msid}) and the SSRCs announced in SDP; no RTP is sent yet.
 */
public final class RTCRtpSender {

  private final RTCPeerConnection pc;
  private final String kind;
  private volatile MediaStreamTrack track;
  /** The spec's [[AssociatedMediaStreamIds]]; guarded by the connection's lock. */
  private volatile List<String> streamIds;
  /** SSRC of the media stream and of its RTX stream, announced in SDP as Chromium does. */
  final long ssrc;
  final long rtxSsrc;
  /** The id written in {@code a=msid} while no track is attached (Chromium does the same). */
  final String senderId = java.util.UUID.randomUUID().toString();
  volatile RTCRtpTransceiver transceiver;

  /** The encodings given to addTransceiver (webrtc-pc [[SendEncodings]]); empty means one default. */
  volatile List<RTCRtpEncodingParameters> sendEncodings;
  /** The transaction id getParameters hands out until the current task ends, or null. */
  private String lastReturnedTransactionId;
  private RTCRtpSendParameters lastReturned;
  private long transactions;

  RTCRtpSender(RTCPeerConnection pc, String kind, MediaStreamTrack track, List<String> streamIds,
      long ssrc, long rtxSsrc, List<RTCRtpEncodingParameters> sendEncodings) {
    this.sendEncodings = List.copyOf(sendEncodings);
    this.pc = pc;
    this.kind = kind;
    this.track = track;
    this.streamIds = List.copyOf(streamIds);
    this.ssrc = ssrc;
    this.rtxSsrc = rtxSsrc;
  }

  /**
   * webrtc-pc §5.2 {@code getStats()}: the stats selection algorithm (§8.5) for this sender, its
   * {@code outbound-rtp} entries and what they reference. Does not use the operations chain.
   * jrtc sends no RTP yet, so the report is empty until it does.
   */
  public java.util.concurrent.CompletableFuture<RTCStatsReport> getStats() {
    return pc.statsFor(s -> s.type().equals("outbound-rtp")
        && Long.valueOf(ssrc).equals(s.members().get("ssrc")));
  }

  RTCPeerConnection connection() {
    return pc;
  }

  /** The track being sent, or null. */
  public MediaStreamTrack track() {
    return track;
  }

  /** The rids of a simulcast sender (two or more encodings with rids), else empty. */
  List<RTCRtpEncodingParameters> simulcastEncodings() {
    if (sendEncodings.size() < 2 || !kind.equals("video")) {
      return List.of(); // simulcast is a video feature in WebRTC (webrtc-pc §5.1 addTransceiver)
    }
    return sendEncodings;
  }

  String kind() {
    return kind;
  }

  List<String> streamIds() {
    return streamIds;
  }

  void setTrackInternal(MediaStreamTrack track) {
    this.track = track;
  }

  void setStreamIdsInternal(List<String> ids) {
    this.streamIds = List.copyOf(ids);
  }

  /**
   * Replaces the track without renegotiation
   * (https://w3c.github.io/webrtc-pc/#dom-rtcrtpsender-replacetrack): a track of another kind is a
   * TypeError, a stopped transceiver an InvalidStateError.
   */
  public CompletableFuture<Void> replaceTrack(MediaStreamTrack withTrack) {
    return pc.replaceTrack(this, withTrack);
  }

  /**
   * Sets the streams the track is associated with
   * (https://w3c.github.io/webrtc-pc/#dom-rtcrtpsender-setstreams); updates negotiation-needed.
   */
  public void setStreams(MediaStream... streams) {
    pc.setSenderStreams(this, List.of(streams));
  }

  /**
   * webrtc-pc §5.2 {@code getParameters}: the encodings, the negotiated codecs and header
   * extensions, RTCP parameters and a transaction id that stays the same until the current task
   * of the event executor ends.
   */
  public RTCRtpSendParameters getParameters() {
    return pc.senderParameters(this);
  }

  /**
   * webrtc-pc §5.2 {@code setParameters}: InvalidStateError when the transceiver is stopping or
   * getParameters was not called in this task; InvalidModificationError for another transaction
   * id, added, removed or reordered encodings, changed rids or changed read-only members;
   * RangeError for scaleResolutionDownBy below 1 or a negative maxFramerate. Does not use the
   * operations chain.
   */
  public java.util.concurrent.CompletableFuture<Void> setParameters(RTCRtpSendParameters parameters) {
    return pc.setSenderParameters(this, parameters);
  }

  /** Makes the parameters and remembers them until the end of the task (called under the pc lock). */
  RTCRtpSendParameters parameters(String cname, boolean[] newTransaction) {
    String tid = lastReturnedTransactionId;
    newTransaction[0] = tid == null;
    if (tid == null) {
      tid = Long.toString(++transactions);
    }
    RTCRtpTransceiver t = transceiver;
    List<RTCRtpCodecParameters> codecs = new java.util.ArrayList<>();
    List<RTCRtpHeaderExtensionParameters> exts = new java.util.ArrayList<>();
    if (t != null) {
      t.negotiatedCodecs.forEach(c -> codecs.add(RTCRtpCodecParameters.of(kind, c)));
      t.negotiatedExtensions.forEach(e -> exts.add(new RTCRtpHeaderExtensionParameters(e.uri(), e.id(), false)));
    }
    RTCRtpSendParameters p = new RTCRtpSendParameters(tid, sendEncodings, exts,
        new RTCRtcpParameters(cname, true), codecs, null);
    lastReturnedTransactionId = tid;
    lastReturned = p;
    return p;
  }

  /** The end of the task that called getParameters: the transaction is over. */
  void endTransaction(String tid) {
    if (tid.equals(lastReturnedTransactionId)) {
      lastReturnedTransactionId = null;
      lastReturned = null;
    }
  }

  /** webrtc-pc §5.2 setParameters steps 3-7 (called under the pc lock); returns the new encodings. */
  List<RTCRtpEncodingParameters> checkParameters(RTCRtpSendParameters p) {
    RTCRtpSendParameters last = lastReturned;
    if (last == null) {
      throw new InvalidStateException("setParameters needs getParameters in the same task first");
    }
    if (!last.transactionId().equals(p.transactionId())) {
      throw new InvalidModificationException("The transactionId " + p.transactionId()
          + " is not the one getParameters returned last");
    }
    if (!last.codecs().equals(p.codecs()) || !last.headerExtensions().equals(p.headerExtensions())
        || !java.util.Objects.equals(last.rtcp(), p.rtcp())) {
      throw new InvalidModificationException("codecs, headerExtensions and rtcp are read-only");
    }
    List<RTCRtpEncodingParameters> next = SendEncodings.forSetParameters(kind, sendEncodings, p.encodings());
    // [[LastReturnedParameters]] is spent; getParameters keeps its transaction id until the task
    // ends (WPT RTCRtpParameters-transactionId "even if there is an intervening call")
    lastReturned = null;
    return next;
  }

  private volatile RTCDtlsTransport transport;

  /**
   * The DTLS transport of the m-section (webrtc-pc [[SenderTransport]]): null until a description
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
   * The most optimistic view of the codecs and header extensions for sending media of
   * {@code kind} (webrtc-pc §5.2 getCapabilities); null for a kind other than audio and video.
   */
  public static RTCRtpCapabilities getCapabilities(String kind) {
    return RTCRtpCapabilities.of(kind);
  }

  @Override
  public String toString() {
    return "RTCRtpSender[" + kind + ", track " + (track == null ? null : track.id()) + "]";
  }
}
