package dev.jrtc;

import dev.jrtc.internal.net.NetworkSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Two connections over real UDP on 127.0.0.1 (loopback candidates on, nothing else), each on its
 * own event strand; signaling is in-process. Waits end as soon as the awaited state is reached;
 * the generous deadline only turns a hang into a failure.
 */
final class LoopbackPeers implements AutoCloseable {
  static final long WAIT_SECONDS = 20;

  final RTCPeerConnection a;
  final RTCPeerConnection b;
  final List<String> aConnectionStates = new CopyOnWriteArrayList<>();
  final List<String> bConnectionStates = new CopyOnWriteArrayList<>();
  final List<String> aIceEvents = new CopyOnWriteArrayList<>();

  LoopbackPeers() {
    this(RTCConfiguration.defaults());
  }

  LoopbackPeers(RTCConfiguration config) {
    this(config, settings(), settings());
  }

  LoopbackPeers(RTCConfiguration config, RTCSettings aSettings, RTCSettings bSettings) {
    a = new RTCPeerConnection(config, aSettings);
    b = new RTCPeerConnection(config, bSettings);
    a.onConnectionStateChange(e -> aConnectionStates.add(a.connectionState().value()));
    b.onConnectionStateChange(e -> bConnectionStates.add(b.connectionState().value()));
  }

  static RTCSettings settings() {
    return RTCSettings.builder().network(NetworkSettings.loopbackOnly()).build();
  }

  static <T> T await(CompletableFuture<T> f) {
    return await(f, WAIT_SECONDS);
  }

  static <T> T await(CompletableFuture<T> f, long seconds) {
    try {
      return f.get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("not done within " + seconds + " s", e);
    }
  }

  /**
   * Offer from a, answer from b, candidates trickled through onicecandidate/addIceCandidate (each
   * side adds the peer's candidates once its remote description is set).
   */
  void connectTrickle() {
    CompletableFuture<Void> aRemote = new CompletableFuture<>();
    CompletableFuture<Void> bRemote = new CompletableFuture<>();
    a.onIceCandidate(e -> {
      aIceEvents.add(e.candidate() == null ? "null" : e.candidate().candidate().isEmpty() ? "end" : "candidate");
      if (e.candidate() != null) {
        RTCIceCandidate c = e.candidate();
        bRemote.thenCompose(v -> b.addIceCandidate(c));
      }
    });
    b.onIceCandidate(e -> {
      if (e.candidate() != null) {
        RTCIceCandidate c = e.candidate();
        aRemote.thenCompose(v -> a.addIceCandidate(c));
      }
    });
    RTCSessionDescriptionInit offer = await(a.createOffer());
    await(a.setLocalDescription(offer));
    await(b.setRemoteDescription(offer));
    bRemote.complete(null);
    RTCSessionDescriptionInit answer = await(b.createAnswer());
    await(b.setLocalDescription(answer));
    await(a.setRemoteDescription(answer));
    aRemote.complete(null);
  }

  /** Non-trickle: each side waits for gathering to complete and sends its full description. */
  void connectFullSdp() {
    await(a.setLocalDescription(await(a.createOffer())));
    awaitCondition(() -> a.iceGatheringState() == RTCIceGatheringState.COMPLETE, "a gathering complete");
    await(b.setRemoteDescription(a.localDescription()));
    await(b.setLocalDescription(await(b.createAnswer())));
    awaitCondition(() -> b.iceGatheringState() == RTCIceGatheringState.COMPLETE, "b gathering complete");
    await(a.setRemoteDescription(b.localDescription()));
  }

  void awaitConnected() {
    awaitCondition(() -> a.connectionState() == RTCPeerConnectionState.CONNECTED
        && b.connectionState() == RTCPeerConnectionState.CONNECTED, "both connected");
  }

  /** Polls a condition the event strands change (no timing assertion: only a deadline). */
  static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + WAIT_SECONDS + " s: " + what);
      }
      try {
        Thread.sleep(5); // polling interval only; nothing is asserted about time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    a.close();
    b.close();
  }
}
