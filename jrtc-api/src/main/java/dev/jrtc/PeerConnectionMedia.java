package dev.jrtc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The transceiver members of {@link RTCPeerConnection} (webrtc-pc §5.1 "RTCPeerConnection
 * interface extensions": addTransceiver, addTrack, removeTrack, getTransceivers, getSenders,
 * getReceivers) and the transceiver/sender setters they share, kept apart so that the
 * connection's file stays readable. The JSEP state stays in the connection's
 * {@link JsepEngine}, changed under the connection's lock.
 */
abstract class PeerConnectionMedia extends PeerConnectionLegacy {

  PeerConnectionMedia() {}

  abstract Object lock();

  abstract JsepEngine engine();

  /** Marks created offers/answers stale; called under the lock. */
  abstract void changedUnderLock();

  /** Publishes the snapshots the getters read; called under the lock. */
  abstract void publishUnderLock();

  abstract List<RTCRtpTransceiver> transceivers();

  abstract void updateNegotiationNeeded();

  abstract void post(Runnable task);

  abstract <T> CompletableFuture<T> chain(OperationsChain.Operation<T> operation);

    /** {@code addTransceiver(kind)} with default options. */
  public RTCRtpTransceiver addTransceiver(String kind) {
    return addTransceiver(kind, RTCRtpTransceiverInit.defaults());
  }

  /** webrtc-pc §5.1 {@code addTransceiver(kind, init)}: TypeError for a kind other than audio/video. */
  public RTCRtpTransceiver addTransceiver(String kind, RTCRtpTransceiverInit init) {
    if (!"audio".equals(kind) && !"video".equals(kind)) {
      throw new TypeException("kind must be \"audio\" or \"video\", got " + kind);
    }
    return addTransceiverInternal(kind, null, init);
  }

  /** {@code addTransceiver(track)} with default options. */
  public RTCRtpTransceiver addTransceiver(MediaStreamTrack track) {
    return addTransceiver(track, RTCRtpTransceiverInit.defaults());
  }

  /** webrtc-pc §5.1 {@code addTransceiver(track, init)}. */
  public RTCRtpTransceiver addTransceiver(MediaStreamTrack track, RTCRtpTransceiverInit init) {
    if (track == null) {
      throw new TypeException("track is required");
    }
    return addTransceiverInternal(track.kind(), track, init);
  }

  private RTCRtpTransceiver addTransceiverInternal(String kind, MediaStreamTrack track,
      RTCRtpTransceiverInit init) {
    RTCRtpTransceiverInit options = init == null ? RTCRtpTransceiverInit.defaults() : init;
    if (options.direction() == RTCRtpTransceiverDirection.STOPPED) {
      throw new TypeException("direction 'stopped' is not allowed in addTransceiver");
    }
    List<RTCRtpEncodingParameters> encodings = SendEncodings.normalize(kind, options.sendEncodings());
    RTCRtpTransceiver t;
    synchronized (lock()) {
      if (isClosed()) {
        throw new InvalidStateException("The RTCPeerConnection is closed");
      }
      List<String> ids = new ArrayList<>();
      options.streams().forEach(s -> ids.add(s.id()));
      t = engine().addTransceiver(kind, track, ids, options.direction(), false, encodings);
      changedUnderLock();
      publishUnderLock();
    }
    updateNegotiationNeeded();
    return t;
  }

