package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * SDP that cannot be applied is rejected with the spec's error and leaves the connection as it
 * was (webrtc-pc §4.4.1.6 step 2.1: "If the process to apply description fails ...").
 */
class RemoteDescriptionRejectionTest {

  private final ManualExecutor ex = new ManualExecutor();

  /** A connection's observable state, to compare before and after a rejected call. */
  private record State(RTCSignalingState signaling, String local,
      RTCSessionDescription remote, List<RTCRtpTransceiver> transceivers, List<String> mids) {
    static State of(RTCPeerConnection pc) {
      List<String> mids = new ArrayList<>();
      pc.getTransceivers().forEach(t -> mids.add(t.mid()));
      return new State(pc.signalingState(), Peers.described(pc.localDescription()), pc.remoteDescription(),
          pc.getTransceivers(), mids);
    }
  }

  private String offerFrom(UnaryOperator<String> edit) {
    RTCPeerConnection peer = Peers.pc(ex);
    peer.addTransceiver("audio");
    peer.addTransceiver("video");
    peer.createDataChannel("d");
    return edit.apply(ex.await(peer.createOffer()).sdp());
  }

  private DOMException rejectRemoteOffer(RTCPeerConnection pc, String sdp) {
    State before = State.of(pc);
    List<String> events = new ArrayList<>();
    pc.addEventListener("signalingstatechange", e -> events.add("signalingstatechange"));
    pc.addEventListener("track", e -> events.add("track"));
    Throwable t = ex.failure(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, sdp)));
    assertThat(State.of(pc)).isEqualTo(before);
    assertThat(events).isEmpty();
    return (DOMException) t;
  }

  @Test
  void syntaxErrorIsRtcErrorWithLineNumber() {
    RTCPeerConnection pc = Peers.pc(ex);
    String sdp = offerFrom(s -> s.replace("m=video 9 ", "m=video x "));
    DOMException e = rejectRemoteOffer(pc, sdp);
    assertThat(e).isInstanceOf(RTCError.class);
    RTCError r = (RTCError) e;
    assertThat(r.name()).isEqualTo("RTCError");
    assertThat(r.errorDetail()).isEqualTo(RTCErrorDetailType.SDP_SYNTAX_ERROR);
    String[] lines = sdp.split("\r\n");
    int expected = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("m=video x")) {
        expected = i + 1;
      }
    }
    assertThat(r.sdpLineNumber()).isEqualTo(expected);
  }

  @Test
  void malformedAttributeIsRtcErrorWithItsLine() {
    RTCPeerConnection pc = Peers.pc(ex);
    String sdp = offerFrom(s -> s.replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus"));
    DOMException e = rejectRemoteOffer(pc, sdp);
    assertThat(e).isInstanceOf(RTCError.class);
    String[] lines = sdp.split("\r\n");
    int expected = java.util.Arrays.asList(lines).indexOf("a=rtpmap:111 opus") + 1;
    assertThat(((RTCError) e).sdpLineNumber()).isEqualTo(expected);
  }

  @Test
  void garbageIsRtcError() {
    RTCPeerConnection pc = Peers.pc(ex);
    assertThat(rejectRemoteOffer(pc, "Invalid SDP")).isInstanceOf(RTCError.class);
  }

  @Test
  void mismatchedUfragInTheAnswersBundleGroupIsInvalidAccessError() {
    RTCPeerConnection pc = offerer();
    String answer = answerTo(pc);
    int second = answer.indexOf("a=ice-ufrag:", answer.indexOf("m=video"));
    int end = answer.indexOf("\r\n", second);
    String edited = answer.substring(0, second) + "a=ice-ufrag:zzzz" + answer.substring(end);
    DOMException e = rejectAnswer(pc, edited);
    assertThat(e).isInstanceOf(InvalidAccessException.class);
    assertThat(e.name()).isEqualTo("InvalidAccessError");
    assertThat(e.getMessage()).contains("BUNDLE");
  }

  @Test
  void anOfferMayCarryPerSectionUfragsInItsBundleGroup() {
    // WPT RTCPeerConnection-addIceCandidate uses such an offer (RFC 8829 §7.1 example)
    RTCPeerConnection pc = Peers.pc(ex);
    String sdp = AddIceCandidateTest.SDP.replace("a=msid-semantic:WMS *", "a=group:BUNDLE a1 v1");
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, sdp)));
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_OFFER);
  }

  @Test
  void missingFingerprintIsInvalidAccessError() {
    RTCPeerConnection pc = Peers.pc(ex);
    String sdp = offerFrom(s -> s.replaceAll("a=fingerprint:[^\r]*\r\n", ""));
    DOMException e = rejectRemoteOffer(pc, sdp);
    assertThat(e).isInstanceOf(InvalidAccessException.class);
    assertThat(e.getMessage()).contains("fingerprint");
  }

  @Test
  void missingIceCredentialsIsInvalidAccessError() {
    RTCPeerConnection pc = Peers.pc(ex);
    assertThat(rejectRemoteOffer(pc, offerFrom(s -> s.replaceAll("a=ice-pwd:[^\r]*\r\n", ""))))
        .isInstanceOf(InvalidAccessException.class);
  }

  @Test
  void missingRtcpMuxIsInvalidAccessError() {
    // WPT RTCConfiguration-rtcpMuxPolicy: rtcpMuxPolicy "require" and no a=rtcp-mux
    RTCPeerConnection pc = Peers.pc(ex);
    assertThat(rejectRemoteOffer(pc, offerFrom(s -> s.replace("a=rtcp-mux\r\n", ""))))
        .isInstanceOf(InvalidAccessException.class);
  }

  @Test
  void duplicateMsidIsOperationError() {
    RTCPeerConnection pc = Peers.pc(ex);
    RTCPeerConnection peer = Peers.pc(ex);
    MediaStream s = new MediaStream();
    peer.addTrack(MediaStreamTrack.create("video"), s);
    String offer = ex.await(peer.createOffer()).sdp();
    int m = offer.indexOf("m=video");
    String section = offer.substring(m);
    String sdp = offer + section.replace("a=mid:0", "a=mid:unique");
    DOMException e = rejectRemoteOffer(pc, sdp);
    assertThat(e).isInstanceOf(OperationException.class);
    assertThat(e.name()).isEqualTo("OperationError");
  }

  @Test
  void answerWithoutOfferIsInvalidStateError() {
    RTCPeerConnection pc = Peers.pc(ex);
    State before = State.of(pc);
    Throwable t = ex.failure(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ANSWER, "invalid")));
    assertThat(t).isInstanceOf(InvalidStateException.class);
    assertThat(State.of(pc)).isEqualTo(before);
  }

  private RTCPeerConnection offerer() {
    RTCPeerConnection pc = Peers.pc(ex);
    pc.addTransceiver("audio");
    pc.addTransceiver("video");
    ex.await(pc.setLocalDescription());
    return pc;
  }

  private String answerTo(RTCPeerConnection offerer) {
    RTCPeerConnection peer = Peers.pc(ex);
    ex.await(peer.setRemoteDescription(offerer.localDescription().toJSON()));
    return ex.await(peer.createAnswer()).sdp();
  }

  private DOMException rejectAnswer(RTCPeerConnection pc, String sdp) {
    State before = State.of(pc);
    Throwable t = ex.failure(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ANSWER, sdp)));
    assertThat(State.of(pc)).isEqualTo(before);
    assertThat(pc.getTransceivers()).allSatisfy(tr -> assertThat(tr.currentDirection()).isNull());
    return (DOMException) t;
  }

  @Test
  void unknownMidInAnswerIsInvalidAccessError() {
    RTCPeerConnection pc = offerer();
    String answer = answerTo(pc).replace("a=mid:1", "a=mid:7").replace("BUNDLE 0 1", "BUNDLE 0 7");
    DOMException e = rejectAnswer(pc, answer);
    assertThat(e).isInstanceOf(InvalidAccessException.class);
    assertThat(e.getMessage()).contains("mid");
  }

  @Test
  void mLineCountMismatchIsInvalidAccessError() {
    RTCPeerConnection pc = offerer();
    String answer = answerTo(pc);
    String trimmed = answer.substring(0, answer.indexOf("m=video")).replace("BUNDLE 0 1", "BUNDLE 0");
    assertThat(rejectAnswer(pc, trimmed)).isInstanceOf(InvalidAccessException.class);
  }

  @Test
  void mLineOrderMismatchIsInvalidAccessError() {
    RTCPeerConnection pc = offerer();
    String answer = answerTo(pc);
    int v = answer.indexOf("m=video");
    int a = answer.indexOf("m=audio");
    String swapped = answer.substring(0, a) + answer.substring(v) + answer.substring(a, v);
    assertThat(rejectAnswer(pc, swapped)).isInstanceOf(InvalidAccessException.class);
  }

  @Test
  void answerWithActpassIsInvalidAccessError() {
    RTCPeerConnection pc = offerer();
    String answer = answerTo(pc).replace("a=setup:active", "a=setup:actpass");
    assertThat(rejectAnswer(pc, answer)).isInstanceOf(InvalidAccessException.class);
  }

  @Test
  void reofferThatRemovesAnMLineIsInvalidAccessError() {
    RTCPeerConnection a = Peers.pc(ex);
    RTCPeerConnection b = Peers.pc(ex);
    a.addTransceiver("audio");
    a.addTransceiver("video");
    Peers.negotiate(ex, a, b);
    RTCPeerConnection other = Peers.pc(ex);
    other.addTransceiver("audio");
    String shorter = ex.await(other.createOffer()).sdp();
    assertThat(rejectRemoteOffer(b, shorter)).isInstanceOf(InvalidAccessException.class);
  }

  @Test
  void invalidOfferInHaveLocalOfferStillRollsBack() {
    // WPT setRemoteDescription-offer: "setRemoteDescription(invalidOffer) from have-local-offer
    // does not undo rollback"
    RTCPeerConnection pc = Peers.pc(ex);
    pc.addTransceiver("audio");
    ex.await(pc.setLocalDescription());
    List<String> states = new ArrayList<>();
    pc.onSignalingStateChange(e -> states.add(pc.signalingState().value()));
    Throwable t = ex.failure(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, "Invalid SDP")));
    assertThat(t).isInstanceOf(RTCError.class);
    assertThat(states).containsExactly("stable");
    assertThat(pc.pendingLocalDescription()).isNull();
    assertThat(pc.pendingRemoteDescription()).isNull();
  }
}
