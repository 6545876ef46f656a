package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** webrtc-pc §4.4.1.7 addIceCandidate, after WPT RTCPeerConnection-addIceCandidate.html. */
class AddIceCandidateTest {

  // The WPT file's offer: two m-sections with their own ufrags, no BUNDLE.
  static final String SDP = String.join("\r\n",
      "v=0", "o=- 166855176514521964 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=msid-semantic:WMS *",
      "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:a1", "a=sendrecv",
      "a=rtpmap:111 opus/48000/2", "a=ice-ufrag:ETEn", "a=ice-pwd:OtSK0WpNtpUjkY4+86js7ZQl",
      "a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2",
      "a=setup:actpass", "a=rtcp-mux",
      "m=video 9 UDP/TLS/RTP/SAVPF 100", "c=IN IP4 0.0.0.0", "a=mid:v1", "a=sendrecv",
      "a=rtpmap:100 VP8/90000", "a=ice-ufrag:BGKk", "a=ice-pwd:mqyWsAjvtKwTGnvhPztQ9mIf",
      "a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2",
      "a=setup:actpass", "a=rtcp-mux", "");
  static final String CANDIDATE1 = "candidate:1 1 udp 2113929471 203.0.113.100 10100 typ host";
  static final String CANDIDATE2 = "candidate:1 2 udp 2113929470 203.0.113.100 10101 typ host";

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection pc = Peers.pc(ex);

  @BeforeEach
  void remote() {
    ex.await(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.OFFER, SDP)));
  }

  private String audioSection() {
    String sdp = pc.remoteDescription().sdp();
    return sdp.substring(sdp.indexOf("m=audio"), sdp.indexOf("m=video"));
  }

  private String videoSection() {
    String sdp = pc.remoteDescription().sdp();
    return sdp.substring(sdp.indexOf("m=video"));
  }

  private Throwable fails(RTCIceCandidateInit init) {
    return ex.failure(pc.addIceCandidate(init));
  }

  @Test
  void beforeRemoteDescriptionIsInvalidStateError() {
    RTCPeerConnection fresh = Peers.pc(ex);
    CompletableFuture<Void> f = fresh.addIceCandidate(new RTCIceCandidateInit(CANDIDATE1, "a1", null, null));
    assertThat(ex.failure(f)).isInstanceOf(InvalidStateException.class);
  }

  @Test
  void afterCloseIsInvalidStateError() {
    pc.close();
    assertThat(fails(new RTCIceCandidateInit(CANDIDATE1, "a1", null, null))).isInstanceOf(InvalidStateException.class);
  }

  @Test
  void candidateIsAddedToItsMSection() {
    RTCSessionDescription before = pc.remoteDescription();
    ex.await(pc.addIceCandidate(new RTCIceCandidateInit(CANDIDATE1, "a1", 0, null)));
    assertThat(audioSection()).contains("a=" + CANDIDATE1 + "\r\n");
    assertThat(videoSection()).doesNotContain("a=candidate");
    ex.await(pc.addIceCandidate(new RTCIceCandidate(new RTCIceCandidateInit(CANDIDATE2, null, 1, "BGKk"))));
    assertThat(videoSection()).contains("a=" + CANDIDATE2 + "\r\n");
    assertThat(pc.remoteDescription()).isNotSameAs(before);
    assertThat(pc.remoteDescription()).isSameAs(pc.pendingRemoteDescription());
  }

  @Test
  void sdpMidWinsOverAnInvalidIndex() {
    ex.await(pc.addIceCandidate(new RTCIceCandidateInit(CANDIDATE1, "a1", 9999, null)));
    assertThat(audioSection()).contains("a=" + CANDIDATE1);
  }

  @Test
  void endOfCandidatesForAll() {
    ex.await(pc.addIceCandidate());
    assertThat(audioSection()).contains("a=end-of-candidates");
    assertThat(videoSection()).contains("a=end-of-candidates");
  }

  @Test
  void endOfCandidatesInStableToo() {
    ex.await(pc.setLocalDescription());
    ex.await(pc.addIceCandidate(new RTCIceCandidateInit("", null, null, null)));
    assertThat(pc.remoteDescription()).isSameAs(pc.currentRemoteDescription());
    assertThat(audioSection()).contains("a=end-of-candidates");
    assertThat(videoSection()).contains("a=end-of-candidates");
  }

  @Test
  void endOfCandidatesForOneUfrag() {
    ex.await(pc.addIceCandidate(new RTCIceCandidateInit("", null, 1, "BGKk")));
    assertThat(audioSection()).doesNotContain("a=end-of-candidates");
    assertThat(videoSection()).contains("a=end-of-candidates");
  }

  @Test
  void typeErrorWithoutMidAndIndexRejectsImmediately() {
    CompletableFuture<Void> f = pc.addIceCandidate(new RTCIceCandidateInit(CANDIDATE1, null, null, null));
    assertThat(f).isCompletedExceptionally();
    assertThat(ex.failure(f)).isInstanceOf(TypeException.class);
  }

  @Test
  void operationErrors() {
    assertThat(fails(new RTCIceCandidateInit(CANDIDATE1, "invalid", null, null))).isInstanceOf(OperationException.class);
    assertThat(fails(new RTCIceCandidateInit(CANDIDATE1, null, 2, null))).isInstanceOf(OperationException.class);
    assertThat(fails(new RTCIceCandidateInit(CANDIDATE1, "a1", null, "invalid"))).isInstanceOf(OperationException.class);
    assertThat(fails(new RTCIceCandidateInit(CANDIDATE2, "v1", 1, "ETEn"))).isInstanceOf(OperationException.class);
    assertThat(fails(new RTCIceCandidateInit("", null, null, "no such ufrag"))).isInstanceOf(OperationException.class);
    Throwable bad = fails(new RTCIceCandidateInit("(Invalid) candidate \r\n string", "a1", null, null));
    assertThat(bad).isInstanceOf(OperationException.class);
    assertThat(((DOMException) bad).name()).isEqualTo("OperationError");
    assertThat(pc.remoteDescription().sdp()).doesNotContain("a=candidate");
  }

  @Test
  void candidateWithTheSdpLinePrefixIsAccepted() {
    // browsers accept "a=candidate:..." (WPT RTCPeerConnection-addTcpIceCandidate.html)
    ex.await(pc.addIceCandidate(new RTCIceCandidateInit("a=" + CANDIDATE1, "a1", null, null)));
    assertThat(audioSection()).contains("a=" + CANDIDATE1 + "\r\n").doesNotContain("a=a=");
    assertThat(fails(new RTCIceCandidateInit("a=nonsense", "a1", null, null)))
        .isInstanceOf(OperationException.class);
  }
}
