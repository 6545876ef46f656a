package dev.jrtc;

import static dev.jrtc.RTCRtpTransceiverDirection.INACTIVE;
import static dev.jrtc.RTCRtpTransceiverDirection.RECVONLY;
import static dev.jrtc.RTCRtpTransceiverDirection.SENDONLY;
import static dev.jrtc.RTCRtpTransceiverDirection.SENDRECV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.SessionDescription;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** RFC 8829 §5.3.1 answer rules: direction intersection and format negotiation. */
class JsepAnswerRulesTest {

  static Stream<Arguments> directions() {
    // ours, offered, answer
    return Stream.of(
        Arguments.of(SENDRECV, SENDRECV, SENDRECV), Arguments.of(SENDRECV, SENDONLY, RECVONLY),
        Arguments.of(SENDRECV, RECVONLY, SENDONLY), Arguments.of(SENDRECV, INACTIVE, INACTIVE),
        Arguments.of(SENDONLY, SENDRECV, SENDONLY), Arguments.of(SENDONLY, SENDONLY, INACTIVE),
        Arguments.of(SENDONLY, RECVONLY, SENDONLY), Arguments.of(SENDONLY, INACTIVE, INACTIVE),
        Arguments.of(RECVONLY, SENDRECV, RECVONLY), Arguments.of(RECVONLY, SENDONLY, RECVONLY),
        Arguments.of(RECVONLY, RECVONLY, INACTIVE), Arguments.of(RECVONLY, INACTIVE, INACTIVE),
        Arguments.of(INACTIVE, SENDRECV, INACTIVE), Arguments.of(INACTIVE, SENDONLY, INACTIVE),
        Arguments.of(INACTIVE, RECVONLY, INACTIVE), Arguments.of(INACTIVE, INACTIVE, INACTIVE));
  }

  @ParameterizedTest(name = "transceiver {0}, offer {1} -> answer {2}")
  @MethodSource("directions")
  void answerDirection(RTCRtpTransceiverDirection ours, RTCRtpTransceiverDirection offered,
      RTCRtpTransceiverDirection answer) {
    assertThat(SdpMedia.intersect(ours, offered)).isEqualTo(answer);
  }

  private static Codec codec(int pt, String name, int clock, int channels, String fmtp, String... fb) {
    return new Codec(pt, name, clock, channels, fmtp, List.of(fb));
  }

  @Test
  void videoFormatsKeepTheOfferersOrderAndPayloadTypes() {
    List<Codec> offered = List.of(
        codec(100, "VP8", 90000, 0, "", "nack", "goog-lntf"),
        codec(101, "rtx", 90000, 0, "apt=100"),
        codec(102, "H264", 90000, 0, "packetization-mode=0;profile-level-id=42e01f"),
        codec(103, "rtx", 90000, 0, "apt=102"),
        codec(104, "H264", 90000, 0, "packetization-mode=1;profile-level-id=640c1f"),
        codec(105, "h264", 90000, 0, "profile-level-id=42e01f;packetization-mode=1", "nack pli"),
        codec(106, "rtx", 90000, 0, "apt=105"),
        codec(107, "red", 90000, 0, ""),
        codec(108, "VP9", 90000, 0, "profile-id=2"),
        codec(109, "AV1", 90000, 0, ""));
    List<Codec> answer = MediaCodecs.negotiate("video", offered);
    assertThat(answer).extracting(c -> c.payloadType() + " " + c.name())
        .containsExactly("100 VP8", "101 rtx", "105 h264", "106 rtx", "109 AV1");
    assertThat(answer.get(0).feedback()).containsExactly("nack"); // goog-lntf is not ours
    assertThat(answer.get(2).fmtp()).isEqualTo("profile-level-id=42e01f;packetization-mode=1");
  }

  @Test
  void audioFormats() {
    List<Codec> offered = List.of(
        codec(96, "opus", 48000, 1, ""),
        codec(97, "opus", 48000, 2, "useinbandfec=1", "transport-cc"),
        codec(9, "G722", 8000, 0, ""),
        codec(0, "PCMU", 8000, 0, ""),
        codec(101, "telephone-event", 8000, 0, "0-15"));
    assertThat(MediaCodecs.negotiate("audio", offered)).extracting(c -> c.payloadType() + " " + c.name())
        .containsExactly("97 opus", "0 PCMU", "101 telephone-event");
  }

  @Test
  void noCommonFormatRejectsTheMSection() {
    ManualExecutor ex = new ManualExecutor();
    RTCPeerConnection pc = Peers.pc(ex);
    String offer = AddIceCandidateTest.SDP.replace("a=rtpmap:100 VP8/90000", "a=rtpmap:100 H265/90000");
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, offer)));
    SessionDescription answer = SessionDescription.parse(ex.await(pc.createAnswer()).sdp());
    MediaDescription video = answer.media().get(1);
    assertThat(video.port()).isZero();
    assertThat(video.mid()).hasValue("v1");
    assertThat(answer.media().get(0).port()).isEqualTo(9);
    // a static payload type without rtpmap is understood (RFC 3551)
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK)));
    String pcmu = AddIceCandidateTest.SDP.replace("m=audio 9 UDP/TLS/RTP/SAVPF 111", "m=audio 9 UDP/TLS/RTP/SAVPF 0")
        .replace("a=rtpmap:111 opus/48000/2\r\n", "");
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, pcmu)));
    MediaDescription audio = SessionDescription.parse(ex.await(pc.createAnswer()).sdp()).media().get(0);
    assertThat(audio.formats()).containsExactly("0");
    assertThat(audio.rtpMap(0).orElseThrow().encodingName()).isEqualTo("PCMU");
  }
}
