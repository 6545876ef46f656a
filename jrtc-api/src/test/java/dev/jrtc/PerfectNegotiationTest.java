package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Parameterless setLocalDescription, rollback and glare (webrtc-pc §10.7 "Perfect negotiation"
 * example), and the same negotiation on the default multi-threaded event strand.
 */
class PerfectNegotiationTest {

  private final ManualExecutor ex = new ManualExecutor();

  @Test
  void parameterlessSetLocalDescriptionMakesOfferThenAnswer() {
    RTCPeerConnection a = Peers.pc(ex);
    RTCPeerConnection b = Peers.pc(ex);
    a.addTransceiver("audio");
    ex.await(a.setLocalDescription());
    assertThat(a.pendingLocalDescription().type()).isEqualTo(RTCSdpType.OFFER);
    ex.await(b.setRemoteDescription(a.localDescription().toJSON()));
    ex.await(b.setLocalDescription());
    assertThat(b.currentLocalDescription().type()).isEqualTo(RTCSdpType.ANSWER);
    ex.await(a.setRemoteDescription(b.localDescription().toJSON()));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
  }

  @Test
  void parameterlessUsesTheLastCreatedOfferWhileValid() {
    RTCPeerConnection a = Peers.pc(ex);
    a.addTransceiver("audio");
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    ex.await(a.setLocalDescription());
    assertThat(Peers.withoutCandidates(a.localDescription().sdp())).isEqualTo(offer.sdp());
    // after a change, the implicit offer is a new one
    RTCPeerConnection c = Peers.pc(ex);
    c.addTransceiver("audio");
    RTCSessionDescriptionInit stale = ex.await(c.createOffer());
    c.addTransceiver("video");
    ex.await(c.setLocalDescription());
    assertThat(c.localDescription().sdp()).isNotEqualTo(stale.sdp()).contains("m=video");
  }

