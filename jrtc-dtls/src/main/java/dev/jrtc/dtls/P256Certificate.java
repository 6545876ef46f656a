package dev.jrtc.dtls;

import java.io.IOException;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsECDSAVerifier;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * A peer certificate whose ECDSA P-256 signatures (ServerKeyExchange, CertificateVerify) are
 * verified with {@link P256}'s arithmetic; everything else, other keys included, is Bouncy
 * Castle's JCA certificate unchanged.
 */
final class P256Certificate extends JcaTlsCertificate {
  private final BcTlsCrypto bc;

  P256Certificate(JcaTlsCrypto crypto, BcTlsCrypto bc, byte[] encoding) throws IOException {
    super(crypto, encoding);
    this.bc = bc;
  }

  @Override
  public TlsVerifier createVerifier(short signatureAlgorithm) throws IOException {
    if (signatureAlgorithm == SignatureAlgorithm.ecdsa) {
      ECPublicKeyParameters key = P256.publicKey(getPublicKey());
      if (key != null) {
        return new BcTlsECDSAVerifier(bc, key);
      }
    }
    return super.createVerifier(signatureAlgorithm);
  }
}
