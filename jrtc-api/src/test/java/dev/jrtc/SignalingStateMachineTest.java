package dev.jrtc;

import static dev.jrtc.RTCSignalingState.CLOSED;
import static dev.jrtc.RTCSignalingState.HAVE_LOCAL_OFFER;
import static dev.jrtc.RTCSignalingState.HAVE_LOCAL_PRANSWER;
import static dev.jrtc.RTCSignalingState.HAVE_REMOTE_OFFER;
import static dev.jrtc.RTCSignalingState.HAVE_REMOTE_PRANSWER;
import static dev.jrtc.RTCSignalingState.STABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signaling state machine (webrtc-pc §4.3.1, RFC 8829 §3.2 figure 1), row by row as in
 * pion's signalingstate_test.go: every legal arc and every illegal one.
 */
class SignalingStateMachineTest {

  private static final Map<String, RTCSignalingState> LEGAL = Map.ofEntries(
      Map.entry("stable local offer", HAVE_LOCAL_OFFER),
      Map.entry("stable remote offer", HAVE_REMOTE_OFFER),
      Map.entry("have-local-offer local offer", HAVE_LOCAL_OFFER),
      Map.entry("have-local-offer remote answer", STABLE),
      Map.entry("have-local-offer remote pranswer", HAVE_REMOTE_PRANSWER),
      Map.entry("have-local-offer local rollback", STABLE),
      Map.entry("have-remote-offer remote offer", HAVE_REMOTE_OFFER),
      Map.entry("have-remote-offer local answer", STABLE),
      Map.entry("have-remote-offer local pranswer", HAVE_LOCAL_PRANSWER),
      Map.entry("have-remote-offer remote rollback", STABLE),
      Map.entry("have-local-pranswer local pranswer", HAVE_LOCAL_PRANSWER),
      Map.entry("have-local-pranswer local answer", STABLE),
      Map.entry("have-remote-pranswer remote pranswer", HAVE_REMOTE_PRANSWER),
      Map.entry("have-remote-pranswer remote answer", STABLE));

