package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calibrates {@link NegotiationCheck} on a pair whose agreement nobody here wrote: two Chromium
 * peer connections in one page negotiate data + audio + video, and the check must find them in
 * agreement; then it must find the planted disagreements. The jrtc tests use the same check.
 */
@ExtendWith(ChromiumExtension.class)
class ChromiumToChromiumIT {

  @Test
  @DisplayName("two Chromium peers agree on mids, directions and codecs, the check sees it, and they connect")
  void chromiumPeersAgree(BrowserPage page, Transcript transcript) {
    BrowserPeerConnection a = BrowserPeerConnection.create(page, "a");
    BrowserPeerConnection b = BrowserPeerConnection.create(page, "b");
    a.reportTo(transcript);
    b.reportTo(transcript);
    a.createDataChannel("data");
    a.addUserMediaTracks(true, false);          // audio sendrecv with a real (fake-device) track
    a.addTransceiver("video", "sendonly");
    a.addTransceiver("audio", "recvonly");
    String offer = a.createOffer();
    transcript.record("offer (a)", offer);
    a.setLocalDescription("offer", offer);
    b.setRemoteDescription("offer", offer);
    b.addUserMediaTracks(true, false);         // b attaches its audio to the matching transceiver
    // b would send on the third (a: recvonly) too: the answer must intersect that to sendonly.
    b.eval("pc.getTransceivers()[2].direction = 'sendrecv'; return null;");
    String answer = b.createAnswer();
    transcript.record("answer (b)", answer);
    b.setLocalDescription("answer", answer);
    a.setRemoteDescription("answer", answer);

    assertThat(a.signalingState()).isEqualTo("stable");
    assertThat(b.signalingState()).isEqualTo("stable");
    List<TransceiverView> at = a.transceivers();
    List<TransceiverView> bt = b.transceivers();
    transcript.record("a transceivers", at.toString());
    transcript.record("b transceivers", bt.toString());
    List<String> problems = NegotiationCheck.disagreements(offer, answer,
        new NegotiationCheck.Side("chromium a", at), new NegotiationCheck.Side("chromium b", bt));
    assertThat(problems).as("disagreements").isEmpty();
    assertThat(at).extracting(TransceiverView::currentDirection)
        .containsExactly("sendrecv", "sendonly", "recvonly");
    assertThat(bt).extracting(TransceiverView::currentDirection)
        .containsExactly("sendrecv", "recvonly", "sendonly");
    assertThat(bt).extracting(TransceiverView::direction).containsExactly("sendrecv", "recvonly", "sendrecv");

    // Trickle the candidates both ways: the two connect and a data channel carries text.
    for (String candidate : a.gatheredCandidates(Duration.ofSeconds(10))) {
      b.eval("await pc.addIceCandidate({candidate: args.c, sdpMid: '0'}); return null;", Map.of("c", candidate));
    }
    for (String candidate : b.gatheredCandidates(Duration.ofSeconds(10))) {
      a.eval("await pc.addIceCandidate({candidate: args.c, sdpMid: '0'}); return null;", Map.of("c", candidate));
    }
    a.waitFor("pc.connectionState === 'connected' && pc.channels.data.readyState === 'open'", Duration.ofSeconds(10));
    b.waitFor("pc.channels.data && pc.channels.data.readyState === 'open'", Duration.ofSeconds(10));
    a.send("data", "hello b");
    b.send("data", "hello a");
    b.waitFor("pc.received.length === 1", Duration.ofSeconds(10));
    a.waitFor("pc.received.length === 1", Duration.ofSeconds(10));
    assertThat(b.received()).containsExactly("data: hello b");
    assertThat(a.received()).containsExactly("data: hello a");

    // The same check must notice when the sides' views are swapped or the answer is tampered with.
    assertThat(NegotiationCheck.disagreements(offer, answer,
        new NegotiationCheck.Side("chromium b", bt), new NegotiationCheck.Side("chromium a", at)))
        .anyMatch(p -> p.contains("currentDirection is sendonly, expected recvonly"));
    String tampered = answer.replaceFirst("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus/16000/2");
    assertThat(NegotiationCheck.disagreements(offer, tampered,
        new NegotiationCheck.Side("chromium a", at), new NegotiationCheck.Side("chromium b", bt)))
        .anyMatch(p -> p.contains("payload type 111 is"));
  }
}
