package dev.jrtc.dtls;

import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as SDP carries it in {@code a=fingerprint} (RFC 8122 §5,
 * https://www.rfc-editor.org/rfc/rfc8122#section-5):
 *
 * <pre>
 * fingerprint-attribute  =  "fingerprint" ":" hash-func SP fingerprint
 * hash-func              =  "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / ...
 * fingerprint            =  2UHEX *(":" 2UHEX)
 * </pre>
 *
 * @param hashFunction the hash function's textual name, lower case (for example {@code "sha-256"})
 * @param value the upper-case hex pairs separated by colons
 */
public record CertificateFingerprint(String hashFunction, String value) {

  /** Normalizes the hash function to lower case and the value to upper case. */
  public CertificateFingerprint {
    Objects.requireNonNull(hashFunction, "hashFunction");
    Objects.requireNonNull(value, "value");
    hashFunction = hashFunction.toLowerCase(Locale.ROOT);
    value = value.toUpperCase(Locale.ROOT);
  }

  /**
   * Parses the attribute value {@code "<hash-func> <fingerprint>"} (what follows
   * {@code a=fingerprint:}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static CertificateFingerprint parse(String attributeValue) {
    Objects.requireNonNull(attributeValue, "attributeValue");
    String s = attributeValue.trim();
    int sp = s.indexOf(' ');
    if (sp <= 0) {
      throw new IllegalArgumentException("fingerprint has no hash function: " + attributeValue);
    }
    String hash = s.substring(0, sp);
    String fp = s.substring(sp + 1).trim();
    if (!fp.matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})*")) {
      throw new IllegalArgumentException("fingerprint is not colon-separated hex pairs: " + fp);
    }
    return new CertificateFingerprint(hash, fp);
  }

  /** The fingerprint of {@code certificate} with the given hash function. */
  public static CertificateFingerprint of(DtlsCertificate certificate, String hashFunction) {
    return new CertificateFingerprint(hashFunction, certificate.fingerprint(hashFunction));
  }

  /**
   * Whether this fingerprint is that of the DER certificate {@code der}. A hash function we do
   * not implement matches nothing.
   */
  public boolean matches(byte[] der) {
    String actual;
    try {
      actual = DtlsCertificate.fingerprintOf(der, hashFunction);
    } catch (IllegalArgumentException unsupportedHash) {
      return false;
    }
    // Not secret: comparing public fingerprints needs no constant-time comparison.
    return actual.equals(value);
  }

  /** The SDP form, {@code "sha-256 AB:CD:..."}. */
  @Override
  public String toString() {
    return hashFunction + " " + value;
  }
}
