package dev.jrtc;

import dev.jrtc.common.Entropy;

/** Test helpers: connections on a shared manual executor with seeded entropy. */
final class Peers {

  private Peers() {}

  static final RTCCertificate CERT = Certificates.generate(AlgorithmIdentifier.ecdsa("P-256"),
      Entropy.seeded(7), dev.jrtc.common.Clock.system());

  static RTCPeerConnection pc(ManualExecutor ex) {
    return pc(ex, RTCConfiguration.builder().certificates(CERT).build());
  }

  private static final java.util.concurrent.atomic.AtomicLong SEED = new java.util.concurrent.atomic.AtomicLong(42);

  static RTCPeerConnection pc(ManualExecutor ex, RTCConfiguration config) {
    return new RTCPeerConnection(config, RTCSettings.builder().eventExecutor(ex)
        .entropy(Entropy.seeded(SEED.getAndIncrement())).build());
  }

  /** A full offer/answer round from a to b. */
  static void negotiate(ManualExecutor ex, RTCPeerConnection a, RTCPeerConnection b) {
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    ex.await(a.setLocalDescription(offer));
    ex.await(b.setRemoteDescription(offer));
    RTCSessionDescriptionInit answer = ex.await(b.createAnswer());
    ex.await(b.setLocalDescription(answer));
    ex.await(a.setRemoteDescription(answer));
  }
}
