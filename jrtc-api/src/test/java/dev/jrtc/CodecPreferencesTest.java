package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.RtpMap;
import dev.jrtc.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** webrtc-pc §5.4 setCodecPreferences, after WPT RTCRtpTransceiver-setCodecPreferences. */
class CodecPreferencesTest {

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection pc = Peers.pc(ex);

  private static List<String> rtpmaps(String sdp, int section) {
    List<String> out = new ArrayList<>();
    for (RtpMap r : SessionDescription.parse(sdp).media().get(section).rtpMaps()) {
      out.add(r.payloadType() + " " + r.encodingName() + "/" + r.clockRate());
    }
    return out;
  }

  @Test
  void capabilitiesAreAccepted() {
    RTCRtpTransceiver audio = pc.addTransceiver("audio");
    RTCRtpTransceiver video = pc.addTransceiver("video");
    audio.setCodecPreferences(RTCRtpSender.getCapabilities("audio").codecs());
    List<RTCRtpCodec> both = new ArrayList<>(RTCRtpSender.getCapabilities("audio").codecs());
    both.addAll(RTCRtpReceiver.getCapabilities("audio").codecs());
    audio.setCodecPreferences(both);
    video.setCodecPreferences(RTCRtpReceiver.getCapabilities("video").codecs());
    audio.setCodecPreferences(List.of());
  }

  @Test
  void preferredCodecComesFirstWithItsRtx() {
    RTCRtpTransceiver video = pc.addTransceiver("video");
    List<RTCRtpCodec> codecs = new ArrayList<>(RTCRtpSender.getCapabilities("video").codecs());
    RTCRtpCodec h264 = codecs.stream().filter(c -> c.mimeType().equals("video/H264")).findFirst().orElseThrow();
    codecs.remove(h264);
    codecs.add(0, h264);
    video.setCodecPreferences(codecs);
    assertThat(rtpmaps(ex.await(pc.createOffer()).sdp(), 0))
        .startsWith("102 H264/90000", "103 rtx/90000", "96 VP8/90000", "97 rtx/90000");
  }

  @Test
  void preferencesFilterTheOfferAndTheAnswer() {
    RTCRtpTransceiver audio = pc.addTransceiver("audio");
    RTCRtpCodec pcmu = RTCRtpSender.getCapabilities("audio").codecs().stream()
        .filter(c -> c.mimeType().equals("audio/PCMU")).findFirst().orElseThrow();
    RTCRtpCodec opus = RTCRtpSender.getCapabilities("audio").codecs().get(0);
    audio.setCodecPreferences(List.of(pcmu, opus));
    assertThat(rtpmaps(ex.await(pc.createOffer()).sdp(), 0)).containsExactly("0 PCMU/8000", "111 opus/48000");
    // as answerer: the offer's payload types, in our preferred order, without the others
    RTCPeerConnection answerer = Peers.pc(ex);
    RTCPeerConnection offerer = Peers.pc(ex);
    offerer.addTransceiver("audio");
    ex.await(answerer.setRemoteDescription(ex.await(offerer.createOffer())));
    answerer.getTransceivers().get(0).setCodecPreferences(List.of(pcmu, opus));
    assertThat(rtpmaps(ex.await(answerer.createAnswer()).sdp(), 0)).containsExactly("0 PCMU/8000", "111 opus/48000");
  }

  private static void assertInvalidModification(Runnable r) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidModificationException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidModificationError"));
  }

  @Test
  void foreignOrModifiedCodecsAreInvalidModificationErrors() {
    RTCRtpTransceiver audio = pc.addTransceiver("audio");
    RTCRtpCodec opus = RTCRtpSender.getCapabilities("audio").codecs().get(0);
    assertInvalidModification(() -> audio.setCodecPreferences(RTCRtpSender.getCapabilities("video").codecs()));
    assertInvalidModification(() -> audio.setCodecPreferences(List.of(new RTCRtpCodec("data", 2000, 2, "0-15"))));
    assertInvalidModification(() -> audio.setCodecPreferences(List.of(new RTCRtpCodec("audio/piepiper", 2000, 2, "0-15"))));
    assertInvalidModification(() -> audio.setCodecPreferences(List.of(
        new RTCRtpCodec(opus.mimeType(), opus.clockRate() / 2, opus.channels(), opus.sdpFmtpLine()))));
    assertInvalidModification(() -> audio.setCodecPreferences(List.of(
        new RTCRtpCodec(opus.mimeType(), opus.clockRate(), opus.channels() + 11, opus.sdpFmtpLine()))));
    assertInvalidModification(() -> audio.setCodecPreferences(List.of(
        new RTCRtpCodec(opus.mimeType(), opus.clockRate(), opus.channels(), "modifiedparameter=1"))));
    RTCRtpTransceiver video = pc.addTransceiver("video");
    assertInvalidModification(() -> video.setCodecPreferences(List.of(new RTCRtpCodec("video/rtx", 90000, null, null))));
  }

  @Test
  void mimeTypeCaseDoesNotMatter() {
    RTCRtpTransceiver audio = pc.addTransceiver("audio");
    audio.setCodecPreferences(List.of(new RTCRtpCodec("AUDIO/OPUS", 48000, 2, "minptime=10;useinbandfec=1")));
    MediaDescription m = SessionDescription.parse(ex.await(pc.createOffer()).sdp()).media().get(0);
    assertThat(m.formats()).containsExactly("111");
  }
}
