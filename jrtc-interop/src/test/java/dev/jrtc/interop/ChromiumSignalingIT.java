package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rest of issue 3's signaling against Chromium 156: perfect negotiation (implicit rollback and
 * implicit descriptions), provisional answers, ICE restarts, stopped transceivers and remote ICE
 * candidates. Each step is checked on both sides, and every failure prints both sides' SDPs and
 * states.
 */
@ExtendWith(ChromiumExtension.class)
class ChromiumSignalingIT {

  @Test
  @DisplayName("perfect negotiation: glare, polite jrtc rolls back implicitly and answers Chromium's offer")
  void politeJrtcRollsBackOnGlare(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      jrtc.addTransceiver("video", "sendrecv");
      String jrtcOffer = jrtc.setLocalDescription(); // implicit offer
      transcript.record("jrtc offer (rolled back)", jrtcOffer);
      chromium.addTransceiver("audio", "sendrecv");
      chromium.createDataChannel("data");
      String offer = chromium.setLocalDescription();
      transcript.record("chromium offer", offer);

      // W3C webrtc §4.4.1.5 setRemoteDescription step: an offer in have-local-offer first rolls back.
      jrtc.setRemoteDescription("offer", offer);
      assertThat(jrtc.signalingStateChanges()).containsExactly("have-local-offer", "stable", "have-remote-offer");
      String answer = jrtc.setLocalDescription(); // implicit answer
      transcript.record("jrtc answer", answer);
      assertThat(jrtc.pc().localDescription().type().value()).isEqualTo("answer");
      chromium.setRemoteDescription("answer", answer);
      assertThat(chromium.signalingState()).isEqualTo("stable");
      assertThat(NegotiationCheck.disagreements(offer, answer, new NegotiationCheck.Side("chromium", chromium.transceivers()),
          new NegotiationCheck.Side("jrtc", jrtc.transceivers()))).isEmpty();

      // jrtc's own video transceiver survives the rollback and is negotiated in its next offer.
      String reoffer = jrtc.setLocalDescription();
      transcript.record("jrtc re-offer", reoffer);
      chromium.setRemoteDescription("offer", reoffer);
      String reanswer = chromium.setLocalDescription();
      transcript.record("chromium answer to the re-offer", reanswer);
      jrtc.setRemoteDescription("answer", reanswer);
      assertThat(SdpView.parse(reoffer).sections()).extracting(SdpView.Section::kind)
          .containsExactly("audio", "application", "video");
      assertThat(NegotiationCheck.disagreements(reoffer, reanswer, new NegotiationCheck.Side("jrtc", jrtc.transceivers()),
          new NegotiationCheck.Side("chromium", chromium.transceivers()))).isEmpty();
    }
  }

  @Test
  @DisplayName("pranswer: Chromium takes jrtc's provisional answer, then its final answer")
  void provisionalThenFinalAnswer(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      chromium.addUserMediaTracks(true, false);
      chromium.createDataChannel("data");
      String offer = chromium.setLocalDescription();
      transcript.record("chromium offer", offer);
      jrtc.setRemoteDescription("offer", offer);
      String answer = jrtc.createAnswer();
      transcript.record("jrtc answer (used as pranswer, then answer)", answer);

      jrtc.setLocalDescription("pranswer", answer);
      chromium.setRemoteDescription("pranswer", answer);
      assertThat(jrtc.signalingState()).isEqualTo("have-local-pranswer");
      assertThat(chromium.signalingState()).isEqualTo("have-remote-pranswer");

      jrtc.setLocalDescription("answer", answer);
      chromium.setRemoteDescription("answer", answer);
      assertThat(jrtc.signalingState()).isEqualTo("stable");
      assertThat(chromium.signalingState()).isEqualTo("stable");
      assertThat(jrtc.signalingStateChanges()).containsExactly("have-remote-offer", "have-local-pranswer", "stable");
      assertThat(NegotiationCheck.disagreements(offer, answer, new NegotiationCheck.Side("chromium", chromium.transceivers()),
          new NegotiationCheck.Side("jrtc", jrtc.transceivers()))).isEmpty();
    }
  }

  @Test
  @DisplayName("ICE restart: each side's iceRestart offer brings new credentials the other accepts")
  void iceRestartBothWays(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      // Chromium offers first, so jrtc's DTLS role (client) is the one an initial answer takes:
      // this test does not depend on the known re-answer bug of ChromiumNegotiationIT.
      chromium.addTransceiver("audio", "sendrecv");
      chromium.createDataChannel("data");
      String offer1 = chromium.setLocalDescription();
      jrtc.setRemoteDescription("offer", offer1);
      String answer1 = jrtc.setLocalDescription();
      chromium.setRemoteDescription("answer", answer1);
      transcript.record("round 1: chromium offer", offer1).record("round 1: jrtc answer", answer1);

      // RFC 8829 §5.2.1 / RFC 8839 §4.4.1.1.1: an ICE restart offer has a new ufrag and pwd.
      String offer2 = jrtc.createOffer(true);
      transcript.record("round 2: jrtc iceRestart offer", offer2);
      assertThat(ufrag(offer2)).isNotEqualTo(ufrag(answer1));
      assertThat(pwd(offer2)).isNotEqualTo(pwd(answer1));
      jrtc.setLocalDescription("offer", offer2);
      chromium.setRemoteDescription("offer", offer2);
      String answer2 = chromium.setLocalDescription();
      transcript.record("round 2: chromium answer", answer2);
      jrtc.setRemoteDescription("answer", answer2);
      assertThat(ufrag(answer2)).as("Chromium restarts too").isNotEqualTo(ufrag(offer1));

      String offer3 = Json.asString(chromium.eval(
          "const o = await pc.createOffer({iceRestart: true}); await pc.setLocalDescription(o); return o.sdp;"));
      transcript.record("round 3: chromium iceRestart offer", offer3);
      jrtc.setRemoteDescription("offer", offer3);
      String answer3 = jrtc.createAnswer();
      transcript.record("round 3: jrtc answer", answer3);
      // The answer to a restart offer has new credentials too (RFC 8839 §4.4.1.2.2).
      assertThat(ufrag(answer3)).isNotEqualTo(ufrag(offer2));
      jrtc.setLocalDescription("answer", answer3);
      chromium.setRemoteDescription("answer", answer3);
      assertThat(chromium.signalingState()).isEqualTo("stable");
      assertThat(NegotiationCheck.disagreements(offer3, answer3, new NegotiationCheck.Side("chromium", chromium.transceivers()),
          new NegotiationCheck.Side("jrtc", jrtc.transceivers()))).isEmpty();
    }
  }

  @Test
  @DisplayName("stop(): jrtc stops a transceiver, re-offers it with port 0, and Chromium stops its side")
  void stoppedTransceiverIsRejectedOnBothSides(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      jrtc.addTransceiver("audio", "sendrecv");
      jrtc.addTransceiver("video", "sendrecv");
      String offer1 = jrtc.createOffer();
      jrtc.setLocalDescription("offer", offer1);
      chromium.setRemoteDescription("offer", offer1);
      String answer1 = chromium.setLocalDescription();
      jrtc.setRemoteDescription("answer", answer1);
      transcript.record("round 1: jrtc offer", offer1).record("round 1: chromium answer", answer1);

      String videoMid = SdpView.parse(offer1).sections().get(1).mid();
      jrtc.transceiver(videoMid).stop();
      String offer2 = jrtc.createOffer();
      transcript.record("round 2: jrtc offer", offer2);
      // RFC 8829 §5.2.2: a stopped transceiver's m-section is offered with port 0.
      assertThat(SdpView.parse(offer2).section(videoMid)).get().extracting(SdpView.Section::port).isEqualTo(0);
      jrtc.setLocalDescription("offer", offer2);
      chromium.setRemoteDescription("offer", offer2);
      String answer2 = chromium.setLocalDescription();
      transcript.record("round 2: chromium answer", answer2);
      jrtc.setRemoteDescription("answer", answer2);
      assertThat(SdpView.parse(answer2).sections().get(1).port()).isEqualTo(0);
      // W3C webrtc §4.4.1.6: once the answer rejects the stopped transceiver's m-section, it is
      // removed from the set of transceivers, on both sides. Chromium has no track: recvonly.
      assertThat(chromium.eval("return pc.getTransceivers().map(t => [t.mid, t.currentDirection]);"))
          .isEqualTo(List.of(List.of("0", "recvonly")));
      assertThat(jrtc.pc().getTransceivers()).extracting(t -> t.mid() + " " + t.currentDirection().value())
          .containsExactly("0 sendonly");
    }
  }

  @Test
  @DisplayName("addIceCandidate: Chromium's real candidates and end-of-candidates land in jrtc's remote description")
  void chromiumCandidatesReachJrtc(BrowserPage page, Transcript transcript) {
    try (JrtcPeer jrtc = new JrtcPeer()) {
      BrowserPeerConnection chromium = BrowserPeerConnection.create(page, "chromium");
      jrtc.reportTo(transcript);
      chromium.reportTo(transcript);
      chromium.createDataChannel("data");
      chromium.addTransceiver("audio", "sendrecv");
      String offer = chromium.createOffer();
      transcript.record("chromium offer (before gathering)", offer);
      chromium.setLocalDescription("offer", offer);
      jrtc.setRemoteDescription("offer", offer);
      List<String> candidates = chromium.gatheredCandidates(Duration.ofSeconds(10));
      transcript.record("chromium candidates", candidates);
      assertThat(candidates).isNotEmpty();
      String mid = SdpView.parse(offer).sections().get(0).mid();
      for (String candidate : candidates) {
        // Chromium's pre-bundle candidates of other m-sections have the same ufrag; all go to mid 0.
        assertThat(PrivateNetwork.candidateAddressInside(candidate.split(" ")[4])).as(candidate).isTrue();
        jrtc.addIceCandidate(candidate, mid);
      }
      jrtc.addIceCandidate("", mid);
      String remote = jrtc.pc().remoteDescription().sdp();
      transcript.record("jrtc remoteDescription after addIceCandidate", remote);
      SdpView.Section section = SdpView.parse(remote).section(mid).orElseThrow();
      // RFC 8839 §5.1 a=candidate and §5.2 a=end-of-candidates, as browsers add them; a candidate
      // given twice (Chromium's tcp-active ones are the same for each pre-bundle m-section) once.
      assertThat(section.attribute("candidate")).containsExactlyElementsOf(
          candidates.stream().map(c -> c.substring("candidate:".length())).distinct().toList());
      assertThat(section.attribute("end-of-candidates")).hasSize(1);
      assertThat(jrtc.pc().canTrickleIceCandidates()).isTrue();

      String answer = jrtc.createAnswer();
      transcript.record("jrtc answer", answer);
      jrtc.setLocalDescription("answer", answer);
      chromium.setRemoteDescription("answer", answer);
      assertThat(chromium.signalingState()).isEqualTo("stable");
    }
  }

  private static String ufrag(String sdp) {
    return SdpView.parse(sdp).sections().get(0).attribute("ice-ufrag").get(0);
  }

  private static String pwd(String sdp) {
    return SdpView.parse(sdp).sections().get(0).attribute("ice-pwd").get(0);
  }
}
