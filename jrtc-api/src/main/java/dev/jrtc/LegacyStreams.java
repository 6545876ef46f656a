package dev.jrtc;

import java.util.ArrayList;
import java.util.List;

/**
 * The legacy, stream-based members of RTCPeerConnection (webrtc-pc §11 "Legacy interface
 * extensions", and the obsolete addStream/removeStream of the seed), written on top of the
 * track-based API.
 */
final class LegacyStreams {

  private final RTCPeerConnection pc;
  private final List<MediaStream> localStreams = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<MediaStream> announcedRemote = new java.util.concurrent.CopyOnWriteArrayList<>();

  LegacyStreams(RTCPeerConnection pc) {
    this.pc = pc;
  }

  /**
   * webrtc-pc §11 legacy (https://w3c.github.io/webrtc-pc/#legacy-configuration-extensions) {@code offerToReceiveAudio/Video}: false makes the kind's transceivers
   * stop receiving; true makes sure one of them receives, adding a recvonly one if needed.
   * Called under the connection's lock, in createOffer's task.
   */
  void applyOfferToReceive(JsepEngine engine, RTCOfferOptions options) {
    apply(engine, "audio", options.offerToReceiveAudio());
    apply(engine, "video", options.offerToReceiveVideo());
  }

  private static void apply(JsepEngine engine, String kind, Boolean receive) {
    if (receive == null) {
      return;
    }
    List<RTCRtpTransceiver> ofKind = new ArrayList<>();
    for (RTCRtpTransceiver t : engine.transceivers) {
      if (t.kind().equals(kind) && !t.stopping && !t.stopped) {
        ofKind.add(t);
      }
    }
    if (!receive) {
      for (RTCRtpTransceiver t : ofKind) {
        if (t.direction == RTCRtpTransceiverDirection.SENDRECV) {
          t.direction = RTCRtpTransceiverDirection.SENDONLY;
        } else if (t.direction == RTCRtpTransceiverDirection.RECVONLY) {
          t.direction = RTCRtpTransceiverDirection.INACTIVE;
        }
      }
      return;
    }
    for (RTCRtpTransceiver t : ofKind) {
      if (SdpMedia.receives(t.direction)) {
        return;
      }
    }
    for (RTCRtpTransceiver t : ofKind) {
      if (t.direction == RTCRtpTransceiverDirection.SENDONLY) {
        t.direction = RTCRtpTransceiverDirection.SENDRECV;
        return;
      }
      if (t.direction == RTCRtpTransceiverDirection.INACTIVE) {
        t.direction = RTCRtpTransceiverDirection.RECVONLY;
        return;
      }
    }
    engine.addTransceiver(kind, null, List.of(), RTCRtpTransceiverDirection.RECVONLY, false);
  }

  void addStream(MediaStream stream) {
    if (!localStreams.contains(stream)) {
      localStreams.add(stream);
    }
    for (MediaStreamTrack t : stream.getTracks()) {
      boolean sent = false;
      for (RTCRtpSender s : pc.getSenders()) {
        sent |= s.track() == t;
      }
      if (!sent) {
        pc.addTrack(t, stream);
      }
    }
  }

  void removeStream(MediaStream stream) {
    localStreams.remove(stream);
    for (RTCRtpSender s : pc.getSenders()) {
      if (s.track() != null && s.streamIds().contains(stream.id())) {
        pc.removeTrack(s);
      }
    }
  }

  List<MediaStream> localStreams() {
    return List.copyOf(localStreams);
  }

  List<MediaStream> remoteStreams() {
    List<MediaStream> out = new ArrayList<>();
    for (RTCRtpReceiver r : pc.getReceivers()) {
      for (MediaStream s : r.associatedRemoteStreams) {
        if (!out.contains(s)) {
          out.add(s);
        }
      }
    }
    return out;
  }

  MediaStream streamById(String id) {
    for (MediaStream s : localStreams) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    for (MediaStream s : remoteStreams()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }

  /** The legacy {@code addstream} events for streams seen for the first time in track events. */
  List<MediaStreamEvent> addStreamEvents(List<RTCTrackEvent> trackEvents) {
    List<MediaStreamEvent> out = new ArrayList<>();
    for (RTCTrackEvent e : trackEvents) {
      for (MediaStream s : e.streams()) {
        if (!announcedRemote.contains(s)) {
          announcedRemote.add(s);
          out.add(new MediaStreamEvent("addstream", s));
        }
      }
    }
    return out;
  }
}
