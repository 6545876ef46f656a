package dev.jrtc;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.dtls.DtlsCertificate;
import java.math.BigInteger;
import java.util.Locale;

/**
 * webrtc-pc §4.10.2 {@code generateCertificate}: normalises the WebCrypto algorithm and makes
 * the certificate with {@link DtlsCertificate}. Supported, as in browsers: ECDSA P-256 and
 * RSASSA-PKCS1-v1_5 (1024 to 8192 bits, exponent 65537, SHA-256).
 */
final class Certificates {

  private Certificates() {}

  /** webrtc-pc: the default {@code expires} is 30 days. */
  static final long DEFAULT_EXPIRES_MILLIS = 30L * 24 * 3600 * 1000;

  /** Browsers back-date notBefore by a day against clock skew. */
  private static final long NOT_BEFORE_SKEW_MILLIS = 24L * 3600 * 1000;

  private static final BigInteger F4 = BigInteger.valueOf(65537);

  static RTCCertificate generate(AlgorithmIdentifier alg, Entropy entropy, Clock clock) {
    if (alg == null || alg.name() == null) {
      throw new TypeException("keygenAlgorithm needs a name");
    }
    long expires = DEFAULT_EXPIRES_MILLIS;
    if (alg.expires() != null) {
      if (alg.expires() < 0) {
        // [EnforceRange] unsigned long long
        throw new TypeException("expires " + alg.expires() + " is negative");
      }
      expires = alg.expires();
    }
    long now = clock.wallMillis();
    long notAfter = now + expires;
    long notBefore = now - NOT_BEFORE_SKEW_MILLIS;
    String name = alg.name().toUpperCase(Locale.ROOT);
    switch (name) {
      case "ECDSA": {
        if (alg.namedCurve() == null) {
          throw new TypeException("ECDSA needs namedCurve"); // WebCrypto EcKeyGenParams.namedCurve is required
        }
        if (!alg.namedCurve().equals("P-256")) {
          throw new NotSupportedException("ECDSA curve " + alg.namedCurve() + " is not supported; use P-256");
        }
        return new RTCCertificate(DtlsCertificate.generateEcdsaP256(entropy, notBefore, notAfter));
      }
      case "RSASSA-PKCS1-V1_5": {
        if (alg.modulusLength() == null || alg.publicExponent() == null || alg.hash() == null) {
          throw new TypeException("RSASSA-PKCS1-v1_5 needs modulusLength, publicExponent and hash");
        }
        if (!alg.hash().equalsIgnoreCase("SHA-256")) {
          throw new NotSupportedException("RSA hash " + alg.hash() + " is not supported; use SHA-256");
        }
        if (!alg.publicExponent().equals(F4)) {
          throw new NotSupportedException("RSA public exponent " + alg.publicExponent() + " is not supported; use 65537");
        }
        int bits = alg.modulusLength();
        if (bits < 1024 || bits > 8192) {
          throw new NotSupportedException("RSA modulus length " + bits + " is not supported (1024..8192)");
        }
        return new RTCCertificate(DtlsCertificate.generateRsa(bits, F4, entropy, notBefore, notAfter));
      }
      default:
        throw new NotSupportedException("Algorithm " + alg.name() + " is not supported for RTCCertificate");
    }
  }
}
