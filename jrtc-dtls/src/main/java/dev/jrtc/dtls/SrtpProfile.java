package dev.jrtc.dtls;

import java.util.Optional;

/**
 * SRTP protection profiles that the DTLS {@code use_srtp} extension negotiates, with the key and
 * salt lengths that size the exported keying material.
 *
 * <p>RFC 5764 §4.1.2 (https://www.rfc-editor.org/rfc/rfc5764#section-4.1.2) registers the AES-CM
 * profiles, RFC 7714 §14.2 (https://www.rfc-editor.org/rfc/rfc7714#section-14.2) the AEAD ones.
 * The NULL-cipher profiles are deliberately absent: WebRTC forbids unencrypted media (RFC 8827
 * §6.5).
 */
public enum SrtpProfile {
  /** {@code SRTP_AES128_CM_HMAC_SHA1_80 = {0x00, 0x01}}: 128-bit key, 112-bit salt. */
  SRTP_AES128_CM_HMAC_SHA1_80(0x0001, 16, 14),
  /** {@code SRTP_AES128_CM_HMAC_SHA1_32 = {0x00, 0x02}}: 128-bit key, 112-bit salt. */
  SRTP_AES128_CM_HMAC_SHA1_32(0x0002, 16, 14),
  /** {@code SRTP_AEAD_AES_128_GCM = {0x00, 0x07}}: 128-bit key, 96-bit salt. */
  SRTP_AEAD_AES_128_GCM(0x0007, 16, 12),
  /** {@code SRTP_AEAD_AES_256_GCM = {0x00, 0x08}}: 256-bit key, 96-bit salt. */
  SRTP_AEAD_AES_256_GCM(0x0008, 32, 12);

  private final int id;
  private final int keyLength;
  private final int saltLength;

  SrtpProfile(int id, int keyLength, int saltLength) {
    this.id = id;
    this.keyLength = keyLength;
    this.saltLength = saltLength;
  }

  /** The two-byte SRTPProtectionProfile value carried in {@code use_srtp}. */
  public int id() {
    return id;
  }

  /** Master key length in bytes. */
  public int keyLength() {
    return keyLength;
  }

  /** Master salt length in bytes. */
  public int saltLength() {
    return saltLength;
  }

  /**
   * Bytes to export with the label {@code "EXTRACTOR-dtls_srtp"}: RFC 5764 §4.2, {@code
   * 2 * (SRTPSecurityParams.master_key_len + SRTPSecurityParams.master_salt_len)}.
   */
  public int keyingMaterialLength() {
    return 2 * (keyLength + saltLength);
  }

  /** The profile with this {@code use_srtp} value, if it is one we implement. */
  public static Optional<SrtpProfile> fromId(int id) {
    for (SrtpProfile p : values()) {
      if (p.id == id) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
