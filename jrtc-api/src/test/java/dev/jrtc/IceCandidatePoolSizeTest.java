package dev.jrtc;

import static dev.jrtc.LoopbackPeers.await;
import static dev.jrtc.LoopbackPeers.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code iceCandidatePoolSize} (webrtc-pc §4.2.1, "set a configuration" step 11): both peers
 * gather before their first description; the gathering state and the icecandidate events start
 * only with setLocalDescription, and the pooled peers connect over real UDP on loopback.
 */
class IceCandidatePoolSizeTest {

  @Test
  void pooledPeersSignalOnlyAfterSetLocalDescriptionAndConnect() throws Exception {
    RTCConfiguration pooled = RTCConfiguration.builder().iceCandidatePoolSize(1).build();
    try (LoopbackPeers p = new LoopbackPeers(pooled)) {
      List<String> aEvents = new CopyOnWriteArrayList<>();
      p.a.onIceGatheringStateChange(e -> aEvents.add("state:" + p.a.iceGatheringState().value()));
      RTCDataChannel ca = p.a.createDataChannel("pool");
      CompletableFuture<Void> open = new CompletableFuture<>();
      ca.onOpen(e -> open.complete(null));
      RTCSessionDescriptionInit offer = await(p.a.createOffer());
      assertThat(p.a.iceGatheringState()).isEqualTo(RTCIceGatheringState.NEW);
      assertThat(aEvents).isEmpty();
      p.connectTrickle();
      await(open);
      awaitCondition(() -> aEvents.contains("state:complete"), "a gathering complete");
      assertThat(aEvents).containsExactly("state:gathering", "state:complete");
      assertThat(p.a.localDescription().sdp()).contains("a=candidate:");
      assertThat(offer.sdp()).doesNotContain("a=candidate:");
      p.awaitConnected();
    }
  }

  /**
   * webrtc-pc "set a configuration": with a nonzero pool and no local description yet, new ICE
   * settings discard the pooled candidates and gather again (RFC 8829 §4.1.18): a pool gathered
   * with policy all (host candidates) is replaced by one with policy relay (none: no TURN server).
   */
  @Test
  void newIcePolicyBeforeTheFirstDescriptionGathersThePoolAgain() throws Exception {
    RTCConfiguration pooled = RTCConfiguration.builder().iceCandidatePoolSize(1).build();
    RTCPeerConnection pc = new RTCPeerConnection(pooled, LoopbackPeers.settings());
    try {
      pc.createDataChannel("pool");
      pc.setConfiguration(pooled.toBuilder().iceTransportPolicy(RTCIceTransportPolicy.RELAY).build());
      CompletableFuture<Void> complete = new CompletableFuture<>();
      pc.onIceGatheringStateChange(e -> {
        if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
          complete.complete(null);
        }
      });
      await(pc.setLocalDescription(await(pc.createOffer())));
      await(complete);
      assertThat(pc.localDescription().sdp()).doesNotContain("a=candidate:");

      // the same with the pool kept: host candidates are signalled
      RTCPeerConnection kept = new RTCPeerConnection(pooled, LoopbackPeers.settings());
      try {
        kept.createDataChannel("pool");
        CompletableFuture<Void> keptComplete = new CompletableFuture<>();
        kept.onIceGatheringStateChange(e -> {
          if (kept.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
            keptComplete.complete(null);
          }
        });
        await(kept.setLocalDescription(await(kept.createOffer())));
        await(keptComplete);
        assertThat(kept.localDescription().sdp()).contains(" typ host");
      } finally {
        kept.close();
      }
    } finally {
      pc.close();
    }
  }

  @Test
  void settingAPoolSizeBeforeTheFirstDescriptionIsAllowedAndConnects() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      p.b.setConfiguration(RTCConfiguration.builder().iceCandidatePoolSize(2).build());
      assertThat(p.b.getConfiguration().iceCandidatePoolSize()).isEqualTo(2);
      CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
      p.b.onDataChannel(e -> remote.complete(e.channel()));
      p.a.createDataChannel("late pool");
      p.connectTrickle();
      assertThat(await(remote).label()).isEqualTo("late pool");
      p.awaitConnected();
    }
  }
}
