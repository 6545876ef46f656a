package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9260 §5.1.3: the state cookie is authenticated and carries its lifetime. */
class StateCookieTest {
  private final byte[] key = new byte[32];
  private final StateCookie cookie = new StateCookie(5_000, 60_000_000_000L, 0x11111111, 22, 0x33333333, 44, 65_536, 1024, 2048, 3);

  StateCookieTest() {
    key[0] = 7;
  }

  @Test
  void signsAndVerifies() {
    Bytes signed = cookie.sign(key);
    assertThat(signed.length()).isEqualTo(StateCookie.FIELDS_SIZE + StateCookie.MAC_SIZE);
    assertThat(StateCookie.verify(key, signed)).isEqualTo(cookie);
  }

  @Test
  @DisplayName("any flipped bit, a wrong key or a wrong length fails verification")
  void rejectsTampering() {
    byte[] raw = cookie.sign(key).toByteArray();
    for (int i = 0; i < raw.length; i++) {
      byte[] t = raw.clone();
      t[i] ^= 1;
      assertThat(StateCookie.verify(key, Bytes.wrap(t))).as("byte %d", i).isNull();
    }
    byte[] otherKey = key.clone();
    otherKey[1] = 1;
    assertThat(StateCookie.verify(otherKey, Bytes.wrap(raw))).isNull();
    assertThat(StateCookie.verify(key, Bytes.wrap(java.util.Arrays.copyOf(raw, 20)))).isNull();
  }

  @Test
  void expires() {
    assertThat(cookie.expired(5_000 + 60_000_000_000L)).isFalse();
    assertThat(cookie.expired(5_001 + 60_000_000_000L)).isTrue();
  }
}
