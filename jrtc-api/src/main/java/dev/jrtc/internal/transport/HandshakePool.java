package dev.jrtc.internal.transport;

import dev.jrtc.dtls.DtlsEndpoint;
import java.util.concurrent.ExecutorService;

/**
 * The JVM's shared pool of DTLS handshake threads ({@link DtlsEndpoint}'s Javadoc explains why
 * Bouncy Castle needs one): {@code max(4, 2 × cores)} daemon threads named
 * {@code jrtc-dtls-handshake-N}, created on first use.
 *
 * <p>Sizing: a handshake holds a thread only while it waits for the peer's next flight (a few
 * milliseconds on a good path, at most the handshake timeout). Twice the cores lets the two ends
 * of a pair that live in the same JVM (tests, the benchmark, a server talking to itself) hold a
 * thread each while another pair progresses; more handshakes than threads wait in the pool's
 * queue, their datagrams in their endpoint, so thread count stays bounded for 10,000
 * connections. A JVM that connects many pairs to itself at once can starve (every thread held by a
 * client whose server cannot run): such a caller passes its own larger pool to
 * {@link PeerTransport.Builder#handshakeExecutor}.
 */
final class HandshakePool {
  private static final Object LOCK = new Object();
  private static ExecutorService shared;

  private HandshakePool() {}

  /** The shared pool. */
  static ExecutorService shared() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = DtlsEndpoint.newHandshakeExecutor(size());
      }
      return shared;
    }
  }

  /** {@code max(4, 2 × cores)}. */
  static int size() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }
}
