package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 5764 §4.2 key layout and the profile parameters of RFC 5764 §4.1.2 and RFC 7714 §14.2. */
class SrtpKeyingMaterialTest {

  @ParameterizedTest(name = "{0} = 0x{1}, key {2}, salt {3}, export {4}")
  @CsvSource({
      "SRTP_AES128_CM_HMAC_SHA1_80, 0001, 16, 14, 60",
      "SRTP_AES128_CM_HMAC_SHA1_32, 0002, 16, 14, 60",
      "SRTP_AEAD_AES_128_GCM, 0007, 16, 12, 56",
      "SRTP_AEAD_AES_256_GCM, 0008, 32, 12, 88"})
  void profileParameters(SrtpProfile profile, String id, int key, int salt, int export) {
    assertThat(profile.id()).isEqualTo(Integer.parseInt(id, 16));
    assertThat(profile.keyLength()).isEqualTo(key);
    assertThat(profile.saltLength()).isEqualTo(salt);
    assertThat(profile.keyingMaterialLength()).isEqualTo(export);
    assertThat(SrtpProfile.fromId(profile.id())).contains(profile);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void splitsClientKeyServerKeyClientSaltServerSalt(SrtpProfile profile) {
    byte[] block = new byte[profile.keyingMaterialLength()];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) i;
    }
    int k = profile.keyLength();
    int s = profile.saltLength();
    SrtpKeyingMaterial client = SrtpKeyingMaterial.split(profile, DtlsRole.CLIENT, block);
    SrtpKeyingMaterial server = SrtpKeyingMaterial.split(profile, DtlsRole.SERVER, block);
    assertThat(client.localMasterKey()[0]).isEqualTo((byte) 0);
    assertThat(client.remoteMasterKey()[0]).isEqualTo((byte) k);
    assertThat(client.localMasterSalt()[0]).isEqualTo((byte) (2 * k));
    assertThat(client.remoteMasterSalt()[0]).isEqualTo((byte) (2 * k + s));
    assertThat(client.remoteMasterSalt()[s - 1]).isEqualTo((byte) (block.length - 1));
    assertThat(server.localMasterKey()).isEqualTo(client.remoteMasterKey()).hasSize(k);
    assertThat(server.localMasterSalt()).isEqualTo(client.remoteMasterSalt()).hasSize(s);
    assertThat(server.remoteMasterKey()).isEqualTo(client.localMasterKey());
    assertThat(client.toString()).doesNotContain("0, 1");
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rejectsWrongLength(SrtpProfile profile) {
    assertThatThrownBy(() -> SrtpKeyingMaterial.split(profile, DtlsRole.CLIENT, new byte[profile.keyingMaterialLength() - 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
