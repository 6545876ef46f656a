package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.junit.jupiter.api.Test;

/** {@link JdkGcmCipher} against the GCM specification's test case 4 (McGrew and Viega, AES-128). */
class JdkGcmCipherTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] KEY = HEX.parseHex("feffe9928665731c6d6a8f9467308308");
  private static final byte[] IV = HEX.parseHex("cafebabefacedbaddecaf888");
  private static final byte[] AAD = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  private static final byte[] PLAIN = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
  private static final byte[] CIPHER_AND_TAG = HEX.parseHex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
      + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091" + "5bc94fbc3221a5db94fae95ae7121a47");

  private static TlsAEADCipherImpl cipher(boolean encrypting) throws Exception {
    TlsAEADCipherImpl c = ((RecordCrypto) RecordCrypto.create(new SecureRandom()))
        .createAEADCipher("AES/GCM/NoPadding", "AES", 16, encrypting);
    c.setKey(KEY, 0, KEY.length);
    return c;
  }

  @Test
  void recordCryptoUsesTheDirectCipherForAesGcm() throws Exception {
    assertThat(cipher(true)).isInstanceOf(JdkGcmCipher.class);
  }

  @Test
  void encryptsTheKnownAnswer() throws Exception {
    TlsAEADCipherImpl c = cipher(true);
    c.init(IV, 16);
    byte[] out = new byte[c.getOutputSize(PLAIN.length)];
    int n = c.doFinal(AAD, PLAIN, 0, PLAIN.length, out, 0);
    assertThat(Arrays.copyOf(out, n)).isEqualTo(CIPHER_AND_TAG);
  }

  @Test
  void decryptsTheKnownAnswerRepeatedlyWithFreshInits() throws Exception {
    TlsAEADCipherImpl c = cipher(false);
    for (int i = 0; i < 3; i++) {
      c.init(IV, 16);
      byte[] out = new byte[c.getOutputSize(CIPHER_AND_TAG.length)];
      int n = c.doFinal(AAD, CIPHER_AND_TAG, 0, CIPHER_AND_TAG.length, out, 0);
      assertThat(Arrays.copyOf(out, n)).isEqualTo(PLAIN);
    }
  }

  @Test
  void aTamperedTagFailsAsBouncyCastleExpects() throws Exception {
    TlsAEADCipherImpl c = cipher(false);
    byte[] bad = CIPHER_AND_TAG.clone();
    bad[bad.length - 1] ^= 1;
    c.init(IV, 16);
    byte[] out = new byte[c.getOutputSize(bad.length)];
    // TlsAEADCipher maps a RuntimeException from the implementation to bad_record_mac.
    assertThatThrownBy(() -> c.doFinal(AAD, bad, 0, bad.length, out, 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aKeyOfTheWrongSizeIsRefused() throws Exception {
    TlsAEADCipherImpl c = cipher(true);
    assertThatThrownBy(() -> c.setKey(new byte[32], 0, 32)).isInstanceOf(IllegalStateException.class);
  }
}
