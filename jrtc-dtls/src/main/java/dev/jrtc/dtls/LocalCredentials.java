package dev.jrtc.dtls;

import java.io.IOException;
import java.util.Vector;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The local certificate as Bouncy Castle's TLS API wants it, and the cipher suites it allows.
 *
 * <p>Only ECDHE with AES-GCM (RFC 5289): forward secrecy as RFC 8827 §6.5 requires, AEAD
 * records that the JDK's AES-GCM intrinsics encrypt, and a fixed record overhead that
 * {@link DtlsRecordScreen} relies on. Chromium, Firefox and Safari all offer these suites; the
 * CBC suites they still list are not needed. A server offers only the suites its key can sign
 * for: with an ECDSA certificate BC would otherwise pick an ECDHE_RSA suite it has no credentials
 * for (the trap shared/fixtures/README.md describes).
 */
final class LocalCredentials {
  private static final int[] ECDSA_SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
  };
  private static final int[] RSA_SUITES = {
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
  };

  private final JcaTlsCrypto crypto;
  private final DtlsCertificate certificate;
  private final short signatureAlgorithm;

  LocalCredentials(JcaTlsCrypto crypto, DtlsCertificate certificate) {
    this.crypto = crypto;
    this.certificate = certificate;
    switch (certificate.keyAlgorithm()) {
      case "EC":
        this.signatureAlgorithm = SignatureAlgorithm.ecdsa;
        break;
      case "RSA":
        this.signatureAlgorithm = SignatureAlgorithm.rsa;
        break;
      default:
        throw new IllegalArgumentException("unsupported key algorithm " + certificate.keyAlgorithm());
    }
  }

  boolean isEcdsa() {
    return signatureAlgorithm == SignatureAlgorithm.ecdsa;
  }

  /** Suites a server with this certificate may select. */
  int[] serverCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(crypto, isEcdsa() ? ECDSA_SUITES : RSA_SUITES);
  }

  /** Suites a client offers: it cannot know the server's key type, so both families. */
  int[] clientCipherSuites() {
    int[] all = new int[ECDSA_SUITES.length + RSA_SUITES.length];
    System.arraycopy(ECDSA_SUITES, 0, all, 0, ECDSA_SUITES.length);
    System.arraycopy(RSA_SUITES, 0, all, ECDSA_SUITES.length, RSA_SUITES.length);
    return TlsUtils.getSupportedCipherSuites(crypto, all);
  }

  /**
   * A signer for this certificate using an algorithm the peer listed (RFC 5246 §7.4.1.4.1):
   * SHA-256 when offered, else the first the peer lists for our key type. A null list means the
   * peer sent no signature_algorithms, which in TLS 1.2 implies SHA-1 (RFC 5246 §7.4.1.4.1).
   */
  TlsCredentialedSigner signer(TlsContext context, Vector<?> peerSigAlgs) throws IOException {
    SignatureAndHashAlgorithm chosen = null;
    if (peerSigAlgs == null) {
      chosen = new SignatureAndHashAlgorithm(HashAlgorithm.sha1, signatureAlgorithm);
    } else {
      for (Object o : peerSigAlgs) {
        SignatureAndHashAlgorithm alg = (SignatureAndHashAlgorithm) o;
        if (alg.getSignature() != signatureAlgorithm) {
          continue;
        }
        if (alg.getHash() == HashAlgorithm.sha256) {
          chosen = alg;
          break;
        }
        if (chosen == null) {
          chosen = alg;
        }
      }
    }
    if (chosen == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure,
          "peer accepts no signature algorithm for a " + certificate.keyAlgorithm() + " key");
    }
    TlsCertificate tlsCertificate = crypto.createCertificate(certificate.encoded());
    Certificate chain = new Certificate(new TlsCertificate[] {tlsCertificate});
    ECPrivateKeyParameters p256 = crypto instanceof RecordCrypto ? P256.privateKey(certificate.privateKey()) : null;
    if (p256 != null) {
      // P-256 signatures on BC's lightweight code: about half the JDK 17 provider's time (P256).
      return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context),
          ((RecordCrypto) crypto).lightweight(), p256, chain, chosen);
    }
    return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
        certificate.privateKey(), chain, chosen);
  }
}
