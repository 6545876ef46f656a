package dev.jrtc;

import dev.jrtc.common.Entropy;
import dev.jrtc.internal.net.NetworkSettings;

/** Test helpers: connections on a shared manual executor with seeded entropy. */
final class Peers {

  private Peers() {}

  static final RTCCertificate CERT = Certificates.generate(AlgorithmIdentifier.ecdsa("P-256"),
      Entropy.seeded(7), dev.jrtc.common.Clock.system());

  static RTCPeerConnection pc(ManualExecutor ex) {
    return pc(ex, RTCConfiguration.builder().certificates(CERT).build());
  }

  private static final java.util.concurrent.atomic.AtomicLong SEED = new java.util.concurrent.atomic.AtomicLong(42);

  /**
   * No address gives a host candidate: signaling tests stay off the network (gathering still
   * starts and completes, with end-of-candidates only).
   */
  static final NetworkSettings NO_NETWORK = NetworkSettings.builder().loopback(false).addressFilter(a -> false)
      .build();

  static RTCPeerConnection pc(ManualExecutor ex, RTCConfiguration config) {
    return new RTCPeerConnection(config, RTCSettings.builder().eventExecutor(ex).network(NO_NETWORK)
        .entropy(Entropy.seeded(SEED.getAndIncrement())).build());
  }

  /**
   * A description's type and SDP without the candidates gathering adds asynchronously (for
   * before/after comparisons), or null.
   */
  static String described(RTCSessionDescription d) {
    return d == null ? null : d.type().value() + "\n" + withoutCandidates(d.sdp());
  }

  /** The SDP without candidate lines (gathering adds them to the local description). */
  static String withoutCandidates(String sdp) {
    return sdp.replaceAll("a=candidate:[^\\r\\n]*\\r\\n", "").replace("a=end-of-candidates\r\n", "");
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
