package dev.jrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9260 §3.1-§3.3 packet layout, byte for byte, and the typed errors for malformed input. */
class SctpPacketTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  @DisplayName("RFC 3720 B.4: CRC32c of 32 zero bytes is 0x8A9136AA (the polynomial SCTP uses)")
  void crc32cVector() {
    CRC32C crc = new CRC32C();
    crc.update(new byte[32]);
    assertThat(crc.getValue()).isEqualTo(0x8A9136AAL);
  }

  @Test
  @DisplayName("COOKIE ACK packet: header, little-endian CRC32c, chunk")
  void cookieAckBytes() throws SctpParseException {
    SctpPacket p = new SctpPacket(5000, 5000, 0x01020304, List.of(new CookieAckChunk()));
    byte[] bytes = p.toBytes();
    assertThat(HEX.formatHex(bytes, 0, 8)).isEqualTo("1388138801020304");
    assertThat(HEX.formatHex(bytes, 12, 16)).isEqualTo("0b000004");
    int crc = SctpPacket.checksum(bytes, 0, bytes.length);
    assertThat(bytes[8]).isEqualTo((byte) crc);
    assertThat(bytes[11]).isEqualTo((byte) (crc >>> 24));
    assertThat(SctpPacket.parse(bytes)).isEqualTo(p);
  }

  @Test
  @DisplayName("DATA chunk: flags U/B/E/I and header fields, RFC 9260 §3.3.1")
  void dataChunkBytes() throws SctpParseException {
    DataChunk d = new DataChunk(false, true, true, true, 0x11223344, 7, 9, 51, Bytes.wrap(new byte[] {'h', 'i', '!'}));
    ByteWriter w = new ByteWriter();
    d.writeTo(w);
    assertThat(HEX.formatHex(w.toByteArray())).isEqualTo("00070013" + "11223344" + "00070009" + "00000033" + "686921" + "00");
    assertThat(Chunk.parse(new ByteReader(w.toByteArray()))).isEqualTo(d);
  }

  @Test
  @DisplayName("INIT: the last parameter's padding is not counted in the chunk length (RFC 9260 §3.2)")
  void initLengthExcludesLastPadding() throws SctpParseException {
    InitChunk init = new InitChunk(1, 2, 3, 4, 5, List.of(
        new SupportedExtensionsParameter(List.of(130, 192)), new ForwardTsnSupportedParameter(),
        new SupportedExtensionsParameter(List.of(130))));
    ByteWriter w = new ByteWriter();
    init.writeTo(w);
    byte[] b = w.toByteArray();
    // 4 header + 16 fixed + (6 padded to 8) + 4 + 5 = 37; written padded to 40.
    assertThat(((b[2] & 0xff) << 8) | (b[3] & 0xff)).isEqualTo(37);
    assertThat(b).hasSize(40);
    assertThat(Chunk.parse(new ByteReader(b))).isEqualTo(init);
  }

  @Test
  void truncatedChunkIsTyped() {
    byte[] b = HEX.parseHex("00030010" + "00000001");
    assertThatThrownBy(() -> Chunk.parse(new ByteReader(b)))
        .isInstanceOf(SctpParseException.class)
        .hasMessageContaining("value of chunk type 0");
  }

  @Test
  void shortChunkLengthIsTyped() {
    assertThatThrownBy(() -> Chunk.parse(new ByteReader(HEX.parseHex("0b000002"))))
        .isInstanceOf(SctpParseException.class)
        .hasMessage("chunk length 2 < 4 (at offset 0)");
  }

  @Test
  void sackWithWrongCountsIsTyped() {
    byte[] b = HEX.parseHex("03000014" + "00000001" + "00010000" + "00020000" + "00010002");
    assertThatThrownBy(() -> Chunk.parse(new ByteReader(b)))
        .isInstanceOf(SctpParseException.class)
        .hasMessageContaining("SACK announces 2 gap blocks and 0 duplicates but has 4 bytes");
  }

  @Test
  void emptyPacketIsTyped() {
    byte[] b = new SctpPacket(1, 2, 3, List.of(new CookieAckChunk())).toBytes();
    byte[] headerOnly = java.util.Arrays.copyOf(b, 12);
    int crc = SctpPacket.checksum(headerOnly, 0, 12);
    headerOnly[8] = (byte) crc;
    headerOnly[9] = (byte) (crc >>> 8);
    headerOnly[10] = (byte) (crc >>> 16);
    headerOnly[11] = (byte) (crc >>> 24);
    assertThatThrownBy(() -> SctpPacket.parse(headerOnly)).isInstanceOf(SctpParseException.class)
        .hasMessageContaining("packet has no chunks");
  }

  @Test
  void unknownChunkHighBits() {
    assertThat(new UnknownChunk(0x3f, 0, Bytes.EMPTY).stopProcessing()).isTrue();
    assertThat(new UnknownChunk(0x7f, 0, Bytes.EMPTY).report()).isTrue();
    assertThat(new UnknownChunk(0xbf, 0, Bytes.EMPTY).stopProcessing()).isFalse();
    assertThat(new UnknownChunk(0xbf, 0, Bytes.EMPTY).report()).isFalse();
    assertThat(new UnknownChunk(0xff, 0, Bytes.EMPTY).report()).isTrue();
  }
}
