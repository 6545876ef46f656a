package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** webrtc-pc §5.2/§5.3 getCapabilities, after WPT RTCRtpSender-getCapabilities. */
class RTCRtpCapabilitiesTest {

  @Test
  void audio() {
    RTCRtpCapabilities c = RTCRtpSender.getCapabilities("audio");
    assertThat(c.codecs()).extracting(RTCRtpCodec::mimeType)
        .containsExactly("audio/opus", "audio/PCMU", "audio/PCMA", "audio/telephone-event", "audio/telephone-event");
    assertThat(c.codecs().get(0).channels()).isEqualTo(2);
    assertThat(c.codecs().get(0).sdpFmtpLine()).isEqualTo("minptime=10;useinbandfec=1");
    assertThat(c.headerExtensions()).extracting(RTCRtpHeaderExtensionCapability::uri)
        .contains("urn:ietf:params:rtp-hdrext:sdes:mid");
  }

  @Test
  void videoListsRtxOnce() {
    RTCRtpCapabilities c = RTCRtpReceiver.getCapabilities("video");
    assertThat(c.codecs()).extracting(RTCRtpCodec::mimeType).containsOnlyOnce("video/rtx")
        .contains("video/VP8", "video/VP9", "video/H264", "video/AV1");
    assertThat(c.codecs()).filteredOn(x -> x.mimeType().equals("video/H264"))
        .extracting(RTCRtpCodec::sdpFmtpLine).allMatch(f -> f.contains("packetization-mode=1"));
  }

  @Test
  void otherKindsAreNull() {
    assertThat(RTCRtpSender.getCapabilities("dummy")).isNull();
    assertThat(RTCRtpReceiver.getCapabilities(null)).isNull();
  }
}
