package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 8842 §5.2: re-negotiation keeps the DTLS roles of an existing association. */
class DtlsRoleRenegotiationTest {

  private final ManualExecutor ex = new ManualExecutor();

  @Test
  void theDtlsServerAnswersAReofferWithPassive() {
    RTCPeerConnection a = Peers.pc(ex);
    RTCPeerConnection b = Peers.pc(ex);
    a.createDataChannel("d");
    Peers.negotiate(ex, a, b); // b answers actpass with active: a is the DTLS server
    assertThat(b.localDescription().sdp()).contains("a=setup:active");
    b.addTransceiver("audio");
    RTCSessionDescriptionInit reoffer = ex.await(b.createOffer());
    assertThat(reoffer.sdp()).contains("a=setup:actpass");
    ex.await(b.setLocalDescription(reoffer));
    ex.await(a.setRemoteDescription(reoffer));
    RTCSessionDescriptionInit answer = ex.await(a.createAnswer());
    assertThat(answer.sdp()).contains("a=setup:passive").doesNotContain("a=setup:active");
    a.close();
    b.close();
  }

  @Test
  void aNewAssociationAnswersActpassWithActive() {
    RTCPeerConnection a = Peers.pc(ex);
    RTCPeerConnection b = Peers.pc(ex);
    a.createDataChannel("d");
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    ex.await(a.setLocalDescription(offer));
    ex.await(b.setRemoteDescription(offer));
    assertThat(ex.await(b.createAnswer()).sdp()).contains("a=setup:active");
    a.close();
    b.close();
  }
}
