package dev.jrtc.stun;

/**
 * CHANNEL-NUMBER (type 0x000C), RFC 8656 §18.1: a 16-bit channel number followed by 16 bits
 * reserved for future use.
 *
 * @param channel the channel number, 0x4000..0x4FFF for a valid binding (§12)
 */
public record ChannelNumber(int channel) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x000C;

  /** Validates the range. */
  public ChannelNumber {
    if (channel < 0 || channel > 0xffff) {
      throw new IllegalArgumentException("channel number out of range: " + channel);
    }
  }

  @Override
  public int type() {
    return TYPE;
  }
}
