package dev.jrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The DTLS client side for Bouncy Castle ({@code a=setup:active}): DTLS 1.2 only, our
 * certificate sent when asked, {@code use_srtp} offered (RFC 5764 §4.1.1) and the server's
 * certificate checked against the SDP fingerprint.
 */
@SuppressWarnings("rawtypes") // Bouncy Castle's TlsPeer API uses raw Hashtable
final class DtlsClientPeer extends DefaultTlsClient {
  private final HandshakeSession session;
  private SrtpProfile selectedProfile;

  DtlsClientPeer(JcaTlsCrypto crypto, HandshakeSession session) {
    super(crypto);
    this.session = session;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return session.credentials().clientCipherSuites();
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return session.handshakeTimeoutMillis();
  }

  @Override
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
    if (!session.srtpProfiles().isEmpty()) {
      int[] ids = session.srtpProfiles().stream().mapToInt(SrtpProfile::id).toArray();
      TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(ids, TlsUtils.EMPTY_BYTES));
    }
    return extensions;
  }

  @Override
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (chosen == null) {
      return;
    }
    // RFC 5764 §4.1.1: exactly one profile, one the client offered, else illegal_parameter.
    int[] profiles = chosen.getProtectionProfiles();
    if (profiles.length != 1) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "use_srtp must name one profile");
    }
    selectedProfile = SrtpProfile.fromId(profiles[0])
        .filter(session.srtpProfiles()::contains)
        .orElseThrow(() -> new TlsFatalAlert(AlertDescription.illegal_parameter,
            "server chose an SRTP profile we did not offer: " + profiles[0]));
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
        session.verifyPeerCertificate(serverCertificate.getCertificate());
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        return session.credentials().signer(context, request.getSupportedSignatureAlgorithms());
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    session.handshakeComplete(context, Optional.ofNullable(selectedProfile));
  }

  @Override
  public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
    session.alertRaised(alertLevel, alertDescription, message, cause);
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    session.alertReceived(alertLevel, alertDescription);
  }
}
