package dev.jrtc;

import static dev.jrtc.LoopbackPeers.await;
import static dev.jrtc.LoopbackPeers.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * webrtc-pc §5.6 "finished gathering" (w3c/webrtc-pc#2894): one task fires the end-of-candidates
 * candidate (""), the next one the transport's gatheringstatechange, then the connection's
 * icegatheringstatechange, then the null candidate (WPT RTCPeerConnection-iceGatheringState).
 */
class GatheringEventOrderTest {

  @Test
  void theEndOfGatheringFiresTransportThenConnectionThenNullCandidate() throws Exception {
    RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.defaults(), LoopbackPeers.settings());
    try {
      RTCRtpTransceiver t = pc.addTransceiver("audio",
          RTCRtpTransceiverInit.builder().direction(RTCRtpTransceiverDirection.RECVONLY).build());
      List<String> events = new CopyOnWriteArrayList<>();
      pc.onIceCandidate(e -> events.add(e.candidate() == null ? "null"
          : e.candidate().candidate().isEmpty() ? "end" : "candidate"));
      pc.onIceGatheringStateChange(e -> events.add("pc:" + pc.iceGatheringState().value()));
      // each listener sees both states already changed
      // the listener is added in the task that resolves setLocalDescription (thenRun runs on the
      // completing event thread), before any gathering task can run
      await(pc.setLocalDescription().thenRun(() -> {
        RTCIceTransport ice = t.sender().transport().iceTransport();
        ice.onGatheringStateChange(e -> events.add("ice:" + ice.gatheringState().value()
            + "/pc:" + pc.iceGatheringState().value()));
      }));
      awaitCondition(() -> events.contains("null"), "the null candidate");
      int end = events.indexOf("end");
      assertThat(events.subList(end, events.size())).containsExactly("end", "ice:complete/pc:complete", "pc:complete", "null");
    } finally {
      pc.close();
    }
  }
}
