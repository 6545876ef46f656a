package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which candidate addresses the network rule of TESTING.md lets an interop test use. */
class PrivateNetworkTest {

  @ParameterizedTest(name = "{0} inside: {1}")
  @CsvSource({
      "127.0.0.1, true",
      "127.8.9.10, true",
      "::1, true",
      "10.77.0.1, true",
      "10.77.0.2, true",
      "fe80::1, true",
      "0a1b2c3d-aaaa-bbbb-cccc-0123456789ab.local, true",
      "192.0.2.2, false",
      "10.77.1.1, false",
      "10.0.0.1, false",
      "8.8.8.8, false",
      "fd00::2, false",
      "example.com, false",
      "stun.l.google.com, false",
  })
  void candidateAddresses(String address, boolean inside) {
    assertThat(PrivateNetwork.candidateAddressInside(address)).isEqualTo(inside);
  }
}