  /**
   * webrtc-pc §5.1 {@code addTrack}: InvalidStateError when closed, InvalidAccessError when the
   * track is already sent; reuses a transceiver that never sent, else adds a sendrecv one.
   */
  public RTCRtpSender addTrack(MediaStreamTrack track, MediaStream... streams) {
    if (track == null) {
      throw new TypeException("track is required");
    }
    RTCRtpSender sender;
    synchronized (lock()) {
      if (isClosed()) {
        throw new InvalidStateException("The RTCPeerConnection is closed");
      }
      for (RTCRtpTransceiver t : engine().transceivers) {
        if (t.sender().track() == track && !t.stopped) {
          throw new InvalidAccessException("The track " + track.id() + " already has a sender");
        }
      }
      List<String> ids = new ArrayList<>();
      for (MediaStream s : streams) {
        ids.add(s.id());
      }
      RTCRtpTransceiver reuse = null;
      for (RTCRtpTransceiver t : engine().transceivers) {
        if (t.kind().equals(track.kind()) && t.sender().track() == null && !t.stopping && !t.stopped
            && !t.everSent) {
          reuse = t;
          break;
        }
      }
      if (reuse != null) {
        reuse.sender().setTrackInternal(track);
        reuse.sender().setStreamIdsInternal(ids);
        if (reuse.direction == RTCRtpTransceiverDirection.RECVONLY) {
          reuse.direction = RTCRtpTransceiverDirection.SENDRECV;
        } else if (reuse.direction == RTCRtpTransceiverDirection.INACTIVE) {
          reuse.direction = RTCRtpTransceiverDirection.SENDONLY;
        }
        sender = reuse.sender();
      } else {
        sender = engine().addTransceiver(track.kind(), track, ids, RTCRtpTransceiverDirection.SENDRECV, true)
            .sender();
      }
      changedUnderLock();
      publishUnderLock();
    }
    updateNegotiationNeeded();
    return sender;
  }

  /** webrtc-pc §5.1 {@code removeTrack}: InvalidStateError when closed, InvalidAccessError for a foreign sender. */
  public void removeTrack(RTCRtpSender sender) {
    if (sender == null) {
      throw new TypeException("sender is required");
    }
    synchronized (lock()) {
      if (isClosed()) {
        throw new InvalidStateException("The RTCPeerConnection is closed");
      }
      RTCRtpTransceiver t = sender.transceiver;
      if (t == null || !engine().transceivers.contains(t)) {
        throw new InvalidAccessException("The sender was not created by this connection");
      }
      if (t.stopping || sender.track() == null) {
        return;
      }
      sender.setTrackInternal(null);
      if (t.direction == RTCRtpTransceiverDirection.SENDRECV) {
        t.direction = RTCRtpTransceiverDirection.RECVONLY;
      } else if (t.direction == RTCRtpTransceiverDirection.SENDONLY) {
        t.direction = RTCRtpTransceiverDirection.INACTIVE;
      }
      changedUnderLock();
    }
    updateNegotiationNeeded();
  }

  /** The transceivers, in creation order. */
  public List<RTCRtpTransceiver> getTransceivers() {
    return transceivers();
  }

  /** The senders of the transceivers that are not stopped. */
  public List<RTCRtpSender> getSenders() {
    List<RTCRtpSender> out = new ArrayList<>();
    for (RTCRtpTransceiver t : transceivers()) {
      if (!t.stopped) {
        out.add(t.sender());
      }
    }
    return List.copyOf(out);
  }

  /** The receivers of the transceivers that are not stopped. */
  public List<RTCRtpReceiver> getReceivers() {
    List<RTCRtpReceiver> out = new ArrayList<>();
    for (RTCRtpTransceiver t : transceivers()) {
      if (!t.stopped) {
        out.add(t.receiver());
      }
    }
    return List.copyOf(out);
  }

  void setTransceiverDirection(RTCRtpTransceiver t, RTCRtpTransceiverDirection d) {
    if (d == null || d == RTCRtpTransceiverDirection.STOPPED) {
      throw new TypeException("direction cannot be set to " + (d == null ? null : "'stopped'"));
    }
    synchronized (lock()) {
      if (isClosed()) {
        throw new InvalidStateException("The RTCPeerConnection is closed");
      }
      if (t.stopping) {
        throw new InvalidStateException("The transceiver is stopping");
      }
      if (t.direction == d) {
        return;
      }
      t.direction = d;
      changedUnderLock();
    }
    updateNegotiationNeeded();
  }

