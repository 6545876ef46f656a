package dev.jrtc.common;

import java.security.SecureRandom;

/**
 * The one source of randomness a protocol core may use: ICE credentials and tie-breakers,
 * DTLS randoms, SCTP verification tags and initial TSNs, SSRCs, STUN transaction ids.
 *
 * <p>Cores receive an {@code Entropy} at construction and never create their own random
 * generator, so that a test can hand in {@link #seeded(long)} and get the same bytes on
 * every run. Production code uses {@link #secure()}.
 */
public interface Entropy {

  /** Fills {@code bytes} with random bytes. */
  void nextBytes(byte[] bytes);

  /** A random int over the whole int range. */
  default int nextInt() {
    byte[] b = new byte[4];
    nextBytes(b);
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  /** A random long over the whole long range. */
  default long nextLong() {
    return ((long) nextInt() << 32) | (nextInt() & 0xffffffffL);
  }

  /** A uniformly random int in {@code [0, bound)}; {@code bound} must be positive. */
  default int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    // Rejection sampling avoids the modulo bias.
    int limit = Integer.MAX_VALUE - (Integer.MAX_VALUE % bound);
    int r;
    do {
      r = nextInt() & Integer.MAX_VALUE;
    } while (r >= limit);
    return r % bound;
  }

  /** This entropy as a {@link SecureRandom}, for APIs that need one (Bouncy Castle's TLS crypto). */
  SecureRandom asSecureRandom();

  /** Entropy from the platform's {@link SecureRandom}. */
  static Entropy secure() {
    return SecureEntropy.INSTANCE;
  }

  /** Deterministic entropy for tests: the same seed gives the same bytes. Not for production. */
  static Entropy seeded(long seed) {
    return new SeededEntropy(seed);
  }
}
