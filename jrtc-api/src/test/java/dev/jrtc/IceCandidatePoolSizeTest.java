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
