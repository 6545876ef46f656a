package dev.jrtc.common;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Deterministic {@link Entropy} for tests and simulations. Its {@link SecureRandom} view is
 * deterministic too (it draws from the same stream), which is what makes a simulated DTLS
 * handshake repeat byte for byte.
 */
final class SeededEntropy implements Entropy {
  private final SplittableRandom random;
  private final SecureRandom secureView;

  SeededEntropy(long seed) {
    this.random = new SplittableRandom(seed);
    this.secureView = new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        SeededEntropy.this.nextBytes(bytes);
      }

      @Override
      public byte[] generateSeed(int numBytes) {
        byte[] b = new byte[numBytes];
        SeededEntropy.this.nextBytes(b);
        return b;
      }

      @Override
      public void setSeed(long seed) {
        // Ignored: a deterministic source must not be reseeded behind the test's back.
      }
    };
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    random.nextBytes(bytes);
  }

  @Override
  public synchronized int nextInt() {
    return random.nextInt();
  }

  @Override
  public synchronized long nextLong() {
    return random.nextLong();
  }

  @Override
  public SecureRandom asSecureRandom() {
    return secureView;
  }
}
