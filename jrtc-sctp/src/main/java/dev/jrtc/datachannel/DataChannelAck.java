package dev.jrtc.datachannel;

/**
 * DATA_CHANNEL_ACK, RFC 8832 §5.2 (https://www.rfc-editor.org/rfc/rfc8832#section-5.2).
 *
 * <pre>
 * |  Message Type |
 * +-+-+-+-+-+-+-+-+
 * </pre>
 */
record DataChannelAck() implements DcepMessage {
  @Override
  public byte[] toBytes() {
    return new byte[] {DATA_CHANNEL_ACK};
  }
}
