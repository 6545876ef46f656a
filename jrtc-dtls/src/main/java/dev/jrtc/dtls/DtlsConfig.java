package dev.jrtc.dtls;

import java.util.List;
import java.util.Objects;

/**
 * Configuration of one {@link DtlsEndpoint}. Immutable; build with {@link #builder(DtlsCertificate)}.
 *
 * @param certificate the local certificate and key (W3C {@code RTCCertificate})
 * @param remoteFingerprints the peer's {@code a=fingerprint} values; may be empty and supplied
 *     later with {@link DtlsEndpoint#setRemoteFingerprints(List)}
 * @param srtpProfiles the {@code use_srtp} profiles to offer or accept, most preferred first;
 *     empty disables {@code use_srtp}
 * @param mtu the largest datagram this endpoint sends (handshake messages are fragmented to fit)
 * @param handshakeTimeoutMillis give up a handshake after this long (wall clock, see
 *     {@link DtlsEndpoint}); 0 waits forever
 * @param logId prefix of every log line (the PeerConnection id, STYLE.md S10)
 */
public record DtlsConfig(DtlsCertificate certificate, List<CertificateFingerprint> remoteFingerprints,
    List<SrtpProfile> srtpProfiles, int mtu, int handshakeTimeoutMillis, String logId) {

  /** Default SRTP preference: the AEAD profiles first (fastest on the JDK's AES-GCM). */
  public static final List<SrtpProfile> DEFAULT_SRTP_PROFILES = List.of(
      SrtpProfile.SRTP_AEAD_AES_128_GCM, SrtpProfile.SRTP_AEAD_AES_256_GCM,
      SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32);

  /** Default datagram size limit: libwebrtc's DTLS MTU. */
  public static final int DEFAULT_MTU = 1200;

  /** Validates and copies. */
  public DtlsConfig {
    Objects.requireNonNull(certificate, "certificate");
    remoteFingerprints = List.copyOf(remoteFingerprints);
    srtpProfiles = List.copyOf(srtpProfiles);
    if (srtpProfiles.stream().distinct().count() != srtpProfiles.size()) {
      throw new IllegalArgumentException("duplicate SRTP profile in " + srtpProfiles);
    }
    // 256 bytes is far below any real path MTU but still fits a record with a few bytes of data.
    if (mtu < 256 || mtu > 65507) {
      throw new IllegalArgumentException("mtu out of range [256, 65507]: " + mtu);
    }
    if (handshakeTimeoutMillis < 0) {
      throw new IllegalArgumentException("negative handshake timeout: " + handshakeTimeoutMillis);
    }
    Objects.requireNonNull(logId, "logId");
  }

  /** A builder with the defaults: no fingerprints yet, all SRTP profiles, MTU 1200, 30 s timeout. */
  public static Builder builder(DtlsCertificate certificate) {
    return new Builder(certificate);
  }

  /** Builder of {@link DtlsConfig}. */
  public static final class Builder {
    private final DtlsCertificate certificate;
    private List<CertificateFingerprint> remoteFingerprints = List.of();
    private List<SrtpProfile> srtpProfiles = DEFAULT_SRTP_PROFILES;
    private int mtu = DEFAULT_MTU;
    private int handshakeTimeoutMillis = 30_000;
    private String logId = "";

    private Builder(DtlsCertificate certificate) {
      this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    /** The expected peer fingerprints (any one must match). */
    public Builder remoteFingerprints(List<CertificateFingerprint> fingerprints) {
      this.remoteFingerprints = fingerprints;
      return this;
    }

    /** The SRTP profiles, most preferred first. */
    public Builder srtpProfiles(List<SrtpProfile> profiles) {
      this.srtpProfiles = profiles;
      return this;
    }

    /** The largest datagram to send. */
    public Builder mtu(int mtu) {
      this.mtu = mtu;
      return this;
    }

    /** The handshake timeout in milliseconds; 0 for none. */
    public Builder handshakeTimeoutMillis(int millis) {
      this.handshakeTimeoutMillis = millis;
      return this;
    }

    /** The log line prefix. */
    public Builder logId(String logId) {
      this.logId = logId;
      return this;
    }

    /** Builds the configuration. */
    public DtlsConfig build() {
      return new DtlsConfig(certificate, remoteFingerprints, srtpProfiles, mtu,
          handshakeTimeoutMillis, logId);
    }
  }
}
