package dev.jrtc.interop;

import dev.jrtc.MediaStream;
import dev.jrtc.MediaStreamTrack;
import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCIceCandidateInit;
import dev.jrtc.RTCOfferOptions;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCRtpTransceiver;
import dev.jrtc.RTCRtpTransceiverDirection;
import dev.jrtc.RTCRtpTransceiverInit;
import dev.jrtc.RTCSdpType;
import dev.jrtc.RTCSessionDescription;
import dev.jrtc.RTCSessionDescriptionInit;
import dev.jrtc.RTCSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The jrtc side of an interop test: a {@link RTCPeerConnection} with blocking helpers (each
 * promise joined with a timeout, its rejection rethrown with the SDP that caused it) and its
 * view in the terms of {@link NegotiationCheck}.
 */
final class JrtcPeer implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 20;

  private final RTCPeerConnection pc;
  private final List<String> signalingStates = new ArrayList<>();
  private final List<String> trackEvents = new ArrayList<>();

  JrtcPeer() {
    this(RTCConfiguration.defaults());
  }

  JrtcPeer(RTCConfiguration configuration) {
    this(configuration, RTCSettings.defaults());
  }

  JrtcPeer(RTCConfiguration configuration, RTCSettings settings) {
    this.pc = new RTCPeerConnection(configuration, settings);
    pc.onSignalingStateChange(e -> {
      synchronized (signalingStates) {
        signalingStates.add(pc.signalingState().value());
      }
    });
    pc.onTrack(e -> {
      synchronized (trackEvents) {
        trackEvents.add(e.track().kind() + " mid=" + e.transceiver().mid() + " streams="
            + e.streams().stream().map(MediaStream::id).toList());
      }
    });
  }

  RTCPeerConnection pc() {
    return pc;
  }

  /**
   * Every track event seen, oldest first, as {@code "<kind> mid=<mid> streams=[<ids>]"}
   * (the same text as the browser's {@code track} lines in {@link BrowserPeerConnection#events()}
   * after its time stamp).
   */
  List<String> trackEvents() {
    synchronized (trackEvents) {
      return List.copyOf(trackEvents);
    }
  }

  /** Every signalingstatechange seen, as the state after it, oldest first. */
  List<String> signalingStateChanges() {
    synchronized (signalingStates) {
      return List.copyOf(signalingStates);
    }
  }

  void addTransceiver(String kind, String direction) {
    pc.addTransceiver(kind, RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.fromValue(direction)));
  }

  /** Adds a local track of this kind with addTrack (jrtc tracks carry no camera; none is needed to negotiate). */
  void addTrack(String kind) {
    pc.addTrack(MediaStreamTrack.create(kind));
  }

  /** Adds a local track of this kind to {@code stream} with addTrack(track, stream). */
  void addTrack(String kind, MediaStream stream) {
    pc.addTrack(MediaStreamTrack.create(kind), stream);
  }

  void createDataChannel(String label) {
    pc.createDataChannel(label);
  }

  String createOffer() {
    return join(pc.createOffer(), "createOffer", null).sdp();
  }

  /** createOffer with {@code iceRestart} (RTCOfferOptions, W3C webrtc §4.4.3.2). */
  String createOffer(boolean iceRestart) {
    return join(pc.createOffer(RTCOfferOptions.builder().iceRestart(iceRestart).build()), "createOffer(iceRestart)", null)
        .sdp();
  }

  /** {@code setLocalDescription()} without a description (implicit offer, answer or pranswer); returns the SDP. */
  String setLocalDescription() {
    join(pc.setLocalDescription(), "setLocalDescription()", null);
    return pc.localDescription().sdp();
  }

  /** {@code addIceCandidate({candidate, sdpMid})}; an empty candidate means end-of-candidates. */
  void addIceCandidate(String candidate, String sdpMid) {
    join(pc.addIceCandidate(RTCIceCandidateInit.builder().candidate(candidate).sdpMid(sdpMid).build()),
        "addIceCandidate(" + candidate + ")", null);
  }

  /**
   * {@code addIceCandidate({candidate, sdpMid, usernameFragment})}, as an application passes on the
   * remote side's {@code candidate.toJSON()}; a null ufrag is left out.
   */
  void addIceCandidate(String candidate, String sdpMid, String usernameFragment) {
    join(pc.addIceCandidate(RTCIceCandidateInit.builder().candidate(candidate).sdpMid(sdpMid)
        .usernameFragment(usernameFragment).build()), "addIceCandidate(" + candidate + ", ufrag "
        + usernameFragment + ")", null);
  }

  /** The transceiver with this mid. */
  RTCRtpTransceiver transceiver(String mid) {
    return pc.getTransceivers().stream().filter(t -> mid.equals(t.mid())).findFirst()
        .orElseThrow(() -> new AssertionError("jrtc has no transceiver with mid " + mid));
  }

  String createAnswer() {
    return join(pc.createAnswer(), "createAnswer", null).sdp();
  }

  void setLocalDescription(String type, String sdp) {
    join(pc.setLocalDescription(new RTCSessionDescriptionInit(RTCSdpType.fromValue(type), sdp)),
        "setLocalDescription(" + type + ")", sdp);
  }

  void setRemoteDescription(String type, String sdp) {
    join(pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.fromValue(type), sdp)),
        "setRemoteDescription(" + type + ")", sdp);
  }

  String signalingState() {
    return pc.signalingState().value();
  }

  /**
   * The transceivers as {@link NegotiationCheck} compares them, after a completed exchange. jrtc
   * has no {@code RTCRtpSender/RTCRtpReceiver.getParameters()} yet, so each transceiver's codecs
   * are read from the descriptions jrtc holds, by the rule of W3C webrtc §4.4.1.6: sender codecs
   * (while it sends) from the answer, receiver codecs (while it receives) from jrtc's own current
   * local description.
   */
  List<TransceiverView> transceivers() {
    RTCSessionDescription local = pc.currentLocalDescription();
    RTCSessionDescription remote = pc.currentRemoteDescription();
    if (local == null || remote == null) {
      throw new AssertionError("jrtc has no completed exchange: currentLocalDescription " + local
          + ", currentRemoteDescription " + remote);
    }
    SdpView answer = SdpView.parse(local.type().value().equals("answer") ? local.sdp() : remote.sdp());
    SdpView own = SdpView.parse(local.sdp());
    List<TransceiverView> views = new ArrayList<>();
    for (RTCRtpTransceiver t : pc.getTransceivers()) {
      String current = t.currentDirection() == null ? null : t.currentDirection().value();
      boolean sends = "sendrecv".equals(current) || "sendonly".equals(current);
      boolean receives = "sendrecv".equals(current) || "recvonly".equals(current);
      views.add(new TransceiverView(t.mid(), t.receiver().track().kind(), t.direction().value(), current,
          t.stopped(), sends ? codecsOf(answer, t.mid()) : List.of(), receives ? codecsOf(own, t.mid()) : List.of()));
    }
    return views;
  }

  private static List<TransceiverView.Codec> codecsOf(SdpView sdp, String mid) {
    return mid == null ? List.of() : sdp.section(mid).map(SdpView.Section::codecs).orElse(List.of());
  }

  /** Live transcript entries: signaling state and its history, both descriptions, transceivers. */
  void reportTo(Transcript transcript) {
    transcript.live("jrtc signalingState (history)", () -> pc.signalingState().value() + " " + signalingStateChanges());
    transcript.live("jrtc track events", this::trackEvents);
    transcript.live("jrtc localDescription", () -> describe(pc.localDescription()));
    transcript.live("jrtc remoteDescription", () -> describe(pc.remoteDescription()));
    transcript.live("jrtc transceivers", () -> {
      StringBuilder sb = new StringBuilder();
      for (RTCRtpTransceiver t : pc.getTransceivers()) {
        sb.append("mid ").append(t.mid()).append(" kind ").append(t.receiver().track().kind())
            .append(" direction ").append(t.direction().value()).append(" currentDirection ")
            .append(t.currentDirection() == null ? null : t.currentDirection().value()).append('\n');
      }
      return sb.toString();
    });
  }

  private static String describe(RTCSessionDescription d) {
    return d == null ? "(null)" : "type " + d.type().value() + "\n" + d.sdp();
  }

  private static <T> T join(CompletableFuture<T> future, String what, String sdp) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("jrtc " + what + " failed: " + e.getCause()
          + (sdp == null ? "" : "\n--- the SDP it was given ---\n" + sdp), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("jrtc " + what + " did not complete within " + TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted in jrtc " + what, e);
    }
  }

  @Override
  public void close() {
    pc.close();
  }
}
