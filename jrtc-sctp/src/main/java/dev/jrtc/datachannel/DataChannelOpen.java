package dev.jrtc.datachannel;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * DATA_CHANNEL_OPEN, RFC 8832 §5.1 (https://www.rfc-editor.org/rfc/rfc8832#section-5.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Message Type |  Channel Type |            Priority           |
 * |                    Reliability Parameter                      |
 * |         Label Length          |       Protocol Length         |
 * \                             Label                             /
 * \                            Protocol                           /
 * </pre>
 *
 * @param reliabilityParameter retransmissions (REXMIT) or milliseconds (TIMED), unsigned 32-bit
 */
record DataChannelOpen(ChannelType channelType, int priority, long reliabilityParameter, String label, String protocol)
    implements DcepMessage {

  static final int HEADER_SIZE = 12;

  static DataChannelOpen parse(byte[] b) throws DcepParseException {
    if (b.length < HEADER_SIZE) {
      throw new DcepParseException("DATA_CHANNEL_OPEN of " + b.length + " bytes is shorter than 12", 0);
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    buf.get();
    int typeCode = buf.get() & 0xff;
    ChannelType type = ChannelType.of(typeCode);
    if (type == null) {
      throw new DcepParseException("unknown channel type 0x" + Integer.toHexString(typeCode), 1);
    }
    int priority = buf.getShort() & 0xffff;
    long reliability = buf.getInt() & 0xffffffffL;
    int labelLength = buf.getShort() & 0xffff;
    int protocolLength = buf.getShort() & 0xffff;
    if (b.length != HEADER_SIZE + labelLength + protocolLength) {
      throw new DcepParseException("DATA_CHANNEL_OPEN announces " + labelLength + "+" + protocolLength
          + " bytes of label and protocol but carries " + (b.length - HEADER_SIZE), 8);
    }
    String label = utf8(b, HEADER_SIZE, labelLength, "label");
    String protocol = utf8(b, HEADER_SIZE + labelLength, protocolLength, "protocol");
    return new DataChannelOpen(type, priority, reliability, label, protocol);
  }

  private static String utf8(byte[] b, int off, int len, String what) throws DcepParseException {
    try {
      CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len));
      return cb.toString();
    } catch (CharacterCodingException e) {
      throw new DcepParseException(what + " is not valid UTF-8", off);
    }
  }

  @Override
  public byte[] toBytes() {
    byte[] l = label.getBytes(StandardCharsets.UTF_8);
    byte[] p = protocol.getBytes(StandardCharsets.UTF_8);
    if (l.length > 0xffff || p.length > 0xffff) {
      throw new IllegalArgumentException("label and protocol are limited to 65535 bytes");
    }
    ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE + l.length + p.length);
    buf.put((byte) DATA_CHANNEL_OPEN).put((byte) channelType.code).putShort((short) priority)
        .putInt((int) reliabilityParameter).putShort((short) l.length).putShort((short) p.length).put(l).put(p);
    return buf.array();
  }
}