  void stopTransceiver(RTCRtpTransceiver t) {
    synchronized (lock()) {
      if (isClosed()) {
        throw new InvalidStateException("The RTCPeerConnection is closed");
      }
      if (t.stopping) {
        return;
      }
      // webrtc-pc "stop sending and receiving"
      t.stopping = true;
      t.direction = RTCRtpTransceiverDirection.STOPPED;
      t.receiver().track().stop();
      changedUnderLock();
    }
    updateNegotiationNeeded();
  }

  CompletableFuture<Void> replaceTrack(RTCRtpSender sender, MediaStreamTrack track) {
    if (track != null && !track.kind().equals(sender.kind())) {
      return CompletableFuture.failedFuture(new TypeException("Track kind " + track.kind()
          + " does not match the sender's " + sender.kind()));
    }
    return chain(() -> {
      RTCRtpTransceiver t = sender.transceiver;
      if (t.stopping) {
        throw new InvalidStateException("The transceiver is stopped");
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      post(() -> {
        if (isClosed()) {
          return;
        }
        sender.setTrackInternal(track);
        f.complete(null);
      });
      return f;
    });
  }

  void setSenderStreams(RTCRtpSender sender, List<MediaStream> streams) {
    synchronized (lock()) {
      if (isClosed()) {
        throw new InvalidStateException("The RTCPeerConnection is closed");
      }
      List<String> ids = new ArrayList<>();
      for (MediaStream s : streams) {
        if (!ids.contains(s.id())) {
          ids.add(s.id());
        }
      }
      sender.setStreamIdsInternal(ids);
      changedUnderLock();
    }
    updateNegotiationNeeded();
  }

  void setCodecPreferences(RTCRtpTransceiver t, List<RTCRtpCodec> codecs) {
    if (codecs == null) {
      throw new TypeException("codecs is required");
    }
    RTCRtpCapabilities caps = RTCRtpCapabilities.of(t.kind());
    List<RTCRtpCodec> preferences = new ArrayList<>();
    boolean primary = false;
    for (RTCRtpCodec c : codecs) {
      RTCRtpCodec known = null;
      for (RTCRtpCodec k : caps.codecs()) {
        if (RTCRtpCapabilities.matches(c, k)) {
          known = k;
        }
      }
      if (known == null) {
        throw new InvalidModificationException("Codec " + c.mimeType() + "/" + c.clockRate()
            + " is not a capability of this " + t.kind() + " transceiver");
      }
      if (!preferences.contains(known)) {
        preferences.add(known);
      }
      primary |= !known.mimeType().toLowerCase(java.util.Locale.ROOT).endsWith("/rtx");
    }
    if (!preferences.isEmpty() && !primary) {
      throw new InvalidModificationException("The codec preferences hold only rtx");
    }
    synchronized (lock()) {
      t.codecPreferences = List.copyOf(preferences);
      changedUnderLock();
    }
  }

  abstract String cname();

  RTCRtpSendParameters senderParameters(RTCRtpSender sender) {
    boolean[] fresh = new boolean[1];
    RTCRtpSendParameters p;
    synchronized (lock()) {
      p = sender.parameters(cname(), fresh);
    }
    if (fresh[0]) {
      // webrtc-pc: "queue a task that sets [[LastReturnedParameters]] to null"
      String tid = p.transactionId();
      post(() -> {
        synchronized (lock()) {
          sender.endTransaction(tid);
        }
      });
    }
    return p;
  }

  CompletableFuture<Void> setSenderParameters(RTCRtpSender sender, RTCRtpSendParameters parameters) {
    if (parameters == null) {
      return CompletableFuture.failedFuture(new TypeException("parameters are required"));
    }
    List<RTCRtpEncodingParameters> encodings;
    synchronized (lock()) {
      RTCRtpTransceiver t = sender.transceiver;
      if (t == null || t.stopping || isClosed()) {
        return CompletableFuture.failedFuture(new InvalidStateException("The transceiver is stopped"));
      }
      try {
        encodings = sender.checkParameters(parameters);
      } catch (DOMException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    post(() -> {
      synchronized (lock()) {
        sender.sendEncodings = encodings;
      }
      f.complete(null);
    });
    return f;
  }
}
