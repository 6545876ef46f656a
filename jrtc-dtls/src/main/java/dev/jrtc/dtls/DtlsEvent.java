package dev.jrtc.dtls;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link DtlsEndpoint} reports through {@link DtlsEndpoint#pollEvent()}, in order:
 * at most one {@link Connected}, then any number of {@link ApplicationData}, then at most one of
 * {@link Closed} or {@link Failed}.
 */
public sealed interface DtlsEvent {

  /**
   * The handshake completed and the peer's certificate matched an expected fingerprint
   * (RFC 8842 §5.1). W3C {@code RTCDtlsTransportState} {@code "connected"}.
   *
   * @param remoteCertificates the peer's certificate chain, DER, end-entity first (W3C
   *     {@code getRemoteCertificates()})
   * @param srtpProfile the profile {@code use_srtp} negotiated, empty if the peer did not offer
   *     any profile we implement (a data-channel-only peer)
   * @param keyingMaterial the RFC 5764 §4.2 block exported with {@code "EXTRACTOR-dtls_srtp"}
   *     ({@link SrtpProfile#keyingMaterialLength()} bytes), empty without a profile
   */
  record Connected(List<byte[]> remoteCertificates, Optional<SrtpProfile> srtpProfile,
      byte[] keyingMaterial) implements DtlsEvent {
    /** Copies the arrays so the event stays immutable. */
    public Connected {
      remoteCertificates = remoteCertificates.stream().map(byte[]::clone).toList();
      Objects.requireNonNull(srtpProfile, "srtpProfile");
      keyingMaterial = keyingMaterial.clone();
    }

    /** The DER chain; each array is a copy. */
    @Override
    public List<byte[]> remoteCertificates() {
      return remoteCertificates.stream().map(byte[]::clone).toList();
    }

    /** A copy of the exported block. */
    @Override
    public byte[] keyingMaterial() {
      return keyingMaterial.clone();
    }

    /** The keying material split into local and remote keys for {@code role}, if SRTP was negotiated. */
    public Optional<SrtpKeyingMaterial> srtpKeys(DtlsRole role) {
      return srtpProfile.map(p -> SrtpKeyingMaterial.split(p, role, keyingMaterial));
    }

    @Override
    public String toString() {
      return "Connected{certificates=" + remoteCertificates.size() + ", srtp=" + srtpProfile + "}";
    }
  }

  /**
   * Decrypted application data (for WebRTC: one SCTP packet, RFC 8261 §5). The array is freshly
   * allocated for this event and belongs to the receiver.
   */
  record ApplicationData(byte[] data) implements DtlsEvent {
    /** Rejects null. */
    public ApplicationData {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public String toString() {
      return "ApplicationData{" + data.length + " bytes}";
    }
  }

  /**
   * The connection closed cleanly: the peer sent {@code close_notify} (RFC 5246 §7.2.1) or
   * {@link DtlsEndpoint#close()} was called. W3C {@code "closed"}.
   *
   * @param byPeer true when the peer's {@code close_notify} caused it
   */
  record Closed(boolean byPeer) implements DtlsEvent {
  }

  /**
   * The connection failed. W3C {@code "failed"}; {@code RTCError} with {@code errorDetail}
   * {@code "fingerprint-failure"} for {@link DtlsFailure#FINGERPRINT_MISMATCH}, else
   * {@code "dtls-failure"}, with {@code receivedAlert}/{@code sentAlert} from these fields.
   *
   * @param reason why
   * @param detail a human-readable explanation (never contains keys)
   * @param receivedAlert the fatal alert description the peer sent (RFC 5246 §7.2), if any
   * @param sentAlert the fatal alert description this endpoint sent, if any
   */
  record Failed(DtlsFailure reason, String detail, OptionalInt receivedAlert, OptionalInt sentAlert)
      implements DtlsEvent {
    /** Rejects nulls. */
    public Failed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(receivedAlert, "receivedAlert");
      Objects.requireNonNull(sentAlert, "sentAlert");
    }
  }
}
