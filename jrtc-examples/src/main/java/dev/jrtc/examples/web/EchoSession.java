package dev.jrtc.examples.web;

import dev.jrtc.MessageEvent;
import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCDataChannel;
import dev.jrtc.RTCDtlsTransport;
import dev.jrtc.RTCDtlsTransportState;
import dev.jrtc.RTCIceCandidateInit;
import dev.jrtc.RTCIceGatheringState;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCPeerConnectionState;
import dev.jrtc.RTCSctpTransport;
import dev.jrtc.RTCSctpTransportState;
import dev.jrtc.RTCSdpType;
import dev.jrtc.RTCSessionDescriptionInit;
import dev.jrtc.RTCSettings;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.SessionDescription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One WHIP session: a jrtc peer connection that answers the client's offer and echoes every
 * message of every data channel the client opens, on the channel it came from, text as text and
 * binary as binary.
 */
final class EchoSession {

  /** How long an offer/answer step or ICE gathering may take before the request fails. */
  static final long STEP_SECONDS = 20;

  private final String id;
  private final RTCPeerConnection pc;
  private final Consumer<EchoSession> onEnd;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile SessionDescription remote;

  EchoSession(String id, RTCSettings settings, Consumer<EchoSession> onEnd) {
    this.id = id;
    this.onEnd = onEnd;
    this.pc = new RTCPeerConnection(RTCConfiguration.defaults(), settings);
    pc.onDataChannel(e -> echo(e.channel()));
    pc.onConnectionStateChange(e -> {
      RTCPeerConnectionState s = pc.connectionState();
      if (s == RTCPeerConnectionState.FAILED || s == RTCPeerConnectionState.CLOSED) {
        close();
      }
    });
  }

  String id() {
    return id;
  }

  RTCPeerConnection peerConnection() {
    return pc;
  }

  /** Messages echoed so far. */
  long messages() {
    return messages.get();
  }

  /** Payload bytes echoed so far (UTF-8 length for text). */
  long bytes() {
    return bytes.get();
  }

  private void echo(RTCDataChannel channel) {
    channel.onMessage(m -> {
      messages.incrementAndGet();
      if (m.isText()) {
        String text = m.text();
        bytes.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
        channel.send(text);
      } else {
        byte[] data = binary(m);
        bytes.addAndGet(data.length);
        channel.send(data);
      }
    });
  }

  private static byte[] binary(MessageEvent m) {
    if (m.data() instanceof ByteBuffer b) {
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      return copy;
    }
    return m.bytes();
  }

  /**
   * Answers the offer and waits for ICE gathering to complete, so that the answer carries every
   * local candidate (non-trickle clients need them, RFC 9725 §4.3.1).
   *
   * @return the answer SDP
   * @throws BadRequestException (400) when the offer is refused by the peer connection
   */
  String answer(SessionDescription offer, String offerSdp) throws BadRequestException {
    remote = offer;
    CompletableFuture<Void> gathered = new CompletableFuture<>();
    pc.onIceGatheringStateChange(e -> {
      if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
        gathered.complete(null);
      }
    });
    try {
      await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, offerSdp)), "the offer");
    } catch (OperationFailed e) {
      throw new BadRequestException(400, "offer refused: " + e.getMessage());
    }
    try {
      RTCSessionDescriptionInit answer = await(pc.createAnswer(), "createAnswer");
      await(pc.setLocalDescription(answer), "setLocalDescription");
      watchTransports();
      if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
        gathered.complete(null);
      }
      await(gathered, "ICE gathering");
      return pc.localDescription().sdp();
    } catch (OperationFailed e) {
      throw new IllegalStateException("answering failed: " + e.getMessage(), e);
    }
  }

  /**
   * Ends the session when the client closes the association or DTLS (close_notify, SCTP ABORT or
   * SHUTDOWN): the connection state stays {@code connected} then (webrtc-pc §4.3.3 counts a closed
   * transport as connected), so waiting for it would keep a dead session until consent expires.
   */
  private void watchTransports() {
    RTCSctpTransport sctp = pc.sctp();
    if (sctp == null) {
      return;
    }
    sctp.onStateChange(e -> {
      if (sctp.state() == RTCSctpTransportState.CLOSED) {
        close();
      }
    });
    RTCDtlsTransport dtls = sctp.transport();
    dtls.onStateChange(e -> {
      RTCDtlsTransportState s = dtls.state();
      if (s == RTCDtlsTransportState.CLOSED || s == RTCDtlsTransportState.FAILED) {
        close();
      }
    });
  }

  /**
   * Adds the trickled candidates of a PATCH (RFC 9725 §4.3.1).
   *
   * @throws BadRequestException (400) when a candidate is refused; (422) when the credentials
   *     name another ICE generation, as an ICE restart is not supported by this server
   */
  void trickle(TrickleIceFragment fragment) throws BadRequestException {
    SessionDescription offer = remote;
    if (offer == null) {
      throw new BadRequestException(409, "session has no offer yet");
    }
    if (fragment.iceUfrag() != null) {
      List<String> known = ufrags(offer);
      if (!known.isEmpty() && !known.contains(fragment.iceUfrag())) {
        throw new BadRequestException(422, "ice-ufrag " + fragment.iceUfrag()
            + " is not the session's; ICE restart is not supported");
      }
    }
    List<CompletableFuture<Void>> adds = new ArrayList<>();
    for (TrickleIceFragment.Candidate c : fragment.candidates()) {
      String mid = c.mid();
      Integer index = c.mLineIndex();
      if (mid == null && index == null) {
        index = 0;
      }
      adds.add(pc.addIceCandidate(new RTCIceCandidateInit(c.attribute(), mid,
          mid != null ? null : index, fragment.iceUfrag())));
    }
    if (fragment.endOfCandidates()) {
      // RFC 8838 §13: end-of-candidates is signalled as an empty candidate
      String mid = offer.media().isEmpty() ? null : offer.media().get(0).mid().orElse(null);
      adds.add(pc.addIceCandidate(new RTCIceCandidateInit("", mid, mid == null ? 0 : null,
          fragment.iceUfrag())));
    }
    for (CompletableFuture<Void> add : adds) {
      try {
        await(add, "addIceCandidate");
      } catch (OperationFailed e) {
        throw new BadRequestException(400, "candidate refused: " + e.getMessage());
      }
    }
  }

  private static List<String> ufrags(SessionDescription sdp) {
    List<String> out = new ArrayList<>();
    sdp.iceUfrag().ifPresent(out::add);
    for (MediaDescription m : sdp.media()) {
      m.attribute("ice-ufrag").ifPresent(out::add);
    }
    return out;
  }

  /** Closes the peer connection once and tells the owner. */
  void close() {
    if (ended.compareAndSet(false, true)) {
      pc.close();
      onEnd.accept(this);
      closed.complete(null);
    }
  }

  /** Completes once the session has ended and left the endpoint's table. */
  CompletableFuture<Void> closed() {
    return closed;
  }

  boolean isEnded() {
    return ended.get();
  }

  private static <T> T await(CompletableFuture<T> f, String what) throws OperationFailed {
    try {
      return f.get(STEP_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new OperationFailed(what + ": " + firstLine(String.valueOf(cause.getMessage())));
    } catch (TimeoutException e) {
      throw new OperationFailed(what + " did not finish within " + STEP_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailed(what + " interrupted");
    }
  }

  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** A peer connection operation that rejected or timed out. */
  private static final class OperationFailed extends Exception {
    private static final long serialVersionUID = 1L;

    OperationFailed(String message) {
      super(message);
    }
  }
}
