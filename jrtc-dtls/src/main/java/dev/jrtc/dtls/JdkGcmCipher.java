package dev.jrtc.dtls;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * AES-GCM record protection (RFC 5288) straight over one JDK {@link Cipher} per direction.
 *
 * <p>Why not Bouncy Castle's own {@code JceAEADCipherImpl}: for every record it looks up an
 * {@code AlgorithmParameters} provider service, fills it, and has the cipher convert it back to
 * a {@link GCMParameterSpec}; that was a large share of the bulk-transfer profile. Here each
 * record costs one {@code Cipher.init} with a fresh nonce (JCE needs it for GCM: the JDK refuses
 * to encrypt twice under one key and IV) and one {@code doFinal}. Errors are thrown as
 * {@link IllegalStateException}, as BC's implementation does, so that {@code TlsAEADCipher}
 * turns a failed tag check into a {@code bad_record_mac} alert (RFC 5246 §7.2.2).
 *
 * <p>Not thread-safe; BC's record layer uses each instance for one direction on one thread at a
 * time.
 */
final class JdkGcmCipher implements TlsAEADCipherImpl {
  private final Cipher cipher;
  private final int mode;
  private final String algorithm;
  private final int keySize;
  private SecretKey key;
  private int macSize;

  JdkGcmCipher(Cipher cipher, String algorithm, int keySize, boolean encrypting) {
    this.cipher = cipher;
    this.algorithm = algorithm;
    this.keySize = keySize;
    this.mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
  }

  @Override
  public void setKey(byte[] keyBytes, int keyOff, int keyLen) {
    if (keyLen != keySize) {
      throw new IllegalStateException("AES-GCM key of " + keyLen + " bytes, expected " + keySize);
    }
    this.key = new SecretKeySpec(keyBytes, keyOff, keyLen, algorithm);
  }

  @Override
  public void init(byte[] nonce, int macSize) {
    this.macSize = macSize;
    try {
      cipher.init(mode, key, new GCMParameterSpec(macSize * 8, nonce));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM init failed: " + e.getMessage(), e);
    }
  }

  @Override
  public int getOutputSize(int inputLength) {
    // RFC 5116 §5.1: the tag follows the ciphertext. Computed here: the JDK's getOutputSize goes
    // through the cipher's state checks on every record, and each record is one doFinal.
    return mode == Cipher.ENCRYPT_MODE ? inputLength + macSize : Math.max(0, inputLength - macSize);
  }

  @Override
  public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
      int outputOffset) {
    try {
      if (additionalData != null && additionalData.length > 0) {
        cipher.updateAAD(additionalData);
      }
      return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
    }
  }
}
