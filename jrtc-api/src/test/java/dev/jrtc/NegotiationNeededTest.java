package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** webrtc-pc §4.7.3 "check if negotiation is needed", after WPT RTCPeerConnection-onnegotiationneeded. */
class NegotiationNeededTest {

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection pc = Peers.pc(ex);
  private final RTCPeerConnection peer = Peers.pc(ex);
  private final List<String> events = new ArrayList<>();
  private RTCRtpTransceiver transceiver;
  private final MediaStream stream1 = new MediaStream();
  private final MediaStream stream2 = new MediaStream();

  @BeforeEach
  void negotiatedWithTwoStreams() {
    transceiver = pc.addTransceiver("audio");
    transceiver.sender().setStreams(stream1, stream2);
    Peers.negotiate(ex, pc, peer);
    ex.drain();
    pc.onNegotiationNeeded(e -> events.add("negotiationneeded"));
  }

  private boolean fires(Runnable change) {
    events.clear();
    change.run();
    ex.drain();
    return !events.isEmpty();
  }

  @Test
  void sameStreamsInAnyOrderOrWithDuplicatesDoNotFire() {
    assertThat(fires(() -> transceiver.sender().setStreams(stream2, stream1))).isFalse();
    assertThat(fires(() -> transceiver.sender().setStreams(stream1, stream2, stream1))).isFalse();
  }

  @Test
  void changedStreamsFire() {
    assertThat(fires(() -> transceiver.sender().setStreams(stream2))).isTrue();
  }

  @Test
  void noStreamsFires() {
    assertThat(fires(() -> transceiver.sender().setStreams())).isTrue();
  }

  @Test
  void directionChangeFiresAndReturningToTheNegotiatedOneClears() {
    assertThat(fires(() -> transceiver.setDirection(RTCRtpTransceiverDirection.RECVONLY))).isTrue();
    // back to the negotiated direction before renegotiating: nothing is needed any more
    assertThat(fires(() -> transceiver.setDirection(RTCRtpTransceiverDirection.SENDRECV))).isFalse();
    assertThat(fires(() -> transceiver.setDirection(RTCRtpTransceiverDirection.INACTIVE))).isTrue();
  }

  @Test
  void removeTrackFiresOnTheCaller() {
    RTCRtpSender sender = pc.addTrack(MediaStreamTrack.create("video"));
    Peers.negotiate(ex, pc, peer);
    ex.drain();
    assertThat(fires(() -> pc.removeTrack(sender))).isTrue();
  }

  @Test
  void stopFiresAndTheStopNegotiationClearsIt() {
    assertThat(fires(transceiver::stop)).isTrue();
    events.clear();
    Peers.negotiate(ex, pc, peer);
    ex.drain();
    assertThat(events).isEmpty();
  }

  @Test
  void restartIceFires() {
    assertThat(fires(pc::restartIce)).isTrue();
  }

  @Test
  void restartIceBeforeAnyNegotiationDoesNothing() {
    RTCPeerConnection fresh = Peers.pc(ex);
    List<String> seen = new ArrayList<>();
    fresh.onNegotiationNeeded(e -> seen.add("negotiationneeded"));
    fresh.restartIce();
    ex.drain();
    assertThat(seen).isEmpty();
  }

  @Test
  void restartIceInHaveRemoteOfferWaitsForOurOffer() {
    // WPT restartIce: "works in have-remote-offer": the answer keeps the credentials
    String before = SessionDescriptionUfrag.of(pc.currentLocalDescription());
    peer.getTransceivers().get(0).setDirection(RTCRtpTransceiverDirection.RECVONLY);
    ex.await(peer.setLocalDescription());
    ex.await(pc.setRemoteDescription(peer.localDescription()));
    pc.restartIce();
    events.clear();
    ex.await(pc.setLocalDescription()); // the answer: stable again, then negotiationneeded
    assertThat(SessionDescriptionUfrag.of(pc.currentLocalDescription())).isEqualTo(before);
    assertThat(events).containsExactly("negotiationneeded");
    ex.await(pc.setLocalDescription());
    assertThat(SessionDescriptionUfrag.of(pc.localDescription())).isNotEqualTo(before);
  }

  /** The first m-section's ice-ufrag of a description. */
  private static final class SessionDescriptionUfrag {
    static String of(RTCSessionDescription d) {
      return dev.jrtc.sdp.SessionDescription.parse(d.sdp()).media().get(0).iceUfrag().orElseThrow();
    }
  }

  @Test
  void handlerThatNegotiatesGetsOneEventPerChange() {
    // WPT: "Adding two transceivers, one at a time, results in the expected number of events"
    List<Integer> count = new ArrayList<>();
    pc.onNegotiationNeeded(e -> {
      count.add(1);
      Peers.negotiate(ex, pc, peer);
    });
    pc.addTransceiver("video");
    ex.drain();
    pc.addTransceiver("audio");
    ex.drain();
    assertThat(count).hasSize(2);
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
  }
}
