package dev.jrtc;

import static dev.jrtc.LoopbackPeers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * webrtc-pc §4.7.3: negotiation-needed set while operations are chained fires once the chain is
 * empty (WPT RTCPeerConnection-operations "Negotiationneeded only fires once operations chain is
 * empty"): a transceiver made with addTransceiver is not taken by the remote offer, so it still
 * needs negotiating after the answer.
 */
class NegotiationNeededAfterChainTest {

  @Test
  void firesOnceTheChainEmpties() throws Exception {
    RTCPeerConnection pc1 = new RTCPeerConnection(RTCConfiguration.defaults(), LoopbackPeers.settings());
    RTCPeerConnection pc2 = new RTCPeerConnection(RTCConfiguration.defaults(), LoopbackPeers.settings());
    try {
      pc1.addTransceiver("audio");
      pc1.addTransceiver("video");
      RTCSessionDescriptionInit offer = await(pc1.createOffer());
      await(pc1.setLocalDescription(offer));
      CompletableFuture<Void> fired = new CompletableFuture<>();
      pc2.addTransceiver("video");
      pc2.onNegotiationNeeded(e -> fired.complete(null));
      List<CompletableFuture<Void>> ops = new ArrayList<>();
      ops.add(pc2.setRemoteDescription(offer));
      ops.add(pc2.setLocalDescription());
      for (CompletableFuture<Void> f : ops) {
        await(f);
      }
      await(fired);
      assertThat(pc2.getTransceivers()).hasSize(3);
    } finally {
      pc1.close();
      pc2.close();
    }
  }
}
