package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code a=fingerprint} values (RFC 8122 §5) and matching a peer certificate against them. */
class CertificateFingerprintTest {
  static final DtlsCertificate CERT = DtlsCertificate.generateEcdsaP256(Entropy.seeded(31),
      TestCertificates.NOT_BEFORE, TestCertificates.NOT_AFTER);

  @Test
  void parsesTheSdpFormAndPrintsItBack() {
    CertificateFingerprint fp = CertificateFingerprint.parse("SHA-256 ab:CD:01");
    assertThat(fp.hashFunction()).isEqualTo("sha-256");
    assertThat(fp.value()).isEqualTo("AB:CD:01");
    assertThat(fp.toString()).isEqualTo("sha-256 AB:CD:01");
  }

  @ParameterizedTest(name = "rejects ''{0}''")
  @ValueSource(strings = {"", "sha-256", "sha-256 ", " AB:CD", "sha-256 ABCD", "sha-256 AB:C", "sha-256 AB::CD",
      "sha-256 GG:00", "sha-256 AB:CD:"})
  void rejectsMalformed(String value) {
    assertThatThrownBy(() -> CertificateFingerprint.parse(value))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesOnlyItsCertificateWhateverTheCase() {
    CertificateFingerprint fp = CertificateFingerprint.of(CERT, "sha-256");
    assertThat(fp.matches(CERT.encoded())).isTrue();
    assertThat(CertificateFingerprint.parse("sha-256 " + fp.value().toLowerCase()).matches(CERT.encoded())).isTrue();
    byte[] other = CERT.encoded();
    other[other.length - 1] ^= 1;
    assertThat(fp.matches(other)).isFalse();
  }

  @Test
  void unknownHashFunctionMatchesNothing() {
    assertThat(new CertificateFingerprint("md5", "AB:CD").matches(CERT.encoded())).isFalse();
    // Right digest, wrong hash function name: no match.
    assertThat(new CertificateFingerprint("sha-384", CERT.fingerprint("sha-256")).matches(CERT.encoded())).isFalse();
  }
}
