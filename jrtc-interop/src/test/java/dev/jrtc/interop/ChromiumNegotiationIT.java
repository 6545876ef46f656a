package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.MediaStream;
import dev.jrtc.RTCBundlePolicy;
import dev.jrtc.RTCConfiguration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * jrtc's JSEP against Chromium 156's (issue 3, part 5): each side accepts the other's offer and
 * answer, and afterwards both agree on the mids, the directions ({@code currentDirection} on both
 * sides) and the codecs ({@link NegotiationCheck}). Every failure prints both SDPs, both sides'
 * states and transceivers, and the browser's last console lines.
 */
@ExtendWith(ChromiumExtension.class)
class ChromiumNegotiationIT {

  @Test
  @DisplayName("(a) Chromium accepts jrtc's offer (data + audio + video) and jrtc accepts Chromium's answer")
  void chromiumAcceptsJrtcOffer(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);

      jrtc.createDataChannel("data");
      jrtc.addTransceiver("audio", "sendrecv");
      jrtc.addTransceiver("video", "sendrecv");
      String offer = jrtc.createOffer();
      transcript.record("jrtc offer", offer);
      jrtc.setLocalDescription("offer", offer);

      chromium.setRemoteDescription("offer", offer);
      assertThat(chromium.signalingState()).isEqualTo("have-remote-offer");
      chromium.addUserMediaTracks(true, true); // attaches to the transceivers the offer created
      String answer = chromium.createAnswer();
      transcript.record("chromium answer", answer);
      chromium.setLocalDescription("answer", answer);

      jrtc.setRemoteDescription("answer", answer);

