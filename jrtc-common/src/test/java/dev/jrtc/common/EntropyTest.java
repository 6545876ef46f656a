package dev.jrtc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntropyTest {

  @Test
  void seededEntropyRepeatsForTheSameSeed() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    Entropy.seeded(7).nextBytes(a);
    Entropy.seeded(7).nextBytes(b);
    assertThat(a).isEqualTo(b);
    Entropy.seeded(8).nextBytes(b);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void secureRandomViewOfSeededEntropyIsDeterministic() {
    byte[] a = new byte[16];
    byte[] b = new byte[16];
    Entropy.seeded(1).asSecureRandom().nextBytes(a);
    Entropy.seeded(1).asSecureRandom().nextBytes(b);
    assertThat(a).isEqualTo(b);
  }

  @Test
  void boundedIntStaysInRange() {
    Entropy e = Entropy.seeded(3);
    for (int i = 0; i < 10_000; i++) {
      assertThat(e.nextInt(10)).isBetween(0, 9);
    }
    assertThatThrownBy(() -> e.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
