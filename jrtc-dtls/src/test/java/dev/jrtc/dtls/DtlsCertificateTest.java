package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificates for DTLS-SRTP (RFC 8827 §6.5) and their SDP fingerprints (RFC 8122 §5), checked
 * against fingerprints computed by OpenSSL.
 */
class DtlsCertificateTest {
  private static final long NOT_BEFORE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final long NOT_AFTER = NOT_BEFORE + 30L * 24 * 3600 * 1000;

  @Test
  void ecdsaCertificateIsSelfSignedP256WithSha256() throws Exception {
    DtlsCertificate cert = DtlsCertificate.generateEcdsaP256(Entropy.seeded(1), NOT_BEFORE, NOT_AFTER);

    X509Certificate x509 = cert.certificate();
    assertThat(x509.getVersion()).isEqualTo(3);
    assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.keyAlgorithm()).isEqualTo("EC");
    assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
    x509.verify(x509.getPublicKey());
    assertThat(x509.getSubjectX500Principal()).isEqualTo(x509.getIssuerX500Principal());
    assertThat(x509.getSubjectX500Principal().getName()).startsWith("CN=WebRTC-");
    assertThat(x509.getSerialNumber().signum()).isPositive();
    assertThat(cert.notAfterMillis()).isEqualTo(NOT_AFTER);
    assertThat(cert.notBeforeMillis()).isEqualTo(NOT_BEFORE);
    assertThat(cert.encoded()).isEqualTo(x509.getEncoded());
  }

  @Test
  void rsaCertificateHasRequestedModulusAndExponent() throws Exception {
    DtlsCertificate cert = DtlsCertificate.generateRsa(2048, BigInteger.valueOf(65537),
        Entropy.seeded(2), NOT_BEFORE, NOT_AFTER);

    X509Certificate x509 = cert.certificate();
    assertThat(x509.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(cert.keyAlgorithm()).isEqualTo("RSA");
    RSAPublicKey key = (RSAPublicKey) x509.getPublicKey();
    assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    x509.verify(key);
  }

  @Test
  void sameSeedGivesSameCertificateOtherSeedAnother() {
    byte[] a = DtlsCertificate.generateEcdsaP256(Entropy.seeded(7), NOT_BEFORE, NOT_AFTER).encoded();
    byte[] b = DtlsCertificate.generateEcdsaP256(Entropy.seeded(7), NOT_BEFORE, NOT_AFTER).encoded();
    byte[] c = DtlsCertificate.generateEcdsaP256(Entropy.seeded(8), NOT_BEFORE, NOT_AFTER).encoded();
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void serialAndNameAreRandom() {
    X509Certificate a = DtlsCertificate.generateEcdsaP256(Entropy.seeded(3), NOT_BEFORE, NOT_AFTER).certificate();
    X509Certificate b = DtlsCertificate.generateEcdsaP256(Entropy.seeded(4), NOT_BEFORE, NOT_AFTER).certificate();
    assertThat(a.getSerialNumber()).isNotEqualTo(b.getSerialNumber());
    assertThat(a.getSubjectX500Principal()).isNotEqualTo(b.getSubjectX500Principal());
  }

  @Test
  void encodedIsADefensiveCopy() {
    DtlsCertificate cert = DtlsCertificate.generateEcdsaP256(Entropy.seeded(5), NOT_BEFORE, NOT_AFTER);
    byte[] first = cert.encoded();
    first[0] ^= 0x55;
    assertThat(cert.encoded()).isNotEqualTo(first);
    assertThat(cert.fingerprint("sha-256")).isEqualTo(DtlsCertificate.fingerprintOf(cert.encoded(), "sha-256"));
  }

  static Stream<Arguments> opensslFingerprints() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    for (String line : resource("certs/openssl-p256.fingerprints").split("\n")) {
      if (!line.isBlank()) {
        String[] parts = line.trim().split(" ");
        rows.add(Arguments.of(parts[0], parts[1]));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "RFC 8122 §5 {0} matches openssl x509 -fingerprint")
  @MethodSource("opensslFingerprints")
  void fingerprintOfMatchesOpenssl(String hashName, String expected) throws Exception {
    X509Certificate x509;
    try (InputStream in = DtlsCertificateTest.class.getResourceAsStream("/certs/openssl-p256.pem")) {
      x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    assertThat(DtlsCertificate.fingerprintOf(x509.getEncoded(), hashName)).isEqualTo(expected);
    assertThat(DtlsCertificate.fingerprintOf(x509.getEncoded(), hashName.toUpperCase()))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sha-1:20", "sha-224:28", "sha-256:32", "sha-384:48", "sha-512:64"})
  void fingerprintHasDigestLengthInUpperCaseHexPairs(String row) {
    String hash = row.substring(0, row.indexOf(':'));
    int length = Integer.parseInt(row.substring(row.indexOf(':') + 1));
    String fp = DtlsCertificate.generateEcdsaP256(Entropy.seeded(6), NOT_BEFORE, NOT_AFTER).fingerprint(hash);
    assertThat(fp).matches("([0-9A-F]{2}:){" + (length - 1) + "}[0-9A-F]{2}");
  }

  @ParameterizedTest(name = "hash ''{0}'' is rejected")
  @ValueSource(strings = {"md5", "sha256", "sha-3", "", "sha-256 "})
  void unknownHashIsRejected(String hash) {
    DtlsCertificate cert = DtlsCertificate.generateEcdsaP256(Entropy.seeded(6), NOT_BEFORE, NOT_AFTER);
    assertThatThrownBy(() -> cert.fingerprint(hash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported fingerprint hash: " + hash);
  }

  @Test
  void badParametersAreRejected() {
    Entropy entropy = Entropy.seeded(9);
    assertThatThrownBy(() -> DtlsCertificate.generateEcdsaP256(entropy, NOT_AFTER, NOT_BEFORE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DtlsCertificate.generateEcdsaP256(entropy, NOT_BEFORE, Long.MAX_VALUE / 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("validity outside 1970..9999");
    DtlsCertificate last = DtlsCertificate.generateEcdsaP256(entropy, NOT_BEFORE,
        DtlsCertificate.MAX_VALIDITY_MILLIS);
    assertThat(last.notAfterMillis()).isEqualTo(DtlsCertificate.MAX_VALIDITY_MILLIS);
    assertThatThrownBy(() -> DtlsCertificate.generateRsa(512, BigInteger.valueOf(65537), entropy, NOT_BEFORE, NOT_AFTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported RSA modulus length: 512");
    assertThatThrownBy(() -> DtlsCertificate.generateRsa(2048, BigInteger.valueOf(65536), entropy, NOT_BEFORE, NOT_AFTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported RSA public exponent: 65536");
  }

  @Test
  void ofRewrapsAStoredKeyAndCertificate() {
    DtlsCertificate original = DtlsCertificate.generateEcdsaP256(Entropy.seeded(10), NOT_BEFORE, NOT_AFTER);
    DtlsCertificate copy = DtlsCertificate.of(original.privateKey(), original.certificate());
    assertThat(copy.fingerprint("sha-256")).isEqualTo(original.fingerprint("sha-256"));

    DtlsCertificate rsa = DtlsCertificate.generateRsa(1024, BigInteger.valueOf(65537),
        Entropy.seeded(11), NOT_BEFORE, NOT_AFTER);
    assertThatThrownBy(() -> DtlsCertificate.of(rsa.privateKey(), original.certificate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DtlsCertificateTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
