package dev.jrtc.dtls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcX25519Domain;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Bouncy Castle's {@link JcaTlsCrypto} over the JDK's providers, with AES-GCM record protection
 * through {@link JdkGcmCipher} (no per-record provider lookup), and the two asymmetric steps that
 * dominate a WebRTC handshake's time (X25519 and P-256 ECDSA) on BC's lightweight code, which is
 * several times faster than the JDK 17 provider for them. Everything else (P-256 and other ECDHE
 * groups, RSA, the PRF, the handshake hashes) is BC's JCA code unchanged. BC is still never registered
 * as a JCA provider (ARCHITECTURE.md, record protection).
 */
final class RecordCrypto extends JcaTlsCrypto {
  private static final String AES_GCM = "AES/GCM/NoPadding";

  /** Bouncy Castle's lightweight crypto over the same randomness, for X25519 and P-256 ECDSA. */
  private final BcTlsCrypto bc;

  private RecordCrypto(JcaJceHelper helper, JcaJceHelper altHelper, SecureRandom entropy,
      SecureRandom nonceEntropy) {
    super(helper, altHelper, entropy, nonceEntropy);
    this.bc = new BcTlsCrypto(entropy);
  }

  /** The lightweight crypto that P-256 signers and verifiers of this handshake use. */
  BcTlsCrypto lightweight() {
    return bc;
  }

  /**
   * X25519 (RFC 7748, the group Chromium, Firefox and jrtc offer first) on Bouncy Castle's
   * lightweight code: key generation ~0.04 ms and agreement ~0.15 ms against ~0.27 ms and
   * ~0.3 ms on the JDK 17 provider, both on the handshake's critical path. The shared secret is
   * adopted as a JCA secret, so the PRF and everything after it stay on the JDK.
   */
  @Override
  public TlsECDomain createECDomain(TlsECConfig ecConfig) {
    if (ecConfig.getNamedGroup() == NamedGroup.x25519) {
      BcX25519Domain domain = new BcX25519Domain(bc);
      return () -> new AdoptedAgreement(domain.createECDH());
    }
    return super.createECDomain(ecConfig);
  }

  /** X.509 certificates whose P-256 ECDSA signatures are verified with {@link P256}. */
  @Override
  public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
    if (type == CertificateType.X509) {
      return new P256Certificate(this, bc, encoding);
    }
    return super.createCertificate(type, encoding);
  }

  /** An agreement whose secret becomes this crypto's own kind of secret. */
  private final class AdoptedAgreement implements TlsAgreement {
    private final TlsAgreement agreement;

    AdoptedAgreement(TlsAgreement agreement) {
      this.agreement = agreement;
    }

    @Override
    public byte[] generateEphemeral() throws IOException {
      return agreement.generateEphemeral();
    }

    @Override
    public void receivePeerValue(byte[] peerValue) throws IOException {
      agreement.receivePeerValue(peerValue);
    }

    @Override
    public TlsSecret calculateSecret() throws IOException {
      return adoptSecret(agreement.calculateSecret());
    }
  }

  /** A crypto over the JDK's providers drawing its randomness from {@code random}. */
  static JcaTlsCrypto create(SecureRandom random) {
    return new Provider().create(random);
  }

  @Override
  protected TlsAEADCipherImpl createAEADCipher(String cipherName, String algorithm, int keySize,
      boolean isEncrypting) throws GeneralSecurityException {
    if (AES_GCM.equals(cipherName)) {
      return new JdkGcmCipher(getHelper().createCipher(cipherName), algorithm, keySize, isEncrypting);
    }
    return super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
  }

  /** BC's provider (same helpers, same nonce entropy source), building a {@link RecordCrypto}. */
  private static final class Provider extends JcaTlsCryptoProvider {
    @Override
    public JcaTlsCrypto create(SecureRandom keyRandom, SecureRandom nonceRandom) {
      return new RecordCrypto(getHelper(), getAltHelper(), keyRandom, nonceRandom);
    }
  }
}
