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
      // the transport's listener is added on the event strand when gathering starts, a task
      // before any candidate or the end of gathering can be dispatched
      pc.onIceGatheringStateChange(e -> {
        events.add("pc:" + pc.iceGatheringState().value());
        if (pc.iceGatheringState() == RTCIceGatheringState.GATHERING) {
          RTCIceTransport ice = t.sender().transport().iceTransport();
          ice.onGatheringStateChange(x -> events.add("ice:" + ice.gatheringState().value()
              + "/pc:" + pc.iceGatheringState().value()));
        }
      });
      await(pc.setLocalDescription());
      awaitCondition(() -> events.contains("null"), "the null candidate");
      int end = events.indexOf("end");
      assertThat(events.subList(end, events.size())).containsExactly("end", "ice:complete/pc:complete", "pc:complete", "null");
    } finally {
      pc.close();
    }
  }
}
