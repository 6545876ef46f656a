package dev.jrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.stun.Data;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.StunParseException;
import dev.jrtc.stun.TransactionId;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** RFC 8656 §12.5 framing of STUN and ChannelData on a TCP/TLS stream to the TURN server. */
class TurnStreamDecoderProperties {

  /** Messages of random kinds and sizes, written back to back and cut anywhere, come out whole and in order. */
  @Property(tries = 300)
  void anyChunkingGivesBackTheMessages(@ForAll @Size(max = 12) List<@Size(max = 300) byte[]> payloads,
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 100) int maxChunk) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> messages = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (byte[] p : payloads) {
      if (random.nextBoolean()) {
        ChannelData cd = new ChannelData(0x4000 + random.nextInt(0x1000), p);
        messages.add(cd.encode());
        stream.writeBytes(cd.encodePadded());
      } else {
        byte[] m = StunMessage.builder(StunMethod.DATA, StunClass.INDICATION,
            TransactionId.random(dev.jrtc.common.Entropy.seeded(seed))).add(new Data(p)).build().encode();
        messages.add(m);
        stream.writeBytes(m);
      }
    }
    byte[] bytes = stream.toByteArray();
    TurnStreamDecoder decoder = new TurnStreamDecoder();
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      int n = Math.min(bytes.length - pos, 1 + random.nextInt(maxChunk));
      out.addAll(decoder.feed(Arrays.copyOfRange(bytes, pos, pos + n)));
      pos += n;
    }
    assertThat(out).hasSameSizeAs(messages);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.get(i)).containsExactly(messages.get(i));
    }
    assertThat(decoder.buffered()).isZero();
  }

  /** Random bytes never escape as anything but a StunParseException, and never buffer beyond one message. */
  @Property(tries = 1000)
  void garbageOnlyThrowsStunParseException(@ForAll byte[] data) {
    TurnStreamDecoder decoder = new TurnStreamDecoder();
    try {
      decoder.feed(data);
      assertThat(decoder.buffered()).isLessThanOrEqualTo(20 + 0xffff);
    } catch (StunParseException expected) {
      // the stream is out of sync: the only failure allowed
    }
  }
}