      assertThat(jrtc.signalingState()).isEqualTo("stable");
      assertThat(jrtc.signalingStateChanges()).containsExactly("have-local-offer", "stable");
      assertThat(chromium.signalingState()).isEqualTo("stable");
      assertThat(chromium.eval("return pc.sctp !== null;")).as("Chromium has an SCTP transport").isEqualTo(true);
      assertAgreement(offer, answer, jrtc.transceivers(),
          chromium.transceivers(), true, transcript);
      assertThat(chromium.transceivers()).extracting(TransceiverView::currentDirection)
          .containsOnly("sendrecv");
      // Chromium accepted every codec issue 3 requires jrtc to offer.
      assertRequiredCodecs(answer, "Chromium's answer to jrtc's offer");
    }
  }

  @Test
  @DisplayName("(b) jrtc answers Chromium's offer (createDataChannel + getUserMedia tracks) and Chromium accepts the answer")
  void jrtcAnswersChromiumOfferWithTracks(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);

      chromium.createDataChannel("data");
      chromium.addUserMediaTracks(true, true);
      String offer = chromium.setLocalDescription();
      transcript.record("chromium offer", offer);

      jrtc.setRemoteDescription("offer", offer);
      assertThat(jrtc.signalingState()).isEqualTo("have-remote-offer");
      jrtc.addTrack("audio"); // addTrack reuses the transceivers the offer created
      jrtc.addTrack("video");
      String answer = jrtc.createAnswer();
      transcript.record("jrtc answer", answer);
      jrtc.setLocalDescription("answer", answer);

      chromium.setRemoteDescription("answer", answer);

      assertThat(chromium.signalingState()).isEqualTo("stable");
      assertThat(jrtc.signalingState()).isEqualTo("stable");
      assertThat(jrtc.signalingStateChanges()).containsExactly("have-remote-offer", "stable");
      assertThat(chromium.eval("return pc.sctp !== null;")).as("Chromium has an SCTP transport").isEqualTo(true);
      assertAgreement(offer, answer, chromium.transceivers(),
          jrtc.transceivers(), false, transcript);
      assertThat(chromium.transceivers()).extracting(TransceiverView::currentDirection)
          .containsOnly("sendrecv");
      // jrtc recognized every codec it supports in Chromium's offer.
      assertRequiredCodecs(answer, "jrtc's answer to Chromium's offer");
    }
  }

  @Test
  @DisplayName("(b) jrtc answers Chromium's addTransceiver offer without tracks: it receives only")
  void jrtcAnswersChromiumTransceiverOffer(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);

      chromium.createDataChannel("data");
      chromium.addTransceiver("audio", "sendrecv");
      chromium.addTransceiver("video", "sendrecv");
      String offer = chromium.setLocalDescription();
      transcript.record("chromium offer", offer);

      jrtc.setRemoteDescription("offer", offer);
      String answer = jrtc.createAnswer();
      transcript.record("jrtc answer", answer);
      jrtc.setLocalDescription("answer", answer);
      chromium.setRemoteDescription("answer", answer);

      assertThat(chromium.signalingState()).isEqualTo("stable");
      assertThat(jrtc.signalingState()).isEqualTo("stable");
      assertAgreement(offer, answer, chromium.transceivers(),
          jrtc.transceivers(), false, transcript);
      // W3C webrtc §4.4.1.6: transceivers made by setRemoteDescription are recvonly.
      assertThat(chromium.transceivers()).extracting(TransceiverView::currentDirection)
          .containsExactly("sendonly", "sendonly");
    }
  }

  @ParameterizedTest(name = "(c) jrtc offers audio {0}, video {1}: Chromium with tracks answers, both see {0}/{1} reversed")
  @CsvSource({
      "sendrecv, sendrecv",
      "sendonly, recvonly",
      "recvonly, sendonly",
      "inactive, sendrecv",
      "sendonly, inactive",
  })
  void directionsAgree(String audioDirection, String videoDirection, BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);

      jrtc.addTransceiver("audio", audioDirection);
      jrtc.addTransceiver("video", videoDirection);
      jrtc.createDataChannel("data");
      String offer = jrtc.createOffer();
      transcript.record("jrtc offer", offer);
      jrtc.setLocalDescription("offer", offer);
      chromium.setRemoteDescription("offer", offer);
      chromium.addUserMediaTracks(true, true);
      String answer = chromium.createAnswer();
      transcript.record("chromium answer", answer);
      chromium.setLocalDescription("answer", answer);
      jrtc.setRemoteDescription("answer", answer);

      List<TransceiverView> jrtcView = jrtc.transceivers();
      List<TransceiverView> chromiumView = chromium.transceivers();
      assertAgreement(offer, answer, jrtcView, chromiumView, true, transcript);
      // Chromium wants sendrecv on both (it has tracks), so the answer grants what jrtc asked.
      assertThat(jrtcView).extracting(TransceiverView::currentDirection)
          .containsExactly(audioDirection, videoDirection);
      assertThat(chromiumView).extracting(TransceiverView::currentDirection)
          .containsExactly(NegotiationCheck.reverse(audioDirection), NegotiationCheck.reverse(videoDirection));
    }
  }

  @ParameterizedTest(name = "(a) jrtc with bundlePolicy {0} offers; Chromium bundles everything in its answer")
  @CsvSource({"balanced", "max-bundle", "max-compat"})
  void bundlePolicies(String policy, BrowserPage page, Transcript transcript) {
    RTCConfiguration configuration = RTCConfiguration.builder().bundlePolicy(RTCBundlePolicy.fromValue(policy)).build();
    try (JrtcPeer jrtc = new JrtcPeer(configuration)) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      jrtc.addTransceiver("audio", "sendrecv");
      jrtc.addTransceiver("video", "sendrecv");
      jrtc.addTransceiver("audio", "recvonly");
      jrtc.createDataChannel("data");
      String offer = jrtc.createOffer();
      transcript.record("jrtc offer", offer);
      jrtc.setLocalDescription("offer", offer);
      chromium.setRemoteDescription("offer", offer);
      String answer = chromium.setLocalDescription();
      transcript.record("chromium answer", answer);
      jrtc.setRemoteDescription("answer", answer);
      assertAgreement(offer, answer, jrtc.transceivers(), chromium.transceivers(), true, transcript);
      // Every offer has a BUNDLE group with every m-section (RFC 8843 §7.2), whatever the policy.
      assertThat(SdpView.parse(offer).bundleMids()).containsExactly("0", "1", "2", "3");
    }
  }

  @Test
  @DisplayName("(a)+(b) data channel only: jrtc's offer and jrtc's answer")
  void dataChannelOnly(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtcOfferer = new JrtcPeer(); JrtcPeer jrtcAnswerer = new JrtcPeer()) {
      BrowserPeerConnection answerer = BrowserPeerConnection.create(page, "answerer");
      BrowserPeerConnection offerer = BrowserPeerConnection.create(page, "offerer");
      answerer.reportTo(transcript);
      offerer.reportTo(transcript);
      jrtcOfferer.reportTo(transcript);

      jrtcOfferer.createDataChannel("only");
      String offer = jrtcOfferer.createOffer();
      transcript.record("jrtc offer", offer);
      jrtcOfferer.setLocalDescription("offer", offer);
      answerer.setRemoteDescription("offer", offer);
      String answer = answerer.setLocalDescription();
      transcript.record("chromium answer", answer);
      jrtcOfferer.setRemoteDescription("answer", answer);
      assertThat(NegotiationCheck.disagreements(offer, answer,
          new NegotiationCheck.Side("jrtc", List.of()), new NegotiationCheck.Side("chromium", List.of()))).isEmpty();
      assertThat(SdpView.parse(offer).sections()).extracting(SdpView.Section::kind).containsExactly("application");
      assertThat(answerer.eval("return pc.sctp !== null;")).isEqualTo(true);

      offerer.createDataChannel("only");
      String offer2 = offerer.setLocalDescription();
      transcript.record("chromium offer", offer2);
      jrtcAnswerer.setRemoteDescription("offer", offer2);
      String answer2 = jrtcAnswerer.createAnswer();
      transcript.record("jrtc answer", answer2);
      jrtcAnswerer.setLocalDescription("answer", answer2);
      offerer.setRemoteDescription("answer", answer2);
      assertThat(offerer.signalingState()).isEqualTo("stable");
      assertThat(NegotiationCheck.disagreements(offer2, answer2,
          new NegotiationCheck.Side("chromium", List.of()), new NegotiationCheck.Side("jrtc", List.of()))).isEmpty();
    }
  }

  @Test
  @DisplayName("renegotiation: jrtc offers, then re-offers with one more transceiver; Chromium accepts both")
  void jrtcReoffers(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      String offer1 = jrtcOffersAudioAndData(jrtc, chromium, transcript);

      // Round 2: jrtc adds video and re-offers; the mids of round 1 keep their m-lines.
      jrtc.addTransceiver("video", "sendonly");
      String offer2 = jrtc.createOffer();
      transcript.record("round 2: jrtc offer", offer2);
      jrtc.setLocalDescription("offer", offer2);
      chromium.setRemoteDescription("offer", offer2);
      String answer2 = chromium.setLocalDescription();
      transcript.record("round 2: chromium answer", answer2);
      jrtc.setRemoteDescription("answer", answer2);
      assertAgreement(offer2, answer2, jrtc.transceivers(), chromium.transceivers(), true, transcript);
      assertThat(midsOf(offer2).subList(0, 2)).as("round 1's mids keep their m-lines").isEqualTo(midsOf(offer1));
      assertThat(jrtc.signalingStateChanges()).containsExactly("have-local-offer", "stable", "have-local-offer", "stable");
    }
  }

  @Test
  @DisplayName("renegotiation: jrtc offers first, then Chromium re-offers with another transceiver and accepts jrtc's answer")
  void chromiumReoffersAfterJrtcOffered(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      String offer1 = jrtcOffersAudioAndData(jrtc, chromium, transcript);
      chromiumReoffers(jrtc, chromium, midsOf(offer1), transcript);
      assertThat(jrtc.signalingStateChanges()).containsExactly("have-local-offer", "stable", "have-remote-offer", "stable");
    }
  }

  @Test
  @DisplayName("renegotiation: Chromium offers, then re-offers with another transceiver; jrtc answers both")
  void chromiumReoffers(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      chromium.addTransceiver("audio", "sendrecv");
      chromium.createDataChannel("data");
      String offer1 = chromium.setLocalDescription();
      transcript.record("round 1: chromium offer", offer1);
      jrtc.setRemoteDescription("offer", offer1);
      String answer1 = jrtc.createAnswer();
      transcript.record("round 1: jrtc answer", answer1);
      jrtc.setLocalDescription("answer", answer1);
      chromium.setRemoteDescription("answer", answer1);
      assertAgreement(offer1, answer1, chromium.transceivers(), jrtc.transceivers(), false, transcript);
      chromiumReoffers(jrtc, chromium, midsOf(offer1), transcript);
      assertThat(jrtc.signalingStateChanges()).containsExactly("have-remote-offer", "stable", "have-remote-offer", "stable");
    }
  }

  /** Round 1: jrtc offers audio + data, Chromium answers; returns the offer. */
  private static String jrtcOffersAudioAndData(JrtcPeer jrtc, BrowserPeerConnection chromium, Transcript transcript) {
    jrtc.addTransceiver("audio", "sendrecv");
    jrtc.createDataChannel("data");
    String offer = jrtc.createOffer();
    transcript.record("round 1: jrtc offer", offer);
    jrtc.setLocalDescription("offer", offer);
    chromium.setRemoteDescription("offer", offer);
    String answer = chromium.setLocalDescription();
    transcript.record("round 1: chromium answer", answer);
    jrtc.setRemoteDescription("answer", answer);
    assertAgreement(offer, answer, jrtc.transceivers(), chromium.transceivers(), true, transcript);
    return offer;
  }

  /** Chromium adds a video track and an audio transceiver, re-offers; jrtc answers. */
  private static void chromiumReoffers(JrtcPeer jrtc, BrowserPeerConnection chromium, List<String> previousMids,
      Transcript transcript) {
    chromium.addUserMediaTracks(false, true);
    chromium.addTransceiver("audio", "sendonly");
    String offer = chromium.setLocalDescription();
    transcript.record("round 2: chromium offer", offer);
    jrtc.setRemoteDescription("offer", offer);
    String answer = jrtc.createAnswer();
    transcript.record("round 2: jrtc answer", answer);
    jrtc.setLocalDescription("answer", answer);
    chromium.setRemoteDescription("answer", answer);
    assertAgreement(offer, answer, chromium.transceivers(), jrtc.transceivers(), false, transcript);
    assertThat(midsOf(offer).subList(0, previousMids.size())).as("earlier mids keep their m-lines")
        .isEqualTo(previousMids);
  }

  @Test
  @DisplayName("msid: jrtc's addTrack streams reach Chromium's track events, and Chromium's reach jrtc's")
  void streamsAndTracksAgree(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer(); JrtcPeer jrtcAnswerer = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      BrowserPeerConnection chromiumOfferer = BrowserPeerConnection.create(page, "chromiumOfferer");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      chromiumOfferer.reportTo(transcript);

      // jrtc -> Chromium: W3C webrtc §4.4.1.6 "process the addition of a remote track" with the
      // offer's a=msid (RFC 8830): one track event per m-section, with jrtc's stream.
      MediaStream stream = new MediaStream();
      jrtc.addTrack("audio", stream);
      jrtc.addTrack("video", stream);
      String offer = jrtc.createOffer();
      transcript.record("jrtc offer", offer);
      jrtc.setLocalDescription("offer", offer);
      chromium.setRemoteDescription("offer", offer);
      assertThat(chromium.trackEvents()).containsExactly(
          "audio mid=0 streams=[" + stream.id() + "]", "video mid=1 streams=[" + stream.id() + "]");

      // Chromium -> jrtc: the same with Chromium's getUserMedia stream.
      String streamId = chromiumOfferer.addUserMediaTracks(true, true);
      String offer2 = chromiumOfferer.setLocalDescription();
      transcript.record("chromium offer", offer2);
      jrtcAnswerer.setRemoteDescription("offer", offer2);
      transcript.record("jrtc (answerer) track events", jrtcAnswerer.trackEvents());
      assertThat(jrtcAnswerer.trackEvents()).containsExactly(
          "audio mid=0 streams=[" + streamId + "]", "video mid=1 streams=[" + streamId + "]");
    }
  }

  private static List<String> midsOf(String sdp) {
    return SdpView.parse(sdp).sections().stream().map(SdpView.Section::mid).toList();
  }

  /**
   * Issue 3: Opus, PCMU, PCMA for audio; VP8, VP9, H264 (packetization-mode 1) and AV1, each with
   * RTX (RFC 4588 apt), for video. Both jrtc and Chromium support all of them, so an answer between
   * them must keep them all.
   */
  private static void assertRequiredCodecs(String answer, String what) {
    for (SdpView.Section section : SdpView.parse(answer).sections()) {
      List<TransceiverView.Codec> codecs = section.codecs();
      List<String> names = section.mediaCodecNames();
      if (section.kind().equals("audio")) {
        assertThat(names).as("%s, mid %s", what, section.mid()).contains("audio/opus", "audio/pcmu", "audio/pcma");
      } else if (section.kind().equals("video")) {
        assertThat(names).as("%s, mid %s", what, section.mid())
            .contains("video/vp8", "video/vp9", "video/h264", "video/av1");
        assertThat(codecs).as("%s, mid %s: H264 with packetization-mode=1", what, section.mid())
            .anyMatch(c -> c.mimeType().equalsIgnoreCase("video/H264") && c.sdpFmtpLine().contains("packetization-mode=1"));
        for (TransceiverView.Codec codec : codecs) {
          if (List.of("video/vp8", "video/vp9", "video/h264", "video/av1").contains(codec.mimeType().toLowerCase(java.util.Locale.ROOT))) {
            assertThat(codecs).as("%s, mid %s: rtx for %s", what, section.mid(), codec)
                .anyMatch(c -> c.mimeType().equalsIgnoreCase("video/rtx")
                    && c.sdpFmtpLine().equals("apt=" + codec.payloadType()));
          }
        }
      }
    }
  }

  /** Runs {@link NegotiationCheck} and fails with every disagreement; both SDPs are in the transcript. */
  private static void assertAgreement(String offer, String answer, List<TransceiverView> offerer,
      List<TransceiverView> answerer, boolean jrtcOffered, Transcript transcript) {
    String offererName = jrtcOffered ? "jrtc" : "chromium";
    String answererName = jrtcOffered ? "chromium" : "jrtc";
    transcript.record(offererName + " transceivers (offerer)", offerer.toString());
    transcript.record(answererName + " transceivers (answerer)", answerer.toString());
    List<String> problems = NegotiationCheck.disagreements(offer, answer,
        new NegotiationCheck.Side(offererName, offerer), new NegotiationCheck.Side(answererName, answerer));
    assertThat(problems).as("what %s and %s disagree on", offererName, answererName).isEmpty();
    // Every m-section of the offer is negotiated on both sides, in the same order of mids.
    List<String> mids = SdpView.parse(offer).sections().stream()
        .filter(s -> !s.kind().equals("application")).map(SdpView.Section::mid).toList();
    assertThat(offerer).extracting(TransceiverView::mid).containsExactlyElementsOf(mids);
    assertThat(answerer).extracting(TransceiverView::mid).containsExactlyElementsOf(mids);
  }
}
