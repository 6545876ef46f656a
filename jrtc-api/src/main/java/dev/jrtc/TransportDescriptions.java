package dev.jrtc;

import dev.jrtc.dtls.CertificateFingerprint;
import dev.jrtc.dtls.DtlsRole;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.internal.transport.PeerTransport;
import dev.jrtc.internal.transport.RemoteParameters;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the (BUNDLE) transport takes from the descriptions: the first active m-section (the
 * BUNDLE-tag one, whose ICE and DTLS attributes the transport uses), the application m-section,
 * the remote ICE/DTLS/SCTP parameters (RFC 8839, RFC 8842, RFC 8841) and the local ICE
 * credentials. Pure functions of the SDP.
 */
final class TransportDescriptions {

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.pc");

  private TransportDescriptions() {}

  /**
   * webrtc-pc §6.1.1.1 "update the data max message size": remoteMaxMessageSize is the remote
   * description's a=max-message-size, 65536 when missing (RFC 8841 §6.1); canSendSize is the
   * largest message jrtc sends (what it offers). 0 on either side means "no limit"; both 0 gives
   * Infinity. Before there is a remote application m-section, only canSendSize limits.
   */
  static double maxMessageSize(MediaDescription remoteData) {
    double canSendSize = JsepSdpBuilder.MAX_MESSAGE_SIZE;
    if (remoteData == null) {
      return canSendSize;
    }
    long remoteMaxMessageSize = remoteMaxMessageSize(remoteData);
    if (remoteMaxMessageSize == 0) {
      return canSendSize == 0 ? Double.POSITIVE_INFINITY : canSendSize;
    }
    return canSendSize == 0 ? remoteMaxMessageSize : Math.min(remoteMaxMessageSize, canSendSize);
  }

  static int firstActive(SessionDescription sd) {
    for (int i = 0; i < sd.media().size(); i++) {
      if (!SdpMedia.rejected(sd.media().get(i))) {
        return i;
      }
    }
    return -1;
  }

  static MediaDescription dataSection(SessionDescription sd) {
    for (MediaDescription m : sd.media()) {
      if (SdpMedia.isData(m) && !SdpMedia.rejected(m)) {
        return m;
      }
    }
    return null;
  }

  /**
   * RFC 8841 §6.1: 65536 when absent; 0 means any size. A value that is not the attribute's
   * {@code 1*DIGIT} (RemoteDescriptionRules accepts it, see there) is ignored as an attribute
   * that is not understood is (RFC 8866 §5.13), which gives the default; Firefox does the same
   * with the {@code a=max-message-size:undefined} that RTCSctpTransport-maxMessageSize.html
   * writes when it means to remove the attribute.
   */
  static long remoteMaxMessageSize(MediaDescription data) {
    String v = data.attribute("max-message-size").orElse(null);
    if (v == null || !v.trim().matches("[0-9]{1,18}")) {
      return RemoteParameters.DEFAULT_MAX_MESSAGE_SIZE;
    }
    return Long.parseLong(v.trim());
  }

  /** The transport's view of the remote description, or null when it lacks what ICE/DTLS need. */
  static RemoteParameters parameters(SessionDescription local, SessionDescription remoteSdp, boolean weOffered,
      String logId) {
    int ri = firstActive(remoteSdp);
    int li = firstActive(local);
    if (ri < 0 || li < 0) {
      return null;
    }
    MediaDescription rm = remoteSdp.media().get(ri);
    String ufrag = SdpMedia.ufrag(remoteSdp, rm).orElse(null);
    String pwd = SdpMedia.pwd(remoteSdp, rm).orElse(null);
    if (ufrag == null || pwd == null) {
      return null;
    }
    List<CertificateFingerprint> fingerprints = new ArrayList<>();
    List<String> values = new ArrayList<>(rm.attributeValues("fingerprint"));
    if (values.isEmpty()) {
      remoteSdp.attributes().stream().filter(a -> a.name().equals("fingerprint"))
          .forEach(a -> values.add(a.value()));
    }
    for (String v : values) {
      try {
        fingerprints.add(CertificateFingerprint.parse(v));
      } catch (RuntimeException e) {
        LOG.debug("{}: skipping fingerprint '{}': {}", logId, v, e.toString());
      }
    }
    if (fingerprints.isEmpty()) {
      return null;
    }
    boolean remoteLite = remoteSdp.attributes().stream().anyMatch(a -> a.name().equals("ice-lite"));
    // RFC 8445 §6.1.1: the offerer controls, unless the peer is lite (then the full agent does).
    boolean controlling = remoteLite || weOffered;
    // RFC 8842 §5.2: the answerer's a=setup decides; "active" is the DTLS client.
    SessionDescription answer = weOffered ? remoteSdp : local;
    MediaDescription am = answer.media().get(weOffered ? ri : li);
    dev.jrtc.sdp.Setup setup = SdpMedia.setup(answer, am).orElse(dev.jrtc.sdp.Setup.ACTIVE);
    boolean answererIsClient = setup != dev.jrtc.sdp.Setup.PASSIVE;
    boolean weAreClient = weOffered ? !answererIsClient : answererIsClient;
    MediaDescription data = dataSection(remoteSdp);
    int sctpPort = -1;
    long maxMessageSize = RemoteParameters.DEFAULT_MAX_MESSAGE_SIZE;
    if (data != null && dataSection(local) != null) {
      sctpPort = PeerTransport.DEFAULT_SCTP_PORT;
      String port = data.attribute("sctp-port").orElse(null);
      if (port != null) {
        try {
          int n = Integer.parseInt(port.trim());
          if (n >= 0 && n <= 0xffff) {
            sctpPort = n;
          }
        } catch (NumberFormatException e) {
          LOG.debug("{}: bad sctp-port '{}'", logId, port);
        }
      }
      maxMessageSize = remoteMaxMessageSize(data);
    }
    return new RemoteParameters(ufrag, pwd, remoteLite, fingerprints, controlling,
        weAreClient ? DtlsRole.CLIENT : DtlsRole.SERVER, sctpPort, maxMessageSize);
  }

  /** The ICE credentials of a description (those of its first active m-section), or null. */
  static IceCredentials localCredentials(SessionDescription sd) {
    int i = firstActive(sd);
    if (i < 0) {
      return null;
    }
    MediaDescription m = sd.media().get(i);
    String u = SdpMedia.ufrag(sd, m).orElse(null);
    String p = SdpMedia.pwd(sd, m).orElse(null);
    if (u == null || p == null) {
      return null;
    }
    try {
      return new IceCredentials(u, p);
    } catch (IllegalArgumentException e) {
      return null; // not usable by the agent: the description keeps the transport as it is
    }
  }
}
