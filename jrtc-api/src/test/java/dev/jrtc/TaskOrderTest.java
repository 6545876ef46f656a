package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The "queue a task" ordering that WPT checks through the JS binding (shared/wpt/README.md
 * "How a binding over jrtc is written"): state, then events, then the promise, in one task;
 * negotiationneeded in a task of its own once the operations chain is empty.
 */
class TaskOrderTest {

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection pc = Peers.pc(ex);
  private final List<String> log = new ArrayList<>();

  @Test
  void setLocalDescriptionUpdatesStateThenFiresThenResolvesInOneTask() {
    RTCSessionDescriptionInit offer = ex.await(pc.createOffer());
    List<CompletableFuture<Void>> holder = new ArrayList<>();
    pc.onSignalingStateChange(e -> log.add("event state=" + pc.signalingState().value()
        + " pending=" + (pc.pendingLocalDescription() != null) + " resolved=" + holder.get(0).isDone()));
    holder.add(pc.setLocalDescription(offer));
    holder.get(0).thenRun(() -> log.add("resolved"));
    // nothing is visible synchronously
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(pc.pendingLocalDescription()).isNull();
    assertThat(ex.pending()).isEqualTo(1);
    ex.runOne();
    assertThat(log).containsExactly("event state=have-local-offer pending=true resolved=false", "resolved");
    assertThat(pc.localDescription()).isSameAs(pc.pendingLocalDescription());
    assertThat(Peers.withoutCandidates(pc.localDescription().sdp())).isEqualTo(offer.sdp());
  }

  @Test
  void operationsRunOneAtATimeInCallOrder() {
    pc.addTransceiver("audio");
    CompletableFuture<RTCSessionDescriptionInit> offer = pc.createOffer();
    CompletableFuture<Void> sld = pc.setLocalDescription();
    CompletableFuture<RTCSessionDescriptionInit> offer2 = pc.createOffer();
    offer.thenRun(() -> log.add("offer"));
    sld.thenRun(() -> log.add("sld state=" + pc.signalingState().value()));
    offer2.thenRun(() -> log.add("offer2"));
    ex.drain();
    assertThat(log).containsExactly("offer", "sld state=have-local-offer", "offer2");
    // the implicit offer of setLocalDescription() is the one createOffer made (still valid)
    assertThat(Peers.withoutCandidates(pc.localDescription().sdp())).isEqualTo(offer.join().sdp());
  }