  @Test
  void modifiedSdpIsInvalidModificationError() {
    RTCPeerConnection a = Peers.pc(ex);
    a.addTransceiver("audio");
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    Throwable t = ex.failure(a.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER,
        offer.sdp().replace("a=rtcp-rsize\r\n", ""))));
    assertThat(t).isInstanceOfSatisfying(InvalidModificationException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidModificationError"));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
  }

  @Test
  void localRollbackRestoresStable() {
    RTCPeerConnection a = Peers.pc(ex);
    RTCRtpTransceiver t = a.addTransceiver("audio");
    ex.await(a.setLocalDescription());
    assertThat(t.mid()).isEqualTo("0");
    ex.await(a.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK)));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(a.localDescription()).isNull();
    assertThat(t.mid()).isNull();
  }

  @Test
  void remoteRollbackRemovesTransceiversTheOfferCreated() {
    RTCPeerConnection a = Peers.pc(ex);
    RTCPeerConnection b = Peers.pc(ex);
    a.addTransceiver("audio");
    a.addTransceiver("video");
    RTCRtpTransceiver mine = b.addTransceiver("audio");
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    ex.await(b.setRemoteDescription(offer));
    assertThat(b.getTransceivers()).hasSize(3);
    RTCRtpTransceiver created = b.getTransceivers().get(2);
    assertThat(created.mid()).isEqualTo("1");
    ex.await(b.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK)));
    assertThat(created.mid()).isNull();
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.getTransceivers()).containsExactly(mine);
    assertThat(b.remoteDescription()).isNull();
  }

  @Test
  void rollbackErrors() {
    RTCPeerConnection a = Peers.pc(ex);
    RTCPeerConnection b = Peers.pc(ex);
    // stable
    assertThat(ex.failure(a.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK))))
        .isInstanceOf(InvalidStateException.class);
    assertThat(ex.failure(a.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK))))
        .isInstanceOf(InvalidStateException.class);
    // have-remote-offer: local rollback is not allowed (WPT setLocalDescription-rollback)
    b.addTransceiver("audio");
    ex.await(a.setRemoteDescription(ex.await(b.createOffer())));
    assertThat(ex.failure(a.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK))))
        .isInstanceOf(InvalidStateException.class);
    // after the answer: stable again
    ex.await(a.setLocalDescription());
    assertThat(ex.failure(a.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK))))
        .isInstanceOf(InvalidStateException.class);
  }

  @Test
  void glareResolvedByThePolitePeer() {
    RTCPeerConnection polite = Peers.pc(ex);
    RTCPeerConnection impolite = Peers.pc(ex);
    polite.addTransceiver("audio");
    impolite.addTransceiver("video");
    ex.await(polite.setLocalDescription());
    ex.await(impolite.setLocalDescription());
    // both have local offers; the polite one accepts the other's offer (implicit rollback)
    ex.await(polite.setRemoteDescription(impolite.localDescription().toJSON()));
    ex.await(polite.setLocalDescription());
    ex.await(impolite.setRemoteDescription(polite.localDescription().toJSON()));
    assertThat(polite.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(impolite.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    // the polite peer's own audio is still to negotiate
    assertThat(polite.getTransceivers()).extracting(RTCRtpTransceiver::mid).containsExactly(null, "0");
    Peers.negotiate(ex, polite, impolite);
    assertThat(polite.getTransceivers()).extracting(RTCRtpTransceiver::mid).containsExactly("1", "0");
    assertThat(impolite.getTransceivers()).extracting(RTCRtpTransceiver::mid).containsExactly("0", "1");
  }

  @Test
  void defaultStrandOnRealThreads() throws Exception {
    // The default event executor: a serial strand over shared daemon threads.
    RTCPeerConnection a = new RTCPeerConnection(RTCConfiguration.builder().certificates(Peers.CERT).build(),
        RTCSettings.builder().network(Peers.NO_NETWORK).build());
    RTCPeerConnection b = new RTCPeerConnection(RTCConfiguration.builder().certificates(Peers.CERT).build(),
        RTCSettings.builder().network(Peers.NO_NETWORK).build());
    CompletableFuture<String> negotiationNeeded = new CompletableFuture<>();
    a.onNegotiationNeeded(e -> negotiationNeeded.complete(Thread.currentThread().getName()));
    a.addTransceiver("audio");
    a.createDataChannel("d");
    assertThat(negotiationNeeded.get(10, TimeUnit.SECONDS)).startsWith("jrtc-event-");
    CompletableFuture<Void> done = a.createOffer()
        .thenCompose(o -> a.setLocalDescription(o).thenApply(v -> o))
        .thenCompose(o -> b.setRemoteDescription(o))
        .thenCompose(v -> b.createAnswer())
        .thenCompose(ans -> b.setLocalDescription(ans).thenApply(v -> ans))
        .thenCompose(ans -> a.setRemoteDescription(ans));
    done.get(10, TimeUnit.SECONDS);
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.getTransceivers()).hasSize(1);
    a.close();
    b.close();
    assertThatThrownBy(() -> a.createOffer().get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(InvalidStateException.class);
  }

  @Test
  void synchronousCallsFromTheEventThreadDoNotDeadlock() throws Exception {
    RTCPeerConnection a = new RTCPeerConnection(RTCConfiguration.builder().certificates(Peers.CERT).build(),
        RTCSettings.builder().network(Peers.NO_NETWORK).build());
    CompletableFuture<List<RTCRtpTransceiver>> result = new CompletableFuture<>();
    a.onNegotiationNeeded(e -> {
      // called on the event strand: sync methods and getters work here
      a.addTransceiver("video");
      a.createDataChannel("from-handler");
      a.setConfiguration(a.getConfiguration());
      result.complete(a.getTransceivers());
    });
    a.addTransceiver("audio");
    assertThat(result.get(10, TimeUnit.SECONDS)).hasSize(2);
    a.close();
    assertThat(Duration.ZERO).isZero();
  }
}
