package dev.jrtc.dtls;

import dev.jrtc.common.Entropy;
import java.math.BigInteger;
import java.util.List;

/** Certificates shared by the tests, generated once from fixed seeds. */
final class TestCertificates {
  static final long NOT_BEFORE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  static final long NOT_AFTER = NOT_BEFORE + 365L * 24 * 3600 * 1000;

  static final DtlsCertificate ECDSA_A =
      DtlsCertificate.generateEcdsaP256(Entropy.seeded(1), NOT_BEFORE, NOT_AFTER);
  static final DtlsCertificate ECDSA_B =
      DtlsCertificate.generateEcdsaP256(Entropy.seeded(2), NOT_BEFORE, NOT_AFTER);
  static final DtlsCertificate RSA = DtlsCertificate.generateRsa(2048, BigInteger.valueOf(65537),
      Entropy.seeded(3), NOT_BEFORE, NOT_AFTER);

  private TestCertificates() {}

  static List<CertificateFingerprint> fingerprintOf(DtlsCertificate cert) {
    return List.of(CertificateFingerprint.of(cert, "sha-256"));
  }
}
