package dev.jrtc.dtls;

import java.util.Arrays;
import java.util.Objects;

/**
 * The SRTP master keys and salts that DTLS-SRTP derives, split as RFC 5764 §4.2
 * (https://www.rfc-editor.org/rfc/rfc5764#section-4.2) lays out the exported block:
 *
 * <pre>
 * client_write_SRTP_master_key[SRTPSecurityParams.master_key_len];
 * server_write_SRTP_master_key[SRTPSecurityParams.master_key_len];
 * client_write_SRTP_master_salt[SRTPSecurityParams.master_salt_len];
 * server_write_SRTP_master_salt[SRTPSecurityParams.master_salt_len];
 * </pre>
 *
 * <p>The "local" key protects what this endpoint sends; the "remote" key unprotects what it
 * receives. Immutable: accessors return copies. Never log these values.
 */
public final class SrtpKeyingMaterial {
  private final SrtpProfile profile;
  private final byte[] localKey;
  private final byte[] localSalt;
  private final byte[] remoteKey;
  private final byte[] remoteSalt;

  private SrtpKeyingMaterial(SrtpProfile profile, byte[] localKey, byte[] localSalt,
      byte[] remoteKey, byte[] remoteSalt) {
    this.profile = profile;
    this.localKey = localKey;
    this.localSalt = localSalt;
    this.remoteKey = remoteKey;
    this.remoteSalt = remoteSalt;
  }

  /**
   * Splits the exported block for the endpoint playing {@code role}.
   *
   * @throws IllegalArgumentException if the block's length is not the profile's
   */
  public static SrtpKeyingMaterial split(SrtpProfile profile, DtlsRole role, byte[] exported) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(exported, "exported");
    if (exported.length != profile.keyingMaterialLength()) {
      throw new IllegalArgumentException("keying material for " + profile + " must be "
          + profile.keyingMaterialLength() + " bytes, not " + exported.length);
    }
    int k = profile.keyLength();
    int s = profile.saltLength();
    byte[] clientKey = Arrays.copyOfRange(exported, 0, k);
    byte[] serverKey = Arrays.copyOfRange(exported, k, 2 * k);
    byte[] clientSalt = Arrays.copyOfRange(exported, 2 * k, 2 * k + s);
    byte[] serverSalt = Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s);
    return role == DtlsRole.CLIENT
        ? new SrtpKeyingMaterial(profile, clientKey, clientSalt, serverKey, serverSalt)
        : new SrtpKeyingMaterial(profile, serverKey, serverSalt, clientKey, clientSalt);
  }

  /** The negotiated protection profile. */
  public SrtpProfile profile() {
    return profile;
  }

  /** Master key for packets this endpoint sends. */
  public byte[] localMasterKey() {
    return localKey.clone();
  }

  /** Master salt for packets this endpoint sends. */
  public byte[] localMasterSalt() {
    return localSalt.clone();
  }

  /** Master key for packets the peer sends. */
  public byte[] remoteMasterKey() {
    return remoteKey.clone();
  }

  /** Master salt for packets the peer sends. */
  public byte[] remoteMasterSalt() {
    return remoteSalt.clone();
  }

  @Override
  public String toString() {
    return "SrtpKeyingMaterial{" + profile + "}"; // keys are never printed (STYLE.md S10)
  }
}
