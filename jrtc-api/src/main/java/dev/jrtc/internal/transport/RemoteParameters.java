package dev.jrtc.internal.transport;

import dev.jrtc.dtls.CertificateFingerprint;
import dev.jrtc.dtls.DtlsRole;
import java.util.List;
import java.util.Objects;

/**
 * What the remote description (and JSEP's role decisions) tell a {@link PeerTransport}: the
 * peer's ICE credentials, its certificate fingerprints, who controls ICE, who is DTLS client, and
 * the peer's SCTP port and message size limit.
 *
 * @param iceUfrag the peer's {@code a=ice-ufrag}
 * @param icePwd the peer's {@code a=ice-pwd}
 * @param iceLite the peer declared {@code a=ice-lite} (RFC 8445 §6.1.1: we then control)
 * @param fingerprints the peer's {@code a=fingerprint} values (RFC 8122 §5); any one must match
 *     its certificate (RFC 8842 §5.1)
 * @param iceControlling our ICE role: the offerer controls unless the peer is lite (RFC 8445
 *     §6.1.1, RFC 8829 §5.2.1)
 * @param dtlsRole our DTLS role: {@link DtlsRole#CLIENT} when our {@code a=setup} is
 *     {@code active}, {@link DtlsRole#SERVER} when it is {@code passive} (RFC 8842 §5.2)
 * @param sctpPort the peer's {@code a=sctp-port} (RFC 8841 §5), or -1 when the bundle carries no
 *     SCTP (no {@code m=application} section): no association is started
 * @param maxMessageSize the peer's {@code a=max-message-size} (RFC 8841 §6): 65536 when the
 *     attribute is absent, 0 for "any size"
 */
public record RemoteParameters(String iceUfrag, String icePwd, boolean iceLite,
    List<CertificateFingerprint> fingerprints, boolean iceControlling, DtlsRole dtlsRole, int sctpPort,
    long maxMessageSize) {

  /** RFC 8841 §6.1: the limit when the peer sent no {@code a=max-message-size}. */
  public static final long DEFAULT_MAX_MESSAGE_SIZE = 65_536;

  /** Validates and copies. */
  public RemoteParameters {
    Objects.requireNonNull(iceUfrag, "iceUfrag");
    Objects.requireNonNull(icePwd, "icePwd");
    fingerprints = List.copyOf(fingerprints);
    if (fingerprints.isEmpty()) {
      // RFC 8827 §6.5: an unauthenticated DTLS peer is never accepted.
      throw new IllegalArgumentException("at least one remote fingerprint is required");
    }
    Objects.requireNonNull(dtlsRole, "dtlsRole");
    if (sctpPort < -1 || sctpPort > 0xffff) {
      throw new IllegalArgumentException("sctp-port out of range: " + sctpPort);
    }
    if (maxMessageSize < 0) {
      throw new IllegalArgumentException("max-message-size is negative: " + maxMessageSize);
    }
  }

  /** The peer's limit as the SCTP core takes it: "any size" (0) becomes {@link Integer#MAX_VALUE}. */
  int sctpMaxMessageSize() {
    return maxMessageSize == 0 || maxMessageSize > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) maxMessageSize;
  }
}
