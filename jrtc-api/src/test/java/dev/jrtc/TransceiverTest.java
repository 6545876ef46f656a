package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** webrtc-pc §5.1/§5.4: addTransceiver, addTrack, removeTrack, direction, stop; WPT getTransceivers, RTCRtpTransceiver-direction. */
class TransceiverTest {

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection pc = Peers.pc(ex);

  @Test
  void addTransceiverByKind() {
    RTCRtpTransceiver t = pc.addTransceiver("audio");
    assertThat(t.mid()).isNull();
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    assertThat(t.currentDirection()).isNull();
    assertThat(t.sender().track()).isNull();
    assertThat(t.receiver().track().kind()).isEqualTo("audio");
    assertThat(t.receiver().track().readyState()).isEqualTo(MediaStreamTrackState.LIVE);
    assertThat(t.receiver().track().muted()).isTrue();
    assertThat(pc.getTransceivers()).containsExactly(t);
    assertThat(pc.getSenders()).containsExactly(t.sender());
    assertThat(pc.getReceivers()).containsExactly(t.receiver());
  }

  @Test
  void addTransceiverErrors() {
    assertThatThrownBy(() -> pc.addTransceiver("data")).isInstanceOf(TypeException.class);
    assertThatThrownBy(() -> pc.addTransceiver("audio", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.STOPPED)))
        .isInstanceOf(TypeException.class);
    assertThatThrownBy(() -> pc.addTransceiver("video", RTCRtpTransceiverInit.builder()
        .sendEncodings(RTCRtpEncodingParameters.withRid("a"), RTCRtpEncodingParameters.withRid("a")).build()))
        .isInstanceOf(TypeException.class);
    assertThatThrownBy(() -> pc.addTransceiver("video", RTCRtpTransceiverInit.builder()
        .sendEncodings(new RTCRtpEncodingParameters(null, true, null, null, 0.5)).build()))
        .isInstanceOfSatisfying(RangeException.class, e -> assertThat(e.name()).isEqualTo("RangeError"));
    pc.close();
    assertThatThrownBy(() -> pc.addTransceiver("audio")).isInstanceOf(InvalidStateException.class);
  }

  @Test
  void addTransceiverWithTrackAndStreams() {
    MediaStreamTrack track = MediaStreamTrack.create("video", "cam");
    MediaStream stream = new MediaStream(List.of(track));
    RTCRtpTransceiver t = pc.addTransceiver(track, RTCRtpTransceiverInit.builder()
        .direction(RTCRtpTransceiverDirection.SENDONLY).streams(stream).build());
    assertThat(t.sender().track()).isSameAs(track);
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDONLY);
    String sdp = ex.await(pc.createOffer()).sdp();
    assertThat(sdp).contains("a=msid:" + stream.id() + " " + track.id());
    assertThat(sdp).contains("a=ssrc-group:FID ");
  }

  @Test
  void addTrackTwiceIsInvalidAccessError() {
    MediaStreamTrack track = MediaStreamTrack.create("audio");
    pc.addTrack(track);
    assertThatThrownBy(() -> pc.addTrack(track))
        .isInstanceOfSatisfying(InvalidAccessException.class, e -> assertThat(e.name()).isEqualTo("InvalidAccessError"));
  }

  @Test
  void removeTrackKeepsTheSenderAndChangesDirection() {
    MediaStreamTrack track = MediaStreamTrack.create("audio");
    RTCRtpSender sender = pc.addTrack(track);
    pc.removeTrack(sender);
    assertThat(sender.track()).isNull();
    assertThat(pc.getSenders()).containsExactly(sender);
    assertThat(pc.getTransceivers().get(0).direction()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
    pc.removeTrack(sender); // no-op
    RTCPeerConnection other = Peers.pc(ex);
    RTCRtpSender foreign = other.addTrack(MediaStreamTrack.create("audio"));
    assertThatThrownBy(() -> pc.removeTrack(foreign)).isInstanceOf(InvalidAccessException.class);
    // a transceiver that never sent is reused by addTrack
    RTCRtpSender again = pc.addTrack(MediaStreamTrack.create("audio"));
    assertThat(again).isSameAs(sender);
    assertThat(pc.getTransceivers().get(0).direction()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
  }

  @Test
  void directionSetterIsIndependentOfCurrentDirection() {
    RTCPeerConnection peer = Peers.pc(ex);
    RTCRtpTransceiver t = pc.addTransceiver("audio", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.RECVONLY));
    Peers.negotiate(ex, pc, peer);
    assertThat(t.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
    t.setDirection(RTCRtpTransceiverDirection.SENDRECV);
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    assertThat(t.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
    assertThatThrownBy(() -> t.setDirection(RTCRtpTransceiverDirection.STOPPED)).isInstanceOf(TypeException.class);
  }

  @Test
  void stopThenDirectionIsInvalidStateError() {
    RTCRtpTransceiver t = pc.addTransceiver("audio");
    t.stop();
    t.stop(); // idempotent
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.STOPPED);
    assertThat(t.receiver().track().readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    assertThatThrownBy(() -> t.setDirection(RTCRtpTransceiverDirection.SENDONLY))
        .isInstanceOf(InvalidStateException.class);
    // a stopped transceiver that was never negotiated is not offered
    assertThat(ex.await(pc.createOffer()).sdp()).doesNotContain("m=audio");
    CompletableFutureAssert.rejectsSynchronously(t.sender().replaceTrack(null), InvalidStateException.class, ex);
  }

  @Test
  void replaceTrackChecksKindAndRunsOnTheChain() {
    RTCRtpTransceiver t = pc.addTransceiver("audio");
    assertThat(ex.failure(t.sender().replaceTrack(MediaStreamTrack.create("video")))).isInstanceOf(TypeException.class);
    MediaStreamTrack track = MediaStreamTrack.create("audio");
    var f = t.sender().replaceTrack(track);
    assertThat(t.sender().track()).isNull();
    ex.await(f);
    assertThat(t.sender().track()).isSameAs(track);
  }

  @Test
  void closeStopsTransceivers() {
    RTCRtpTransceiver t = pc.addTransceiver("audio");
    pc.close();
    assertThat(t.stopped()).isTrue();
    assertThat(t.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.STOPPED);
    assertThat(pc.getSenders()).isEmpty();
    assertThat(pc.getTransceivers()).containsExactly(t);
    assertThatThrownBy(t::stop).isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> pc.addTrack(MediaStreamTrack.create("audio"))).isInstanceOf(InvalidStateException.class);
    assertThat(pc.iceConnectionState()).isEqualTo(RTCIceConnectionState.CLOSED);
    assertThat(pc.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
    assertThat(pc.iceGatheringState()).isEqualTo(RTCIceGatheringState.NEW);
  }
}
