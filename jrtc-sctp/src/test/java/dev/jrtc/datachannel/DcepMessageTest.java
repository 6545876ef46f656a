package dev.jrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 8832 §5.1 and §5.2 layouts, byte for byte. */
class DcepMessageTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  @DisplayName("RFC 8832 §5.1: DATA_CHANNEL_OPEN, reliable, label \"chat\", no protocol")
  void openBytes() throws DcepParseException {
    DataChannelOpen open = new DataChannelOpen(ChannelType.RELIABLE, 256, 0, "chat", "");
    String hex = "03" + "00" + "0100" + "00000000" + "0004" + "0000" + "63686174";
    assertThat(HEX.formatHex(open.toBytes())).isEqualTo(hex);
    assertThat(DcepMessage.parse(HEX.parseHex(hex))).isEqualTo(open);
  }

  @Test
  @DisplayName("RFC 8832 §5.1: partial reliable rexmit unordered carries the retransmit count")
  void openPartialReliable() throws DcepParseException {
    byte[] b = HEX.parseHex("03" + "81" + "0000" + "00000003" + "0001" + "0002" + "61" + "7a7a");
    DataChannelOpen open = (DataChannelOpen) DcepMessage.parse(b);
    assertThat(open.channelType()).isEqualTo(ChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED);
    assertThat(open.reliabilityParameter()).isEqualTo(3);
    assertThat(open.label()).isEqualTo("a");
    assertThat(open.protocol()).isEqualTo("zz");
  }

  @Test
  @DisplayName("RFC 8832 §5.2: DATA_CHANNEL_ACK is the single byte 0x02")
  void ackBytes() throws DcepParseException {
    assertThat(new DataChannelAck().toBytes()).containsExactly(2);
    assertThat(DcepMessage.parse(new byte[] {2})).isEqualTo(new DataChannelAck());
  }

  @Test
  void malformedInputIsTyped() {
    assertThatThrownBy(() -> DcepMessage.parse(new byte[0])).isInstanceOf(DcepParseException.class)
        .hasMessage("empty DCEP message (at offset 0)");
    assertThatThrownBy(() -> DcepMessage.parse(HEX.parseHex("0300010000000000000500006162")))
        .isInstanceOf(DcepParseException.class).hasMessageContaining("announces 5+0 bytes");
    assertThatThrownBy(() -> DcepMessage.parse(HEX.parseHex("03050000000000000000" + "0000")))
        .isInstanceOf(DcepParseException.class).hasMessageContaining("unknown channel type 0x5");
    assertThatThrownBy(() -> DcepMessage.parse(HEX.parseHex("030000000000000000010000ff")))
        .isInstanceOf(DcepParseException.class).hasMessageContaining("label is not valid UTF-8");
    assertThatThrownBy(() -> DcepMessage.parse(new byte[] {9})).isInstanceOf(DcepParseException.class)
        .hasMessageContaining("unknown DCEP message type 9");
  }
}
