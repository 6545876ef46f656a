package dev.jrtc.datachannel;

/**
 * The Channel Type of DATA_CHANNEL_OPEN, RFC 8832 §5.1
 * (https://www.rfc-editor.org/rfc/rfc8832#section-5.1): reliability policy plus the 0x80 unordered bit.
 */
enum ChannelType {
  RELIABLE(0x00),
  RELIABLE_UNORDERED(0x80),
  PARTIAL_RELIABLE_REXMIT(0x01),
  PARTIAL_RELIABLE_REXMIT_UNORDERED(0x81),
  PARTIAL_RELIABLE_TIMED(0x02),
  PARTIAL_RELIABLE_TIMED_UNORDERED(0x82);

  final int code;

  ChannelType(int code) {
    this.code = code;
  }

  boolean unordered() {
    return (code & 0x80) != 0;
  }

  static ChannelType of(int code) {
    for (ChannelType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }

  static ChannelType of(boolean ordered, int maxRetransmits, long maxPacketLifeTime) {
    if (maxRetransmits >= 0) {
      return ordered ? PARTIAL_RELIABLE_REXMIT : PARTIAL_RELIABLE_REXMIT_UNORDERED;
    }
    if (maxPacketLifeTime >= 0) {
      return ordered ? PARTIAL_RELIABLE_TIMED : PARTIAL_RELIABLE_TIMED_UNORDERED;
    }
    return ordered ? RELIABLE : RELIABLE_UNORDERED;
  }
}
