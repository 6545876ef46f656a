package dev.jrtc.dtls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Bouncy Castle's {@link JcaTlsCrypto} over the JDK's providers, with AES-GCM record protection
 * through {@link JdkGcmCipher} (no per-record provider lookup). Everything else (ECDHE, ECDSA,
 * RSA, the PRF, the handshake hashes) is BC's JCA code unchanged. BC is still never registered
 * as a JCA provider (ARCHITECTURE.md, record protection).
 */
final class RecordCrypto extends JcaTlsCrypto {
  private static final String AES_GCM = "AES/GCM/NoPadding";

  private RecordCrypto(JcaJceHelper helper, JcaJceHelper altHelper, SecureRandom entropy,
      SecureRandom nonceEntropy) {
    super(helper, altHelper, entropy, nonceEntropy);
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
