package dev.jrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Optional;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The DTLS server side for Bouncy Castle ({@code a=setup:passive}): DTLS 1.2 only, a mutual
 * handshake (RFC 8827 §6.5: both sides present certificates), {@code use_srtp} (RFC 5764
 * §4.1.1) and the peer's certificate checked against the SDP fingerprint.
 */
@SuppressWarnings("rawtypes") // Bouncy Castle's TlsPeer API uses raw Hashtable
final class DtlsServerPeer extends DefaultTlsServer {
  private final HandshakeSession session;
  private SrtpProfile selectedProfile;

  DtlsServerPeer(JcaTlsCrypto crypto, HandshakeSession session) {
    super(crypto);
    this.session = session;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    // Chromium and Firefox offer DTLS 1.3 too; WebRTC needs only 1.2 (RFC 8827 §6.5), and BC
    // answers such a ClientHello with a 1.2 ServerHello.
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return session.credentials().serverCipherSuites();
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return session.handshakeTimeoutMillis();
  }

  @Override
  public CertificateRequest getCertificateRequest() {
    // RFC 5246 §7.4.4: in TLS 1.2 the request must carry supported_signature_algorithms.
    short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
    return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    session.verifyPeerCertificate(clientCertificate);
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    return session.credentials().isEcdsa()
        ? session.credentials().signer(context, context.getSecurityParametersHandshake().getClientSigAlgs())
        : null;
  }

  @Override
  protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
    return session.credentials().isEcdsa()
        ? null
        : session.credentials().signer(context, context.getSecurityParametersHandshake().getClientSigAlgs());
  }

  @Override
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      return; // a data-channel-only peer: no SRTP keys
    }
    // RFC 5764 §4.1.1: the server picks one of the client's profiles; ours are by preference.
    for (SrtpProfile mine : session.srtpProfiles()) {
      for (int theirs : offered.getProtectionProfiles()) {
        if (mine.id() == theirs) {
          selectedProfile = mine;
          return;
        }
      }
    }
    // RFC 5764 §4.1.3: no common profile means the extension is simply not returned.
  }

  @Override
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = super.getServerExtensions();
    if (selectedProfile != null) {
      // RFC 5764 §4.1.1: exactly one profile; we use no MKI.
      TlsSRTPUtils.addUseSRTPExtension(extensions,
          new UseSRTPData(new int[] {selectedProfile.id()}, TlsUtils.EMPTY_BYTES));
    }
    return extensions;
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
