package dev.jrtc.datachannel;

/**
 * A Data Channel Establishment Protocol message, RFC 8832 §5
 * (https://www.rfc-editor.org/rfc/rfc8832#section-5), sent with PPID 50.
 */
sealed interface DcepMessage permits DataChannelOpen, DataChannelAck {
  int DATA_CHANNEL_ACK = 0x02;
  int DATA_CHANNEL_OPEN = 0x03;

  byte[] toBytes();

  /** Parses one DCEP message. */
  static DcepMessage parse(byte[] b) throws DcepParseException {
    if (b.length == 0) {
      throw new DcepParseException("empty DCEP message", 0);
    }
    int type = b[0] & 0xff;
    return switch (type) {
      case DATA_CHANNEL_OPEN -> DataChannelOpen.parse(b);
      case DATA_CHANNEL_ACK -> {
        if (b.length != 1) {
          // RFC 8832 §5.2: the ACK is exactly one byte.
          throw new DcepParseException("DATA_CHANNEL_ACK has " + (b.length - 1) + " trailing bytes", 1);
        }
        yield new DataChannelAck();
      }
      default -> throw new DcepParseException("unknown DCEP message type " + type, 0);
    };
  }
}
