package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The record framing of RFC 6347 §4.1 as {@link DtlsRecordScreen} checks it. */
class DtlsRecordScreenTest {

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource({
      "16fefd000000000000000000020102, true, handshake epoch 0 with 2 bytes",
      "16feff00000000000000000000, true, DTLS 1.0 ClientHello header with empty body",
      "17fefd00010000000000010018000000000000000000000000000000000000000000000000, true, application_data epoch 1 with 24 bytes",
      "17fefd000100000000000100170000000000000000000000000000000000000000000000, false, encrypted record shorter than nonce + tag",
      "16fefd000000000000000000030102, false, length beyond the datagram",
      "16fefd0000000000000000000201020000, false, trailing bytes shorter than a header",
      "18fefd000000000000000000020102, false, content type 24 (heartbeat)",
      "160303000000000000000000020102, false, TLS version",
      "16fefd00000000000000000002, false, header cut short",
      "16fefd00000000000000000001011500fefd000000000000000100020101, false, second record of type 0x15 with bad version",
      "16fefd0000000000000000000101" + "15fefd0000000000000001000201 00, true, two records"})
  void screensRecords(String hex, boolean acceptable, String what) {
    assertThat(DtlsRecordScreen.acceptable(HexFormat.of().parseHex(hex.replace(" ", ""))))
        .as(what).isEqualTo(acceptable);
  }
}
