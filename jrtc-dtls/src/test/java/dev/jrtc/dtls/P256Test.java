package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.tls.DigitallySigned;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsECDSAVerifier;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class P256Test {
  private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
      new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

  @Test
  @DisplayName("RFC 5246 §4.7: a P-256 signature made by the JDK verifies with the lightweight verifier; a changed one does not")
  void jdkSignatureVerifiesOnLightweightCode() throws Exception {
    JcaTlsCrypto crypto = RecordCrypto.create(Entropy.seeded(3).asSecureRandom());
    DtlsCertificate cert = TestCertificates.ECDSA_A;
    byte[] message = "ServerKeyExchange params".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Signature jdk = Signature.getInstance("SHA256withECDSA");
    jdk.initSign(cert.privateKey());
    jdk.update(message);
    byte[] der = jdk.sign();
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);

    TlsVerifier verifier = crypto.createCertificate(cert.encoded()).createVerifier(SignatureAlgorithm.ecdsa);
    assertThat(verifier).isInstanceOf(BcTlsECDSAVerifier.class);
    assertThat(verifier.verifyRawSignature(new DigitallySigned(ECDSA_SHA256, der), hash)).isTrue();
    hash[0] ^= 1;
    assertThat(verifier.verifyRawSignature(new DigitallySigned(ECDSA_SHA256, der), hash)).isFalse();
  }

  @Test
  @DisplayName("Keys on other curves and RSA keys stay on the JDK provider")
  void otherKeysAreNotConverted() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    var p384 = g.generateKeyPair();
    assertThat(P256.publicKey(p384.getPublic())).isNull();
    assertThat(P256.privateKey(p384.getPrivate())).isNull();
    assertThat(P256.privateKey(TestCertificates.RSA.privateKey())).isNull();
    assertThat(P256.privateKey(TestCertificates.ECDSA_A.privateKey())).isNotNull();
    JcaTlsCrypto crypto = RecordCrypto.create(Entropy.seeded(4).asSecureRandom());
    assertThat(crypto.createCertificate(TestCertificates.RSA.encoded()).createVerifier(SignatureAlgorithm.rsa))
        .isNotInstanceOf(BcTlsECDSAVerifier.class);
  }
}
