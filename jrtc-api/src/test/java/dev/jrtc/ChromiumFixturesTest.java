package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.RtpMap;
import dev.jrtc.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Offers captured from Chromium 156 ({@code shared/fixtures/sdp}, copied to test resources) are
 * applied with setRemoteDescription and answered per RFC 8829 §5.3.1.
 */
class ChromiumFixturesTest {

  private final ManualExecutor ex = new ManualExecutor();

  static String fixture(String name) {
    try (InputStream in = ChromiumFixturesTest.class.getResourceAsStream("/sdp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Integer> pts(MediaDescription m) {
    List<Integer> out = new ArrayList<>();
    for (String f : m.formats()) {
      out.add(Integer.parseInt(f));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"chromium156-offer-av.sdp", "chromium156-offer-av.initial.sdp"})
  void answersTheAudioVideoDataOffer(String file) {
    String offerText = fixture(file);
    RTCPeerConnection pc = Peers.pc(ex);
    List<RTCTrackEvent> tracks = new ArrayList<>();
    pc.onTrack(tracks::add);
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, offerText)));
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_OFFER);
    assertThat(pc.getTransceivers()).extracting(RTCRtpTransceiver::mid).containsExactly("0", "1");
    assertThat(pc.getTransceivers()).extracting(RTCRtpTransceiver::direction)
        .containsOnly(RTCRtpTransceiverDirection.RECVONLY);
    assertThat(tracks).hasSize(2);
    assertThat(tracks.get(0).streams().get(0).id()).isEqualTo("dccf33ae-b000-4740-babe-4e576cbd7127");
    assertThat(pc.canTrickleIceCandidates()).isTrue();

    pc.addTrack(MediaStreamTrack.create("audio"), new MediaStream());
    RTCSessionDescriptionInit answer = ex.await(pc.createAnswer());
    ex.await(pc.setLocalDescription(answer));
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);

    SessionDescription offer = SessionDescription.parse(offerText);
    SessionDescription sd = SessionDescription.parse(answer.sdp());
    assertThat(sd.media()).hasSize(3);
    assertThat(sd.bundleGroup().orElseThrow().mids()).containsExactly("0", "1", "2");
    // audio: the supported subset of 111 63 9 0 8 13 110 126, in the offerer's order
    MediaDescription audio = sd.media().get(0);
    assertThat(pts(audio)).containsExactly(111, 0, 8, 110, 126);
    assertThat(audio.rtpMap(111).orElseThrow().encodingName()).isEqualTo("opus");
    assertThat(audio.fmtp(111).orElseThrow().parameters()).isEqualTo("minptime=10;useinbandfec=1");
    assertThat(audio.hasAttribute("sendrecv")).isTrue(); // addTrack reused the recvonly transceiver
    assertThat(audio.attribute("setup")).hasValue("active");
    assertThat(audio.rtcpMux()).isTrue();
    assertThat(audio.extmaps()).extracting(e -> e.id() + " " + e.uri())
        .containsExactly("1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "4 urn:ietf:params:rtp-hdrext:sdes:mid");
    // video: VP8, H264 packetization-mode=1 with baseline profiles, AV1, VP9 profile 0, their rtx
    MediaDescription video = sd.media().get(1);
    assertThat(pts(video)).containsExactly(96, 97, 102, 103, 108, 109, 45, 46, 98, 99);
    List<String> names = new ArrayList<>();
    for (RtpMap r : video.rtpMaps()) {
      names.add(r.encodingName());
    }
    assertThat(names).containsExactly("VP8", "rtx", "H264", "rtx", "H264", "rtx", "AV1", "rtx", "VP9", "rtx");
    assertThat(video.fmtp(97).orElseThrow().parameters()).isEqualTo("apt=96");
    assertThat(video.rtcpFeedbacks()).filteredOn(f -> f.payloadType().equals("96"))
        .extracting(f -> f.type() + f.parameter().map(p -> " " + p).orElse(""))
        .containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
    assertThat(video.hasAttribute("recvonly")).isTrue();
    assertThat(video.mid()).isEqualTo(offer.media().get(1).mid());
    // data
    MediaDescription data = sd.media().get(2);
    assertThat(data.proto()).isEqualTo("UDP/DTLS/SCTP");
    assertThat(data.sctpPort()).hasValue(5000);
    assertThat(pc.getTransceivers().get(0).currentDirection()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    assertThat(pc.getTransceivers().get(1).currentDirection()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"chromium156-offer-datachannel.sdp", "chromium156-offer-datachannel.initial.sdp"})
  void answersTheDataOffer(String file) {
    RTCPeerConnection pc = Peers.pc(ex);
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, fixture(file))));
    RTCSessionDescriptionInit answer = ex.await(pc.createAnswer());
    ex.await(pc.setLocalDescription(answer));
    SessionDescription sd = SessionDescription.parse(answer.sdp());
    assertThat(sd.media()).hasSize(1);
    assertThat(sd.media().get(0).media()).isEqualTo("application");
    assertThat(sd.media().get(0).port()).isEqualTo(9);
    assertThat(sd.media().get(0).attribute("setup")).hasValue("active");
    assertThat(sd.media().get(0).maxMessageSize()).hasValue(262144);
    // we are the DTLS client: channels created now get even ids (RFC 8832 §6)
    assertThat(pc.createDataChannel("x").id()).isEqualTo(0);
    assertThat(pc.createDataChannel("y").id()).isEqualTo(2);
  }

  @Test
  void acceptsChromiumsAnswerToOurOffer() {
    RTCPeerConnection pc = Peers.pc(ex);
    pc.addTrack(MediaStreamTrack.create("audio"), new MediaStream());
    pc.addTrack(MediaStreamTrack.create("video"), new MediaStream());
    RTCDataChannel dc = pc.createDataChannel("chat");
    ex.await(pc.setLocalDescription());
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ANSWER,
        fixture("chromium156-answer-av.sdp"))));
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(pc.getTransceivers()).extracting(RTCRtpTransceiver::currentDirection)
        .containsExactly(RTCRtpTransceiverDirection.SENDRECV, RTCRtpTransceiverDirection.SENDRECV);
    // Chromium answered setup:active, so we are the DTLS server: odd ids
    assertThat(dc.id()).isEqualTo(1);
  }
}
