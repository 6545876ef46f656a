package dev.jrtc;

import java.math.BigInteger;

/**
 * The argument of {@link RTCPeerConnection#generateCertificate(AlgorithmIdentifier)}: a WebCrypto
 * {@code AlgorithmIdentifier} (https://w3c.github.io/webcrypto/#algorithm-dictionary) merged with
 * the W3C {@code RTCCertificateExpiration} dictionary. Absent members are null; the
 * normalisation (required members, supported values) happens in {@code generateCertificate}.
 *
 * @param name the algorithm name: {@code "ECDSA"} or {@code "RSASSA-PKCS1-v1_5"} (case-insensitive)
 * @param namedCurve for ECDSA: {@code "P-256"}
 * @param modulusLength for RSA: the modulus size in bits
 * @param publicExponent for RSA: the public exponent (65537)
 * @param hash for RSA: {@code "SHA-256"}
 * @param expires the validity from now in milliseconds (default 30 days), or null
 */
public record AlgorithmIdentifier(String name, String namedCurve, Integer modulusLength,
    BigInteger publicExponent, String hash, Long expires) {

  /** ECDSA on the given curve ({@code "P-256"}). */
  public static AlgorithmIdentifier ecdsa(String namedCurve) {
    return new AlgorithmIdentifier("ECDSA", namedCurve, null, null, null, null);
  }

  /** RSASSA-PKCS1-v1_5 with the given modulus length, public exponent and hash. */
  public static AlgorithmIdentifier rsa(int modulusLength, BigInteger publicExponent, String hash) {
    return new AlgorithmIdentifier("RSASSA-PKCS1-v1_5", null, modulusLength, publicExponent, hash, null);
  }

  /** An algorithm given by name only (the IDL {@code DOMString} form). */
  public static AlgorithmIdentifier named(String name) {
    return new AlgorithmIdentifier(name, null, null, null, null, null);
  }

  /** This algorithm with the RTCCertificateExpiration {@code expires} member set. */
  public AlgorithmIdentifier withExpires(long expiresMillis) {
    return new AlgorithmIdentifier(name, namedCurve, modulusLength, publicExponent, hash, expiresMillis);
  }
}
