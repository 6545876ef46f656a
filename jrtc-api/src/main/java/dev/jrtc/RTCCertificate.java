package dev.jrtc;

import dev.jrtc.dtls.DtlsCertificate;
import java.util.List;
import java.util.Locale;

/**
 * The W3C {@code RTCCertificate} (https://w3c.github.io/webrtc-pc/#rtccertificate-interface): a
 * DTLS certificate and its private key, made by {@link RTCPeerConnection#generateCertificate}.
 * The private key never leaves the object.
 */
public final class RTCCertificate {

  /** The hash function whose fingerprint goes into SDP, as every browser does today. */
  static final String FINGERPRINT_HASH = "sha-256";

  private final DtlsCertificate certificate;
  private final List<RTCDtlsFingerprint> fingerprints;

  RTCCertificate(DtlsCertificate certificate) {
    this.certificate = certificate;
    this.fingerprints = List.of(new RTCDtlsFingerprint(FINGERPRINT_HASH,
        certificate.fingerprint(FINGERPRINT_HASH).toLowerCase(Locale.ROOT)));
  }

  /** The expiry time in Unix epoch milliseconds (the certificate's notAfter). */
  public long expires() {
    return certificate.notAfterMillis();
  }

  /** The fingerprints of the certificate (one, {@code sha-256}, lower-case hex). */
  public List<RTCDtlsFingerprint> getFingerprints() {
    return fingerprints;
  }

  /** The fingerprint as written in SDP (RFC 8122 §5: upper-case hex). */
  String sdpFingerprint() {
    return certificate.fingerprint(FINGERPRINT_HASH);
  }

  /** The certificate and key for the DTLS transport. */
  DtlsCertificate dtlsCertificate() {
    return certificate;
  }

  @Override
  public String toString() {
    return "RTCCertificate[" + fingerprints.get(0).value() + ", expires " + expires() + "]";
  }
}
