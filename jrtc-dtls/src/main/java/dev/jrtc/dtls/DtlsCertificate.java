package dev.jrtc.dtls;

import dev.jrtc.common.Entropy;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.io.ByteArrayInputStream;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed X.509 v3 certificate and its private key, as WebRTC endpoints use for DTLS
 * (RFC 8827 §6.5; W3C webrtc-pc §4.9 {@code RTCCertificate}). Immutable.
 *
 * <p>Generation follows what browsers do: a fresh key pair (ECDSA P-256 by default, RSA on
 * request), a random serial number and a random common name, signed with SHA-256. Keys are
 * generated and certificates signed by the JDK's JCA providers; Bouncy Castle is used only to
 * build the ASN.1 structure and is never registered as a JCA provider.
 *
 * <p>Fingerprints are written as in SDP (RFC 8122 §5): upper-case hex pairs separated by colons,
 * for example {@code a=fingerprint:sha-256 AB:CD:...}.
 */
public final class DtlsCertificate {
  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final byte[] encoded;

  private DtlsCertificate(PrivateKey privateKey, X509Certificate certificate, byte[] encoded) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    this.encoded = encoded;
  }

  /**
   * Generates an ECDSA certificate on the NIST P-256 curve (secp256r1), signed with
   * SHA256withECDSA: the browsers' default (W3C webrtc-pc §4.9.3 {@code generateCertificate} with
   * {@code {name: "ECDSA", namedCurve: "P-256"}}).
   *
   * @param entropy the source of the key, the serial number, the name and the signature nonce
   * @param notBeforeMillis start of validity, Unix epoch milliseconds
   * @param notAfterMillis end of validity (the W3C {@code expires}), Unix epoch milliseconds
   */
  public static DtlsCertificate generateEcdsaP256(
      Entropy entropy, long notBeforeMillis, long notAfterMillis) {
    Objects.requireNonNull(entropy, "entropy");
    checkValidity(notBeforeMillis, notAfterMillis);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), entropy.asSecureRandom());
      return selfSign(generator.generateKeyPair(), "SHA256withECDSA", entropy,
          notBeforeMillis, notAfterMillis);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate a P-256 key", e);
    }
  }

  /**
   * Generates an RSA certificate signed with SHA256withRSA (W3C webrtc-pc §4.9.3 with
   * {@code {name: "RSASSA-PKCS1-v1_5", modulusLength, publicExponent, hash: "SHA-256"}}).
   *
   * @param modulusBits the modulus length, at least 1024 and a multiple of 8
   * @param publicExponent the public exponent, odd and at least 3 (browsers use 65537)
   */
  public static DtlsCertificate generateRsa(int modulusBits, BigInteger publicExponent,
      Entropy entropy, long notBeforeMillis, long notAfterMillis) {
    Objects.requireNonNull(publicExponent, "publicExponent");
    Objects.requireNonNull(entropy, "entropy");
    if (modulusBits < 1024 || modulusBits > 16384 || modulusBits % 8 != 0) {
      throw new IllegalArgumentException("unsupported RSA modulus length: " + modulusBits);
    }
    if (publicExponent.compareTo(BigInteger.valueOf(3)) < 0 || !publicExponent.testBit(0)) {
      throw new IllegalArgumentException("unsupported RSA public exponent: " + publicExponent);
    }
    checkValidity(notBeforeMillis, notAfterMillis);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(new RSAKeyGenParameterSpec(modulusBits, publicExponent),
          entropy.asSecureRandom());
      return selfSign(generator.generateKeyPair(), "SHA256withRSA", entropy,
          notBeforeMillis, notAfterMillis);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the JDK cannot generate this RSA key", e);
    }
  }

  /**
   * Wraps an existing key and certificate (for example one the application stored), after
   * checking that the key type matches the certificate's.
   */
  public static DtlsCertificate of(PrivateKey privateKey, X509Certificate certificate) {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
    if (!privateKey.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
      throw new IllegalArgumentException("key algorithm " + privateKey.getAlgorithm()
          + " does not match certificate key " + certificate.getPublicKey().getAlgorithm());
    }
    try {
      return new DtlsCertificate(privateKey, certificate, certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /** 9999-12-31T23:59:59Z: the last instant GeneralizedTime can carry (RFC 5280 §4.1.2.5). */
  static final long MAX_VALIDITY_MILLIS = 253_402_300_799_000L;

  private static void checkValidity(long notBeforeMillis, long notAfterMillis) {
    // RFC 5280 §4.1.2.5: validity dates are UTCTime or GeneralizedTime, years 0000..9999; we keep
    // to 1970..9999 (Unix time).
    if (notBeforeMillis < 0 || notAfterMillis > MAX_VALIDITY_MILLIS) {
      throw new IllegalArgumentException("validity outside 1970..9999: " + notBeforeMillis
          + ".." + notAfterMillis);
    }
    if (notAfterMillis <= notBeforeMillis) {
      throw new IllegalArgumentException(
          "notAfter " + notAfterMillis + " is not after notBefore " + notBeforeMillis);
    }
  }

  private static DtlsCertificate selfSign(KeyPair keyPair, String signatureAlgorithm,
      Entropy entropy, long notBeforeMillis, long notAfterMillis) {
    // A random positive serial of 64 bits (RFC 5280 §4.1.2.2: positive, at most 20 octets).
    byte[] serialBytes = new byte[8];
    entropy.nextBytes(serialBytes);
    BigInteger serial = new BigInteger(1, serialBytes);
    if (serial.signum() == 0) {
      serial = BigInteger.ONE;
    }
    // A random name: RFC 8827 §6.5 says the certificate carries no identity; a fixed name would
    // let observers link sessions, so (as Firefox does) it is random.
    byte[] nameBytes = new byte[8];
    entropy.nextBytes(nameBytes);
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, "WebRTC-" + HexFormat.of().formatHex(nameBytes))
        .build();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
        new Date(notBeforeMillis), new Date(notAfterMillis), name, keyPair.getPublic());
    try {
      SecureRandom random = entropy.asSecureRandom();
      // No setProvider(): the JDK's own provider signs (ARCHITECTURE.md: BC is never a JCA provider).
      ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm)
          .setSecureRandom(random)
          .build(keyPair.getPrivate());
      X509CertificateHolder holder = builder.build(signer);
      byte[] der = holder.getEncoded();
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new DtlsCertificate(keyPair.getPrivate(), certificate, der);
    } catch (OperatorCreationException | IOException | CertificateException e) {
      throw new IllegalStateException("cannot sign a certificate with " + signatureAlgorithm, e);
    }
  }

  /** End of validity in Unix epoch milliseconds (W3C {@code RTCCertificate.expires}). */
  public long notAfterMillis() {
    return certificate.getNotAfter().getTime();
  }

  /** Start of validity in Unix epoch milliseconds. */
  public long notBeforeMillis() {
    return certificate.getNotBefore().getTime();
  }

  /**
   * The fingerprint of this certificate as written in SDP (RFC 8122 §5), for example
   * {@code "AB:CD:..."} for {@code "sha-256"}.
   *
   * @param hashName one of {@code sha-1, sha-224, sha-256, sha-384, sha-512} (case-insensitive)
   * @throws IllegalArgumentException for any other hash name
   */
  public String fingerprint(String hashName) {
    return fingerprintOf(encoded, hashName);
  }

  /**
   * The fingerprint of a DER-encoded certificate (for example the one the peer sent in its DTLS
   * Certificate message) as written in SDP (RFC 8122 §5).
   *
   * @param der the certificate's DER encoding; hashed as given
   * @param hashName one of {@code sha-1, sha-224, sha-256, sha-384, sha-512} (case-insensitive)
   * @throws IllegalArgumentException for any other hash name
   */
  public static String fingerprintOf(byte[] der, String hashName) {
    Objects.requireNonNull(der, "der");
    byte[] digest = digest(hashName).digest(der);
    StringBuilder out = new StringBuilder(digest.length * 3);
    HexFormat hex = HexFormat.of().withUpperCase();
    for (int i = 0; i < digest.length; i++) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex.toHexDigits(digest[i]));
    }
    return out.toString();
  }

  private static MessageDigest digest(String hashName) {
    Objects.requireNonNull(hashName, "hashName");
    // RFC 8122 §5: hash-func names from the IANA "Hash Function Textual Names" registry, compared
    // case-insensitively. MD5 and MD2 are registered but RFC 8122 forbids them for new use.
    String jca;
    switch (hashName.toLowerCase(Locale.ROOT)) {
      case "sha-1": jca = "SHA-1"; break;
      case "sha-224": jca = "SHA-224"; break;
      case "sha-256": jca = "SHA-256"; break;
      case "sha-384": jca = "SHA-384"; break;
      case "sha-512": jca = "SHA-512"; break;
      default: throw new IllegalArgumentException("unsupported fingerprint hash: " + hashName);
    }
    try {
      return MessageDigest.getInstance(jca);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + jca, e);
    }
  }

  /** The certificate's DER encoding (a fresh copy on each call). */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** The private key: never log or serialize it. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The certificate as a JCA object. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The JCA key algorithm: {@code "EC"} for ECDSA certificates, {@code "RSA"} for RSA ones. */
  public String keyAlgorithm() {
    return privateKey.getAlgorithm();
  }

  @Override
  public String toString() {
    return "DtlsCertificate{" + keyAlgorithm() + ", sha-256 " + fingerprint("sha-256")
        + ", notAfter=" + notAfterMillis() + "}";
  }
}
