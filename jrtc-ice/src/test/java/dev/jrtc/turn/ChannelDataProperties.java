package dev.jrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.stun.StunParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** RFC 8656 §12.4 ChannelData framing. */
class ChannelDataProperties {
  @Test
  void parsesPaddedAndUnpadded() throws Exception {
    assertThat(ChannelData.parse(new byte[] {0x40, 0x01, 0, 2, 7, 8}))
        .isEqualTo(new ChannelData(0x4001, new byte[] {7, 8}));
    assertThat(ChannelData.parse(new byte[] {0x40, 0x01, 0, 2, 7, 8, 0, 0}))
        .isEqualTo(new ChannelData(0x4001, new byte[] {7, 8}));
    assertThatThrownBy(() -> ChannelData.parse(new byte[] {0x40, 0x01, 0, 9, 7}))
        .isInstanceOf(StunParseException.class).hasMessageContaining("exceeds the datagram");
    assertThatThrownBy(() -> ChannelData.parse(new byte[] {0x50, 0x00, 0, 0}))
        .isInstanceOf(StunParseException.class).hasMessageContaining("channel number");
    assertThatThrownBy(() -> ChannelData.parse(new byte[] {0x40}))
        .isInstanceOf(StunParseException.class);
  }

  @Property(tries = 300)
  void roundTrip(@ForAll @IntRange(min = 0x4000, max = 0x4fff) int channel, @ForAll byte[] data) throws Exception {
    ChannelData cd = new ChannelData(channel, data);
    assertThat(ChannelData.parse(cd.encode())).isEqualTo(cd);
  }

  @Property(tries = 1000)
  void garbageOnlyThrowsStunParseException(@ForAll byte[] data) {
    try {
      ChannelData.parse(data);
    } catch (StunParseException expected) {
      // the only exception allowed
    }
  }
}
