package dev.jrtc.turn;

import dev.jrtc.stun.StunParseException;
import java.util.Arrays;

/**
 * A ChannelData message, RFC 8656 §12.4: data to or from a peer over a bound channel, with a
 * 4-byte header instead of a 36-byte Send/Data indication.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Channel Number        |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * /                       Application Data                        /
 * /                                                               /
 * |                                                               |
 * |                               +-------------------------------+
 * |                               |
 * +-------------------------------+
 * </pre>
 *
 * <p>Over UDP the padding to a multiple of 4 is optional (§12.5) and this class does not add
 * it; on parse any padding after {@code Length} bytes is accepted and dropped.
 *
 * @param channel the channel number, 0x4000..0x4FFF
 * @param data the application data (copied in and out)
 */
public record ChannelData(int channel, byte[] data) {
  /** The lowest channel number, RFC 8656 §12. */
  public static final int MIN_CHANNEL = 0x4000;
  /** The highest channel number, RFC 8656 §12. */
  public static final int MAX_CHANNEL = 0x4FFF;

  /** Validates and copies. */
  public ChannelData {
    if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
      throw new IllegalArgumentException("channel number outside 0x4000..0x4FFF: " + channel);
    }
    if (data.length > 0xffff) {
      throw new IllegalArgumentException("ChannelData too long: " + data.length);
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** True when the first byte marks a ChannelData message (0x40..0x4F, RFC 7983 §7 range 64..79). */
  public static boolean isChannelData(byte[] datagram) {
    return datagram.length >= 4 && (datagram[0] & 0xf0) == 0x40;
  }

  /** Parses one ChannelData datagram. */
  public static ChannelData parse(byte[] datagram) throws StunParseException {
    if (datagram.length < 4) {
      throw new StunParseException("ChannelData shorter than its 4-byte header", 0);
    }
    int channel = ((datagram[0] & 0xff) << 8) | (datagram[1] & 0xff);
    int length = ((datagram[2] & 0xff) << 8) | (datagram[3] & 0xff);
    if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
      throw new StunParseException("ChannelData channel number 0x" + Integer.toHexString(channel) + " invalid", 0);
    }
    if (length > datagram.length - 4) {
      throw new StunParseException("ChannelData length " + length + " exceeds the datagram", 2);
    }
    if (datagram.length - 4 - length > 3) {
      throw new StunParseException("ChannelData has more than 3 bytes of padding", 4 + length);
    }
    return new ChannelData(channel, Arrays.copyOfRange(datagram, 4, 4 + length));
  }

  /**
   * The wire form padded to a multiple of 4 bytes, as RFC 8656 §12.5 requires over TCP and TLS
   * (the padding is not counted in Length).
   */
  public byte[] encodePadded() {
    byte[] out = new byte[(4 + data.length + 3) & ~3];
    System.arraycopy(encode(), 0, out, 0, 4 + data.length);
    return out;
  }

  /** The wire form (unpadded, as sent over UDP). */
  public byte[] encode() {
    byte[] out = new byte[4 + data.length];
    out[0] = (byte) (channel >>> 8);
    out[1] = (byte) channel;
    out[2] = (byte) (data.length >>> 8);
    out[3] = (byte) data.length;
    System.arraycopy(data, 0, out, 4, data.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelData && ((ChannelData) o).channel == channel && Arrays.equals(((ChannelData) o).data, data);
  }

  @Override
  public int hashCode() {
    return channel * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "ChannelData[0x" + Integer.toHexString(channel) + ", " + data.length + " bytes]";
  }
}
