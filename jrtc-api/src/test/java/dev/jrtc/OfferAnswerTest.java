package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.RtpMap;
import dev.jrtc.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offer/answer between two jrtc connections (RFC 8829 §5.2, §5.3). */
class OfferAnswerTest {

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection a = Peers.pc(ex);
  private final RTCPeerConnection b = Peers.pc(ex);

  private static List<String> codecNames(MediaDescription m) {
    List<String> out = new ArrayList<>();
    for (RtpMap r : m.rtpMaps()) {
      out.add(r.payloadType() + " " + r.encodingName());
    }
    return out;
  }

  @Test
  void dataAudioVideoBothStableAndAgree() {
    MediaStream stream = new MediaStream();
    MediaStreamTrack audio = MediaStreamTrack.create("audio");
    a.addTrack(audio, stream);
    a.addTransceiver("video", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY));
    a.createDataChannel("chat");
    Peers.negotiate(ex, a, b);

    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    SessionDescription offer = SessionDescription.parse(a.localDescription().sdp());
    SessionDescription answer = SessionDescription.parse(b.localDescription().sdp());
    assertThat(offer.media()).extracting(MediaDescription::media).containsExactly("audio", "video", "application");
    assertThat(offer.bundleGroup().orElseThrow().mids()).containsExactly("0", "1", "2");
    assertThat(answer.bundleGroup().orElseThrow().mids()).containsExactly("0", "1", "2");
    for (int i = 0; i < 3; i++) {
      assertThat(answer.media().get(i).mid()).isEqualTo(offer.media().get(i).mid());
    }
    // transceivers on both sides
    assertThat(a.getTransceivers()).extracting(RTCRtpTransceiver::mid).containsExactly("0", "1");
    assertThat(b.getTransceivers()).extracting(RTCRtpTransceiver::mid).containsExactly("0", "1");
    assertThat(a.getTransceivers()).extracting(RTCRtpTransceiver::currentDirection)
        .containsExactly(RTCRtpTransceiverDirection.SENDONLY, RTCRtpTransceiverDirection.SENDONLY);
    assertThat(b.getTransceivers()).extracting(RTCRtpTransceiver::currentDirection)
        .containsExactly(RTCRtpTransceiverDirection.RECVONLY, RTCRtpTransceiverDirection.RECVONLY);
    // codecs: the answer keeps the offer's payload types and order
    assertThat(codecNames(answer.media().get(0))).isEqualTo(codecNames(offer.media().get(0)));
    assertThat(codecNames(answer.media().get(0)))
        .containsExactly("111 opus", "0 PCMU", "8 PCMA", "110 telephone-event", "126 telephone-event");
    assertThat(codecNames(answer.media().get(1))).isEqualTo(codecNames(offer.media().get(1)));
    assertThat(codecNames(offer.media().get(1))).contains("96 VP8", "97 rtx", "102 H264", "108 H264",
        "45 AV1", "98 VP9");
    // the data m-section
    MediaDescription data = offer.media().get(2);
    assertThat(data.proto()).isEqualTo("UDP/DTLS/SCTP");
    assertThat(data.formats()).containsExactly("webrtc-datachannel");
    assertThat(data.sctpPort()).hasValue(5000);
    assertThat(data.maxMessageSize()).hasValue(262144);
    // DTLS roles: actpass in the offer, active in the answer
    assertThat(offer.media()).allSatisfy(m -> assertThat(m.attribute("setup")).hasValue("actpass"));
    assertThat(answer.media()).allSatisfy(m -> assertThat(m.attribute("setup")).hasValue("active"));
    // msid and ssrc of the sending audio track, as Chromium
    MediaDescription am = offer.media().get(0);
    assertThat(am.attributeValues("msid")).containsExactly(stream.id() + " " + audio.id());
    assertThat(am.ssrcs()).extracting(s -> s.attribute()).contains("cname", "msid");
    MediaDescription vm = offer.media().get(1);
    assertThat(vm.ssrcGroups()).hasSize(0); // no track on the video sender: no SSRCs announced
  }

  @Test
  void remoteTracksAndTrackEvents() {
    MediaStream stream = new MediaStream();
    MediaStreamTrack audio = MediaStreamTrack.create("audio");
    MediaStreamTrack video = MediaStreamTrack.create("video");
    a.addTrack(audio, stream);
    a.addTrack(video, stream);
    List<RTCTrackEvent> tracks = new ArrayList<>();
    b.onTrack(tracks::add);
    Peers.negotiate(ex, a, b);
    assertThat(tracks).hasSize(2);
    assertThat(tracks).allSatisfy(e -> {
      assertThat(e.streams()).hasSize(1);
      assertThat(e.streams().get(0).id()).isEqualTo(stream.id());
      assertThat(e.transceiver().receiver()).isSameAs(e.receiver());
      assertThat(e.track()).isSameAs(e.receiver().track());
    });
    assertThat(tracks.get(0).streams().get(0)).isSameAs(tracks.get(1).streams().get(0));
    assertThat(tracks.get(0).streams().get(0).getTracks()).hasSize(2);
    // b answered sendrecv-capable transceivers as recvonly (no track of its own)
    assertThat(b.getTransceivers()).extracting(RTCRtpTransceiver::direction)
        .containsOnly(RTCRtpTransceiverDirection.RECVONLY);
  }

  @Test
  void answererAddTrackReusesTheOfferedTransceiver() {
    a.addTrack(MediaStreamTrack.create("audio"), new MediaStream());
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    ex.await(a.setLocalDescription(offer));
    ex.await(b.setRemoteDescription(offer));
    RTCRtpSender sender = b.addTrack(MediaStreamTrack.create("audio"));
    assertThat(b.getTransceivers()).hasSize(1);
    assertThat(b.getTransceivers().get(0).sender()).isSameAs(sender);
    assertThat(b.getTransceivers().get(0).direction()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    RTCSessionDescriptionInit answer = ex.await(b.createAnswer());
    ex.await(b.setLocalDescription(answer));
    ex.await(a.setRemoteDescription(answer));
    assertThat(a.getTransceivers().get(0).currentDirection()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    assertThat(b.getTransceivers().get(0).currentDirection()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
  }

  @Test
  void renegotiationKeepsMidsAndAddsSections() {
    a.addTransceiver("audio");
    Peers.negotiate(ex, a, b);
    a.addTransceiver("video");
    a.createDataChannel("later");
    Peers.negotiate(ex, a, b);
    SessionDescription offer = SessionDescription.parse(a.currentLocalDescription().sdp());
    assertThat(offer.media()).extracting(m -> m.mid().orElseThrow()).containsExactly("0", "1", "2");
    assertThat(b.getTransceivers()).hasSize(2);
    // the answerer re-offers with the mids and payload types negotiated
    b.getTransceivers().get(0).setDirection(RTCRtpTransceiverDirection.INACTIVE);
    Peers.negotiate(ex, b, a);
    assertThat(a.getTransceivers().get(0).currentDirection()).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
    SessionDescription reoffer = SessionDescription.parse(b.currentLocalDescription().sdp());
    assertThat(reoffer.media()).extracting(m -> m.mid().orElseThrow()).containsExactly("0", "1", "2");
  }

  @Test
  void stoppedTransceiverIsRejectedWithPortZeroThenRemoved() {
    // WPT RTCRtpTransceiver-stop: "transceivers, senders and receivers should disappear after offer/answer"
    RTCRtpTransceiver t = a.addTransceiver("audio");
    a.addTransceiver("video");
    Peers.negotiate(ex, a, b);
    RTCRtpTransceiver remote = b.getTransceivers().get(0);
    t.stop();
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.STOPPED);
    assertThat(t.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.SENDONLY); // until negotiated
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    assertThat(offer.sdp()).contains("m=audio 0 ").contains("a=inactive");
    Peers.negotiate(ex, a, b);
    SessionDescription sd = SessionDescription.parse(a.currentLocalDescription().sdp());
    assertThat(sd.media().get(0).port()).isZero();
    assertThat(sd.bundleGroup().orElseThrow().mids()).containsExactly("1");
    assertThat(t.stopped()).isTrue();
    assertThat(t.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.STOPPED);
    assertThat(remote.direction()).isEqualTo(RTCRtpTransceiverDirection.STOPPED);
    assertThat(remote.receiver().track().readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    assertThat(a.getTransceivers()).hasSize(1).doesNotContain(t);
    assertThat(b.getTransceivers()).hasSize(1).doesNotContain(remote);
    assertThat(a.getSenders()).hasSize(1);
    assertThat(b.getReceivers()).hasSize(1);
    // the rejected m-line stays in later offers, still rejected
    Peers.negotiate(ex, a, b);
    assertThat(SessionDescription.parse(a.currentLocalDescription().sdp()).media().get(0).port()).isZero();
  }

  @Test
  void mSectionRejectedByTheAnswererLeavesAnInactiveTransceiver() {
    // WPT setDescription-transceiver: "setRemoteDescription should set transceiver inactive if its
    // corresponding m section is rejected"
    a.addTransceiver("audio");
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    ex.await(a.setLocalDescription(offer));
    ex.await(b.setRemoteDescription(offer));
    b.getTransceivers().get(0).stop();
    RTCSessionDescriptionInit answer = ex.await(b.createAnswer());
    ex.await(a.setRemoteDescription(answer));
    assertThat(a.getTransceivers().get(0).currentDirection()).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
  }

  @Test
  void stoppedRemotelyThenLocalOfferStillWorks() {
    a.addTransceiver("audio");
    Peers.negotiate(ex, a, b);
    b.getTransceivers().get(0).stop();
    Peers.negotiate(ex, b, a);
    assertThat(a.getTransceivers()).isEmpty();
    ex.await(a.setLocalDescription(ex.await(a.createOffer())));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.HAVE_LOCAL_OFFER);
  }

  @Test
  void iceRestartChangesCredentials() {
    a.addTransceiver("audio");
    Peers.negotiate(ex, a, b);
    SessionDescription before = SessionDescription.parse(a.currentLocalDescription().sdp());
    SessionDescription answerBefore = SessionDescription.parse(b.currentLocalDescription().sdp());
    a.restartIce();
    Peers.negotiate(ex, a, b);
    SessionDescription after = SessionDescription.parse(a.currentLocalDescription().sdp());
    SessionDescription answer = SessionDescription.parse(b.currentLocalDescription().sdp());
    assertThat(after.media().get(0).iceUfrag()).isNotEqualTo(before.media().get(0).iceUfrag());
    assertThat(answer.media().get(0).iceUfrag()).isNotEqualTo(answerBefore.media().get(0).iceUfrag());
    RTCSessionDescriptionInit third = ex.await(a.createOffer(RTCOfferOptions.builder().iceRestart(true).build()));
    assertThat(SessionDescription.parse(third.sdp()).media().get(0).iceUfrag())
        .isNotEqualTo(after.media().get(0).iceUfrag());
  }

  @Test
  void iceCredentialsAndFingerprintAreRealistic() {
    a.createDataChannel("x");
    SessionDescription offer = SessionDescription.parse(ex.await(a.createOffer()).sdp());
    MediaDescription m = offer.media().get(0);
    assertThat(m.iceUfrag().orElseThrow()).matches("[A-Za-z0-9+/]{4,}");
    assertThat(m.icePwd().orElseThrow()).matches("[A-Za-z0-9+/]{22,}");
    assertThat(m.iceOptions()).containsExactly("trickle");
    assertThat(m.fingerprints()).hasSize(1);
    assertThat(m.fingerprints().get(0).hashFunction()).isEqualTo("sha-256");
    assertThat(m.fingerprints().get(0).value())
        .isEqualTo(Peers.CERT.getFingerprints().get(0).value().toUpperCase());
    assertThat(offer.origin().sessionId()).matches("[0-9]+");
  }

  @Test
  void theAnswererKeepsTheDataSectionInItsReoffer() {
    a.createDataChannel("from-a");
    Peers.negotiate(ex, a, b);
    b.addTransceiver("audio");
    Peers.negotiate(ex, b, a);
    SessionDescription reoffer = SessionDescription.parse(b.currentLocalDescription().sdp());
    assertThat(reoffer.media()).extracting(MediaDescription::media).containsExactly("application", "audio");
    assertThat(reoffer.media().get(0).port()).isEqualTo(9);
    assertThat(reoffer.media().get(0).mid()).hasValue("0");
  }

  @Test
  void answersCarryExtmapAllowMixedOnlyWhenOffered() {
    // RFC 8285 §6
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    assertThat(offer.sdp()).contains("a=extmap-allow-mixed");
    ex.await(b.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, AddIceCandidateTest.SDP)));
    assertThat(ex.await(b.createAnswer()).sdp()).doesNotContain("extmap-allow-mixed");
    RTCPeerConnection c = Peers.pc(ex);
    c.addTransceiver("audio");
    ex.await(b.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK)));
    ex.await(b.setRemoteDescription(ex.await(c.createOffer())));
    assertThat(ex.await(b.createAnswer()).sdp()).contains("a=extmap-allow-mixed");
  }

  @Test
  void simulcastSendEncodingsAreOfferedAndAnswered() {
    a.addTransceiver(MediaStreamTrack.create("video"), RTCRtpTransceiverInit.builder()
        .direction(RTCRtpTransceiverDirection.SENDONLY)
        .sendEncodings(RTCRtpEncodingParameters.withRid("q"), RTCRtpEncodingParameters.withRid("h"),
            new RTCRtpEncodingParameters("f", false, null, null, null)).build());
    Peers.negotiate(ex, a, b);
    MediaDescription offer = SessionDescription.parse(a.currentLocalDescription().sdp()).media().get(0);
    assertThat(offer.attributeValues("rid")).containsExactly("q send", "h send", "f send");
    assertThat(offer.attribute("simulcast")).hasValue("send q;h;~f");
    assertThat(offer.ssrcs()).isEmpty();
    MediaDescription answer = SessionDescription.parse(b.currentLocalDescription().sdp()).media().get(0);
    assertThat(answer.attributeValues("rid")).containsExactly("q recv", "h recv", "f recv");
    assertThat(answer.attribute("simulcast")).hasValue("recv q;h;~f");
  }

  @Test
  void legacyOfferToReceiveAddsRecvonlyTransceivers() {
    RTCSessionDescriptionInit offer = ex.await(a.createOffer(RTCOfferOptions.builder()
        .offerToReceiveAudio(true).offerToReceiveVideo(true).build()));
    SessionDescription sd = SessionDescription.parse(offer.sdp());
    assertThat(sd.media()).extracting(MediaDescription::media).containsExactly("audio", "video");
    assertThat(sd.media()).allSatisfy(m -> assertThat(m.hasAttribute("recvonly")).isTrue());
  }
}
