package dev.jrtc;

import static dev.jrtc.LoopbackPeers.await;
import static dev.jrtc.LoopbackPeers.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code RTCIceTransport.getSelectedCandidatePair()} names the candidates as signalled: a pair
 * selected while the peer's candidate was only known as peer-reflexive (its checks arrived
 * before its trickled candidate) shows the signalled candidate once it arrives (RFC 8838 §11.4,
 * WPT RTCIceTransport "Validate selected candidate pair").
 */
class SelectedCandidatePairTest {

  @Test
  void aPeerReflexiveRemoteBecomesTheSignalledCandidateInTheSelectedPair() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      List<RTCIceCandidate> fromA = new CopyOnWriteArrayList<>();
      p.a.onIceCandidate(e -> {
        if (e.candidate() != null && !e.candidate().candidate().isEmpty()) {
          fromA.add(e.candidate()); // held back from b until b has selected a pair
        }
      });
      p.b.onIceCandidate(e -> {
        if (e.candidate() != null) {
          p.a.addIceCandidate(e.candidate());
        }
      });
      p.a.createDataChannel("c");
      RTCSessionDescriptionInit offer = await(p.a.createOffer()); // no candidates in it
      await(p.a.setLocalDescription(offer));
      await(p.b.setRemoteDescription(offer));
      await(p.b.setLocalDescription());
      await(p.a.setRemoteDescription(p.b.localDescription()));
      p.awaitConnected();
      RTCIceTransport bIce = p.b.sctp().transport().iceTransport();
      assertThat(bIce.getSelectedCandidatePair().remote().type()).isEqualTo(RTCIceCandidateType.PRFLX);
      assertThat(bIce.getRemoteCandidates()).isEmpty();
      for (RTCIceCandidate c : fromA) {
        await(p.b.addIceCandidate(c));
      }
      RTCIceCandidatePair aPair = p.a.sctp().transport().iceTransport().getSelectedCandidatePair();
      awaitCondition(() -> bIce.getSelectedCandidatePair().remote().type() == RTCIceCandidateType.HOST,
          "b's selected remote candidate is a's host candidate");
      assertThat(bIce.getSelectedCandidatePair().remote().candidate()).isEqualTo(aPair.local().candidate());
      assertThat(fromA).extracting(RTCIceCandidate::candidate).contains(aPair.local().candidate());
    }
  }
}
