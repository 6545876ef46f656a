package dev.jrtc.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.dtls.DtlsRole;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 8832 §6 stream id parity and the W3C id range. */
class ChannelIdsTest {

  @Test
  @DisplayName("RFC 8832 §6: the DTLS client takes the lowest free even id, the server the lowest free odd id")
  void parity() {
    Set<Integer> used = Set.of(0, 1, 2, 5);
    assertThat(ChannelIds.allocate(DtlsRole.CLIENT, 65_535, used::contains)).isEqualTo(4);
    assertThat(ChannelIds.allocate(DtlsRole.SERVER, 65_535, used::contains)).isEqualTo(3);
    assertThat(ChannelIds.allocate(DtlsRole.CLIENT, 65_535, id -> false)).isZero();
    assertThat(ChannelIds.allocate(DtlsRole.SERVER, 65_535, id -> false)).isEqualTo(1);
  }

  @Test
  @DisplayName("ids stay below the usable stream count and at most 65534; -1 when none is left")
  void limits() {
    assertThat(ChannelIds.allocate(DtlsRole.CLIENT, 4, id -> id < 2)).isEqualTo(2);
    assertThat(ChannelIds.allocate(DtlsRole.CLIENT, 4, id -> id < 4)).isEqualTo(-1);
    assertThat(ChannelIds.allocate(DtlsRole.SERVER, 2, id -> false)).isEqualTo(1);
    assertThat(ChannelIds.allocate(DtlsRole.SERVER, 1, id -> false)).isEqualTo(-1);
    assertThat(ChannelIds.allocate(DtlsRole.CLIENT, 70_000, id -> id < ChannelIds.MAX_ID)).isEqualTo(ChannelIds.MAX_ID);
    assertThat(ChannelIds.allocate(DtlsRole.SERVER, 70_000, id -> id < ChannelIds.MAX_ID)).isEqualTo(-1);
  }

  @Test
  @DisplayName("RFC 8841 §6: max-message-size 0 means any size; absent means 64 KiB")
  void remoteMaxMessageSize() {
    RemoteParameters any = new RemoteParameters("u", "p", false, java.util.List.of(
        dev.jrtc.dtls.CertificateFingerprint.parse("sha-256 AB:CD")), true, DtlsRole.CLIENT, 5000, 0);
    assertThat(any.sctpMaxMessageSize()).isEqualTo(Integer.MAX_VALUE);
    RemoteParameters dflt = new RemoteParameters("u", "p", false, any.fingerprints(), true, DtlsRole.CLIENT, 5000,
        RemoteParameters.DEFAULT_MAX_MESSAGE_SIZE);
    assertThat(dflt.sctpMaxMessageSize()).isEqualTo(65_536);
  }
}