  @Test
  void preconditionFailuresRejectBeforeReturning() {
    // WPT RTCPeerConnection-operations.https: "... must detect InvalidStateError synchronously"
    assertThat(pc.createAnswer()).isCompletedExceptionally();
    assertThat(pc.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK))).isCompletedExceptionally();
    assertThat(pc.addIceCandidate()).isCompletedExceptionally();
    assertThat(ex.failure(pc.addIceCandidate())).isInstanceOf(InvalidStateException.class);
    assertThat(pc.setRemoteDescription(new RTCSessionDescriptionInit(null, "x"))).isCompletedExceptionally();
    assertThat(ex.failure(pc.setRemoteDescription(new RTCSessionDescriptionInit(null, "x"))))
        .isInstanceOf(TypeException.class);
  }

  @Test
  void negotiationNeededFiresOnceInItsOwnTask() {
    pc.onNegotiationNeeded(e -> log.add("negotiationneeded"));
    pc.addTransceiver("audio");
    assertThat(log).isEmpty();
    pc.createDataChannel("a");
    pc.createDataChannel("b");
    ex.drain();
    assertThat(log).containsExactly("negotiationneeded");
    pc.addTransceiver("video"); // flag already set: no second event
    ex.drain();
    assertThat(log).containsExactly("negotiationneeded");
  }

  @Test
  void negotiationNeededClearsAfterNegotiation() {
    RTCPeerConnection peer = Peers.pc(ex);
    pc.onNegotiationNeeded(e -> log.add("negotiationneeded"));
    RTCRtpTransceiver t = pc.addTransceiver("audio");
    ex.drain();
    Peers.negotiate(ex, pc, peer);
    ex.drain();
    assertThat(log).containsExactly("negotiationneeded");
    t.setDirection(RTCRtpTransceiverDirection.SENDRECV); // same direction: nothing
    ex.drain();
    assertThat(log).hasSize(1);
    t.setDirection(RTCRtpTransceiverDirection.RECVONLY);
    ex.drain();
    assertThat(log).hasSize(2);
  }

  @Test
  void negotiationNeededWaitsForStableAndForTheNextTask() {
    // WPT onnegotiationneeded: "should fire only after signaling state goes back to stable after
    // setRemoteDescription" and "not ... until the next iteration of the event loop"
    RTCPeerConnection peer = Peers.pc(ex);
    pc.addTransceiver("audio");
    ex.drain();
    RTCSessionDescriptionInit offer = ex.await(pc.createOffer());
    ex.await(pc.setLocalDescription(offer));
    pc.onNegotiationNeeded(e -> log.add("negotiationneeded"));
    pc.onSignalingStateChange(e -> log.add("signalingstatechange"));
    pc.createDataChannel("test");
    ex.drain();
    assertThat(log).isEmpty(); // not stable
    ex.await(peer.setRemoteDescription(offer));
    RTCSessionDescriptionInit answer = ex.await(peer.createAnswer());
    CompletableFuture<Void> srd = pc.setRemoteDescription(answer);
    srd.thenRun(() -> log.add("resolved"));
    ex.runOne();
    assertThat(log).containsExactly("signalingstatechange", "resolved");
    ex.drain();
    assertThat(log).containsExactly("signalingstatechange", "resolved", "negotiationneeded");
  }

  @Test
  void negotiationNeededIsNotFiredWhileTheChainIsBusy() {
    pc.onNegotiationNeeded(e -> log.add("negotiationneeded"));
    CompletableFuture<RTCSessionDescriptionInit> offer = pc.createOffer();
    pc.addTransceiver("audio");
    offer.thenRun(() -> log.add("offer"));
    ex.drain();
    assertThat(log).containsExactly("offer", "negotiationneeded");
  }

  @Test
  void remoteOfferInHaveLocalOfferRollsBackFirstInAnEarlierTask() {
    RTCPeerConnection peer = Peers.pc(ex);
    peer.addTransceiver("video");
    pc.addTransceiver("audio");
    ex.await(pc.setLocalDescription());
    ex.awaitGatheringComplete(pc); // no transport task may slip between the tasks counted below
    RTCSessionDescriptionInit remoteOffer = ex.await(peer.createOffer());
    pc.onSignalingStateChange(e -> log.add(pc.signalingState().value()));
    CompletableFuture<Void> p = pc.setRemoteDescription(remoteOffer);
    ex.runOne();
    assertThat(log).containsExactly("stable");
    assertThat(p).isNotDone();
    ex.drain();
    assertThat(log).containsExactly("stable", "have-remote-offer");
    assertThat(p).isCompleted();
    // the local offer's transceiver lost its mid; the remote video got one
    assertThat(pc.getTransceivers()).extracting(RTCRtpTransceiver::mid).containsExactly(null, "0");
  }

  @Test
  void transceiversAddedByRemoteOfferAppearWhenItApplies() {
    RTCPeerConnection peer = Peers.pc(ex);
    peer.addTransceiver("video");
    RTCSessionDescriptionInit offer = ex.await(peer.createOffer());
    CompletableFuture<Void> p = pc.setRemoteDescription(offer);
    assertThat(pc.getTransceivers()).isEmpty();
    ex.await(p);
    assertThat(pc.getTransceivers()).hasSize(1);
  }

  @Test
  void closeFromAListenerStopsTheChainWithoutSettling() {
    pc.addTransceiver("audio");
    CompletableFuture<RTCSessionDescriptionInit> offer = pc.createOffer();
    pc.close();
    ex.drain();
    assertThat(offer).isNotDone();
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
  }
}
