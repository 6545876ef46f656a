package dev.jrtc.common;

import java.security.SecureRandom;

/** {@link Entropy} backed by the platform {@link SecureRandom}; the only place jrtc creates one. */
final class SecureEntropy implements Entropy {
  static final SecureEntropy INSTANCE = new SecureEntropy();

  private final SecureRandom random = new SecureRandom();

  private SecureEntropy() {}

  @Override
  public void nextBytes(byte[] bytes) {
    random.nextBytes(bytes);
  }

  @Override
  public SecureRandom asSecureRandom() {
    return random;
  }
}
