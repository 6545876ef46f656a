package dev.jrtc.dtls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.slf4j.Logger;

/**
 * What the Bouncy Castle peer objects ({@link DtlsClientPeer}, {@link DtlsServerPeer}) share
 * with the {@link DtlsEndpoint}: local credentials and settings in, the peer's certificate, the
 * SRTP outcome and the alerts out.
 *
 * <p>Fields written on the handshake thread are read by the endpoint only after the handshake
 * thread's volatile publication of its result ({@code DtlsEndpoint#handshakeDone}), which orders
 * them. Alerts may also arrive later on the endpoint's thread, hence volatile.
 */
final class HandshakeSession {
  private final LocalCredentials credentials;
  private final List<SrtpProfile> srtpProfiles;
  private final int handshakeTimeoutMillis;
  private final Logger log;
  private final String logId;

  private volatile List<CertificateFingerprint> expectedFingerprints;
  private List<byte[]> remoteChain = List.of();
  private boolean certificateRejected;
  private Optional<SrtpProfile> srtpProfile = Optional.empty();
  private byte[] keyingMaterial = new byte[0];
  private volatile int sentAlert = -1;
  private volatile int receivedAlert = -1;
  private volatile boolean closeNotifyReceived;

  HandshakeSession(LocalCredentials credentials, DtlsConfig config, Logger log) {
    this.credentials = credentials;
    this.srtpProfiles = config.srtpProfiles();
    this.handshakeTimeoutMillis = config.handshakeTimeoutMillis();
    this.expectedFingerprints = config.remoteFingerprints();
    this.log = log;
    this.logId = config.logId();
  }

  LocalCredentials credentials() {
    return credentials;
  }

  List<SrtpProfile> srtpProfiles() {
    return srtpProfiles;
  }

  int handshakeTimeoutMillis() {
    return handshakeTimeoutMillis;
  }

  List<CertificateFingerprint> expectedFingerprints() {
    return expectedFingerprints;
  }

  void setExpectedFingerprints(List<CertificateFingerprint> fingerprints) {
    this.expectedFingerprints = List.copyOf(fingerprints);
  }

  /**
   * Records the peer's chain and, if the fingerprints are already known, checks it now so that a
   * mismatch aborts the handshake with {@code bad_certificate} (RFC 8842 §5.1). Without
   * fingerprints yet (the answer has not arrived) the check waits for
   * {@link DtlsEndpoint#setRemoteFingerprints}: nothing is delivered before it passes.
   */
  void verifyPeerCertificate(Certificate chain) throws IOException {
    if (chain == null || chain.isEmpty()) {
      certificateRejected = true;
      // RFC 8827 §6.5: both sides must present a certificate. TLS 1.2 has no
      // certificate_required alert, so handshake_failure (RFC 5246 §7.4.6).
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "peer sent no certificate");
    }
    List<byte[]> der = new ArrayList<>(chain.getLength());
    for (int i = 0; i < chain.getLength(); i++) {
      der.add(chain.getCertificateAt(i).getEncoded());
    }
    remoteChain = List.copyOf(der);
    List<CertificateFingerprint> expected = expectedFingerprints;
    if (!expected.isEmpty() && !remoteMatches(expected)) {
      certificateRejected = true;
      throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate fingerprint mismatch");
    }
  }

  /** Whether the peer's end-entity certificate matches at least one expected fingerprint. */
  boolean remoteMatches(List<CertificateFingerprint> expected) {
    if (remoteChain.isEmpty()) {
      return false;
    }
    byte[] endEntity = remoteChain.get(0);
    for (CertificateFingerprint fp : expected) {
      if (fp.matches(endEntity)) {
        return true;
      }
    }
    return false;
  }

  boolean certificateRejected() {
    return certificateRejected;
  }

  List<byte[]> remoteChain() {
    return remoteChain;
  }

  /** RFC 5764 §4.2: the SRTP keys come from the TLS exporter (RFC 5705), no context value. */
  void handshakeComplete(TlsContext context, Optional<SrtpProfile> profile) {
    srtpProfile = profile;
    keyingMaterial = profile
        .map(p -> context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, p.keyingMaterialLength()))
        .orElse(new byte[0]);
  }

  Optional<SrtpProfile> srtpProfile() {
    return srtpProfile;
  }

  byte[] keyingMaterial() {
    return keyingMaterial;
  }

  void alertRaised(short level, short description, String message, Throwable cause) {
    if (level == AlertLevel.fatal) {
      sentAlert = description;
      log.debug("{} dtls sent fatal alert {} ({})", logId, AlertDescription.getText(description),
          message != null ? message : cause != null ? cause.toString() : "");
    } else {
      log.debug("{} dtls sent alert {}", logId, AlertDescription.getText(description));
    }
  }

  void alertReceived(short level, short description) {
    if (level == AlertLevel.fatal) {
      receivedAlert = description;
    } else if (description == AlertDescription.close_notify) {
      closeNotifyReceived = true;
    }
    log.debug("{} dtls received {} alert {}", logId, AlertLevel.getText(level),
        AlertDescription.getText(description));
  }

  int sentAlert() {
    return sentAlert;
  }

  int receivedAlert() {
    return receivedAlert;
  }

  boolean closeNotifyReceived() {
    return closeNotifyReceived;
  }
}
