package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** webrtc-pc §5.1 sendEncodings and §5.2 getParameters/setParameters, after WPT RTCRtpParameters-*. */
class RtpParametersTest {

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection pc = Peers.pc(ex);

  private static RTCRtpTransceiverInit encodings(RTCRtpEncodingParameters... e) {
    return RTCRtpTransceiverInit.builder().sendEncodings(e).build();
  }

  @Test
  void defaultEncodings() {
    RTCRtpSendParameters audio = pc.addTransceiver("audio").sender().getParameters();
    assertThat(audio.encodings()).containsExactly(RTCRtpEncodingParameters.defaults());
    RTCRtpSendParameters video = pc.addTransceiver("video").sender().getParameters();
    assertThat(video.encodings()).hasSize(1);
    assertThat(video.encodings().get(0).scaleResolutionDownBy()).isEqualTo(1.0);
    assertThat(video.rtcp().cname()).isNotEmpty();
    assertThat(video.rtcp().reducedSize()).isTrue();
    assertThat(video.transactionId()).isNotNull();
    assertThat(video.codecs()).isEmpty(); // not negotiated yet
  }

  @Test
  void scaleDefaultsAndTruncation() {
    RTCRtpSendParameters p = pc.addTransceiver("video", encodings(RTCRtpEncodingParameters.withRid("a"),
        RTCRtpEncodingParameters.withRid("b"), RTCRtpEncodingParameters.withRid("c"))).sender().getParameters();
    assertThat(p.encodings()).extracting(RTCRtpEncodingParameters::scaleResolutionDownBy).containsExactly(4.0, 2.0, 1.0);
    RTCRtpSendParameters some = pc.addTransceiver("video", encodings(
        new RTCRtpEncodingParameters("a", true, null, null, 3.0), RTCRtpEncodingParameters.withRid("b")))
        .sender().getParameters();
    assertThat(some.encodings()).extracting(RTCRtpEncodingParameters::scaleResolutionDownBy).containsExactly(3.0, 1.0);
    List<RTCRtpEncodingParameters> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(RTCRtpEncodingParameters.withRid(Integer.toString(i)));
    }
    RTCRtpTransceiver t = pc.addTransceiver("video", RTCRtpTransceiverInit.builder()
        .sendEncodings(many.toArray(new RTCRtpEncodingParameters[0])).build());
    assertThat(t.sender().getParameters().encodings()).hasSize(SendEncodings.MAX_LAYERS);
  }

  @Test
  void audioKeepsOneEncodingWithoutScale() {
    RTCRtpSendParameters p = pc.addTransceiver("audio", encodings(RTCRtpEncodingParameters.withRid("foo"),
        RTCRtpEncodingParameters.withRid("bar"))).sender().getParameters();
    assertThat(p.encodings()).containsExactly(new RTCRtpEncodingParameters(null, true, null, null, null));
    RTCRtpSendParameters q = pc.addTransceiver("audio", encodings(
        new RTCRtpEncodingParameters("foo", true, null, null, -1.0))).sender().getParameters();
    assertThat(q.encodings().get(0).scaleResolutionDownBy()).isNull();
  }

  @Test
  void encodingErrors() {
    assertThatThrownBy(() -> pc.addTransceiver("video", encodings(RTCRtpEncodingParameters.withRid("a"),
        RTCRtpEncodingParameters.withRid("a")))).isInstanceOf(TypeException.class);
    assertThatThrownBy(() -> pc.addTransceiver("video", encodings(RTCRtpEncodingParameters.withRid("a"),
        RTCRtpEncodingParameters.defaults()))).isInstanceOf(TypeException.class);
    assertThatThrownBy(() -> pc.addTransceiver("video", encodings(RTCRtpEncodingParameters.withRid(""))))
        .isInstanceOf(TypeException.class);
    assertThatThrownBy(() -> pc.addTransceiver("video", encodings(RTCRtpEncodingParameters.withRid("a!b"))))
        .isInstanceOf(TypeException.class);
    assertThatThrownBy(() -> pc.addTransceiver("video", encodings(RTCRtpEncodingParameters.withRid("a".repeat(256)))))
        .isInstanceOf(TypeException.class);
    pc.addTransceiver("video", encodings(RTCRtpEncodingParameters.withRid("ab" + "c".repeat(253))));
    assertThatThrownBy(() -> pc.addTransceiver("video", encodings(RTCRtpEncodingParameters.withRid("foo-bar"))))
        .isInstanceOf(TypeException.class);
    assertThatThrownBy(() -> pc.addTransceiver("video", encodings(new RTCRtpEncodingParameters(null, true, null, null, 0.5))))
        .isInstanceOf(RangeException.class);
  }

  @Test
  void transactionIdLastsUntilTheTaskEnds() {
    RTCRtpSender sender = pc.addTransceiver("video").sender();
    RTCRtpSendParameters p1 = sender.getParameters();
    RTCRtpSendParameters p2 = sender.getParameters();
    assertThat(p2.transactionId()).isEqualTo(p1.transactionId());
    ex.drain(); // the event loop is relinquished
    RTCRtpSendParameters p3 = sender.getParameters();
    assertThat(p3.transactionId()).isNotEqualTo(p1.transactionId());
    assertThat(ex.failure(sender.setParameters(p1))).isInstanceOf(InvalidModificationException.class);
  }

  @Test
  void transactionIdSurvivesAnInterveningSetParameters() {
    RTCRtpSender sender = pc.addTransceiver("audio").sender();
    RTCRtpSendParameters p1 = sender.getParameters();
    sender.setParameters(p1);
    assertThat(sender.getParameters().transactionId()).isEqualTo(p1.transactionId());
    ex.drain();
  }

  @Test
  void audioDropsVideoOnlyMembersOnSetParameters() {
    RTCRtpSender sender = pc.addTransceiver("audio").sender();
    RTCRtpSendParameters p = sender.getParameters();
    ex.await(sender.setParameters(p.withEncodings(List.of(new RTCRtpEncodingParameters(null, true, 64000L, -5.0, -1.0)))));
    RTCRtpEncodingParameters e = sender.getParameters().encodings().get(0);
    assertThat(e.maxFramerate()).isNull();
    assertThat(e.scaleResolutionDownBy()).isNull();
    assertThat(e.maxBitrate()).isEqualTo(64000L);
  }

  @Test
  void setParametersRules() {
    RTCRtpSender sender = pc.addTransceiver("video", encodings(RTCRtpEncodingParameters.withRid("a"),
        RTCRtpEncodingParameters.withRid("b"))).sender();
    // without getParameters first
    RTCRtpSendParameters stale = sender.getParameters();
    ex.drain();
    assertThat(ex.failure(sender.setParameters(stale))).isInstanceOf(InvalidStateException.class);
    // changed rid, fewer encodings, reordered
    RTCRtpSendParameters p = sender.getParameters();
    List<RTCRtpEncodingParameters> e = p.encodings();
    assertThat(ex.failure(sender.setParameters(p.withEncodings(List.of(e.get(0)))))).isInstanceOf(InvalidModificationException.class);
    p = sender.getParameters();
    assertThat(ex.failure(sender.setParameters(p.withEncodings(List.of(e.get(1), e.get(0))))))
        .isInstanceOf(InvalidModificationException.class);
    p = sender.getParameters();
    assertThat(ex.failure(sender.setParameters(p.withEncodings(List.of(e.get(0).withScaleResolutionDownBy(0.5), e.get(1))))))
        .isInstanceOf(RangeException.class);
    // a valid change applies in a later task; twice with the same parameters is an InvalidStateError
    p = sender.getParameters();
    RTCRtpSendParameters change = p.withEncodings(List.of(e.get(0).withActive(false), e.get(1).withScaleResolutionDownBy(null)));
    ex.await(sender.setParameters(change));
    assertThat(ex.failure(sender.setParameters(change))).isInstanceOf(InvalidStateException.class);
    RTCRtpSendParameters after = sender.getParameters();
    assertThat(after.encodings().get(0).active()).isFalse();
    assertThat(after.encodings().get(1).scaleResolutionDownBy()).isEqualTo(1.0);
  }

  @Test
  void stoppedTransceiverRejectsImmediately() {
    RTCRtpTransceiver t = pc.addTransceiver("audio");
    t.stop();
    RTCRtpSendParameters p = t.sender().getParameters();
    var f = t.sender().setParameters(p);
    assertThat(f).isCompletedExceptionally();
    assertThat(ex.failure(f)).isInstanceOf(InvalidStateException.class);
  }

  @Test
  void negotiatedCodecsAndExtensionsAppear() {
    RTCPeerConnection peer = Peers.pc(ex);
    RTCRtpTransceiver t = pc.addTransceiver("audio");
    Peers.negotiate(ex, pc, peer);
    RTCRtpSendParameters p = t.sender().getParameters();
    assertThat(p.codecs()).extracting(RTCRtpCodecParameters::mimeType).contains("audio/opus", "audio/PCMU");
    assertThat(p.codecs().get(0).payloadType()).isEqualTo(111);
    assertThat(p.headerExtensions()).extracting(RTCRtpHeaderExtensionParameters::uri)
        .contains("urn:ietf:params:rtp-hdrext:sdes:mid");
    RTCRtpReceiveParameters r = peer.getTransceivers().get(0).receiver().getParameters();
    assertThat(r.codecs()).extracting(RTCRtpCodecParameters::mimeType).contains("audio/opus");
    assertThat(r.rtcp().cname()).isNull();
  }
}