  static Stream<Arguments> arcs() {
    List<Arguments> rows = new ArrayList<>();
    for (RTCSignalingState s : RTCSignalingState.values()) {
      for (boolean remote : new boolean[] {false, true}) {
        for (RTCSdpType type : RTCSdpType.values()) {
          RTCSignalingState next = LEGAL.get(s.value() + (remote ? " remote " : " local ") + type.value());
          String name = s.value() + " -Set" + (remote ? "Remote" : "Local") + "(" + type.value() + ")-> "
              + (next == null ? "InvalidStateError" : next.value());
          rows.add(Arguments.of(name, s, remote, type, next));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arcs")
  void transitionTable(String name, RTCSignalingState from, boolean remote, RTCSdpType type,
      RTCSignalingState expected) {
    assertThat(JsepEngine.transition(from, remote, type)).isEqualTo(expected);
  }

  /** Drives a fresh connection into {@code state}; {@code peer} supplies remote descriptions. */
  static RTCPeerConnection inState(ManualExecutor ex, RTCSignalingState state, RTCPeerConnection peer) {
    RTCPeerConnection pc = Peers.pc(ex);
    pc.addTransceiver("audio");
    peer.addTransceiver("audio");
    switch (state) {
      case STABLE -> { }
      case HAVE_LOCAL_OFFER -> ex.await(pc.setLocalDescription());
      case HAVE_REMOTE_OFFER -> ex.await(pc.setRemoteDescription(ex.await(peer.createOffer())));
      case HAVE_LOCAL_PRANSWER -> {
        ex.await(pc.setRemoteDescription(ex.await(peer.createOffer())));
        RTCSessionDescriptionInit answer = ex.await(pc.createAnswer());
        ex.await(pc.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.PRANSWER, answer.sdp())));
      }
      case HAVE_REMOTE_PRANSWER -> {
        RTCSessionDescriptionInit offer = ex.await(pc.createOffer());
        ex.await(pc.setLocalDescription(offer));
        ex.await(peer.setRemoteDescription(offer));
        RTCSessionDescriptionInit answer = ex.await(peer.createAnswer());
        ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.PRANSWER, answer.sdp())));
      }
      case CLOSED -> pc.close();
      default -> throw new AssertionError(state);
    }
    assertThat(pc.signalingState()).isEqualTo(state);
    return pc;
  }

  static Stream<Arguments> illegalArcs() {
    return arcs().filter(a -> a.get()[4] == null
        // SetRemote(offer) in have-local-offer is legal: an implicit rollback comes first
        && !(a.get()[1] == HAVE_LOCAL_OFFER && (boolean) a.get()[2] && a.get()[3] == RTCSdpType.OFFER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("illegalArcs")
  void illegalArcRejectsWithInvalidStateErrorAndChangesNothing(String name, RTCSignalingState from,
      boolean remote, RTCSdpType type, RTCSignalingState ignored) {
    ManualExecutor ex = new ManualExecutor();
    RTCPeerConnection helper = Peers.pc(ex);
    helper.addTransceiver("audio");
    RTCPeerConnection peer = Peers.pc(ex);
    RTCPeerConnection pc = inState(ex, from, peer);
    String sdp = type == RTCSdpType.ROLLBACK ? "" : ex.await(helper.createOffer()).sdp();
    RTCSessionDescription local = pc.localDescription();
    RTCSessionDescription remoteDesc = pc.remoteDescription();
    int transceivers = pc.getTransceivers().size();
    List<String> events = new ArrayList<>();
    pc.addEventListener("signalingstatechange", e -> events.add(pc.signalingState().value()));
    RTCSessionDescriptionInit init = RTCSessionDescriptionInit.of(type, remote ? sdp : "");
    var f = remote ? pc.setRemoteDescription(init) : pc.setLocalDescription(init);
    // webrtc-pc: the type is checked synchronously when the chain is empty (WPT operations.https)
    assertThat(f).isCompletedExceptionally();
    Throwable error = ex.failure(f);
    assertThat(error).isInstanceOf(InvalidStateException.class);
    assertThat(((DOMException) error).name()).isEqualTo("InvalidStateError");
    assertThat(pc.signalingState()).isEqualTo(from);
    assertThat(Peers.described(pc.localDescription())).isEqualTo(Peers.described(local));
    assertThat(pc.remoteDescription()).isSameAs(remoteDesc);
    assertThat(pc.getTransceivers()).hasSize(transceivers);
    assertThat(events).isEmpty();
  }

  @Test
  void offererPath() {
    ManualExecutor ex = new ManualExecutor();
    RTCPeerConnection pc = Peers.pc(ex);
    RTCPeerConnection peer = Peers.pc(ex);
    pc.addTransceiver("audio");
    List<String> states = new ArrayList<>();
    pc.onSignalingStateChange(e -> states.add(pc.signalingState().value()));
    RTCSessionDescriptionInit offer = ex.await(pc.createOffer());
    ex.await(pc.setLocalDescription(offer));
    ex.await(pc.setLocalDescription(offer)); // have-local-offer -> have-local-offer
    ex.await(peer.setRemoteDescription(offer));
    String answer = ex.await(peer.createAnswer()).sdp();
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.PRANSWER, answer)));
    assertThat(pc.remoteDescription().type()).isEqualTo(RTCSdpType.PRANSWER);
    assertThat(pc.pendingRemoteDescription()).isSameAs(pc.remoteDescription());
    assertThat(pc.currentRemoteDescription()).isNull();
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.PRANSWER, answer)));
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ANSWER, answer)));
    assertThat(states).containsExactly("have-local-offer", "have-remote-pranswer", "stable");
    assertThat(pc.currentRemoteDescription().type()).isEqualTo(RTCSdpType.ANSWER);
    assertThat(Peers.withoutCandidates(pc.currentLocalDescription().sdp())).isEqualTo(offer.sdp());
    assertThat(pc.pendingLocalDescription()).isNull();
    assertThat(pc.pendingRemoteDescription()).isNull();
  }

  @Test
  void answererPathWithPranswers() {
    ManualExecutor ex = new ManualExecutor();
    RTCPeerConnection pc = Peers.pc(ex);
    RTCPeerConnection peer = Peers.pc(ex);
    peer.addTransceiver("video");
    List<String> states = new ArrayList<>();
    pc.onSignalingStateChange(e -> states.add(pc.signalingState().value()));
    RTCSessionDescriptionInit offer = ex.await(peer.createOffer());
    ex.await(pc.setRemoteDescription(offer));
    ex.await(pc.setRemoteDescription(offer)); // repeated sRD(offer) works
    assertThat(pc.getTransceivers()).hasSize(1);
    String answer = ex.await(pc.createAnswer()).sdp();
    ex.await(pc.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.PRANSWER, answer)));
    assertThat(pc.localDescription().type()).isEqualTo(RTCSdpType.PRANSWER);
    ex.await(pc.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.PRANSWER, "")));
    ex.await(pc.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.ANSWER, "")));
    assertThat(states).containsExactly("have-remote-offer", "have-local-pranswer", "stable");
    assertThat(pc.currentLocalDescription().type()).isEqualTo(RTCSdpType.ANSWER);
    assertThat(pc.currentRemoteDescription().sdp()).isEqualTo(offer.sdp());
  }

  @Test
  void closedRejectsEverything() {
    ManualExecutor ex = new ManualExecutor();
    RTCPeerConnection pc = Peers.pc(ex);
    pc.close();
    assertThat(pc.signalingState()).isEqualTo(CLOSED);
    for (var f : List.of(pc.createOffer(), pc.createAnswer(), pc.setLocalDescription(),
        pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, "v=0")), pc.addIceCandidate())) {
      assertThat(f).isCompletedExceptionally();
      assertThat(ex.failure(f)).isInstanceOf(InvalidStateException.class);
    }
  }
}
