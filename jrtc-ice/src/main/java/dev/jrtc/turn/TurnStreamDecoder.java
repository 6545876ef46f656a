package dev.jrtc.turn;

import dev.jrtc.stun.StunParseException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the byte stream from a TURN server over TCP or TLS into messages, RFC 8656 §12.5:
 * STUN messages (first two bits 00, length from the header, RFC 8489 §5) and ChannelData
 * messages (first two bits 01, padded to a multiple of 4 bytes over a stream). Any chunking of
 * the stream is accepted; anything else means the stream is out of sync and cannot be resumed.
 */
final class TurnStreamDecoder {
  private static final int STUN_HEADER = 20;
  private byte[] buffer = new byte[0];
  private boolean broken;

  /** Appends {@code bytes} and returns the complete messages now available, in order. */
  List<byte[]> feed(byte[] bytes) throws StunParseException {
    if (broken) {
      throw new StunParseException("TURN stream already out of sync", 0);
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream(buffer.length + bytes.length);
    joined.writeBytes(buffer);
    joined.writeBytes(bytes);
    byte[] b = joined.toByteArray();
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (b.length - pos >= 4) {
      int first = b[pos] & 0xff;
      int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      int frame;
      int keep;
      if ((first & 0xc0) == 0x00) {
        if ((length & 3) != 0) { // RFC 8489 §5: STUN lengths are multiples of 4
          broken = true;
          throw new StunParseException("STUN length " + length + " on the TURN stream is not a multiple of 4", pos + 2);
        }
        frame = STUN_HEADER + length;
        keep = frame;
      } else if ((first & 0xc0) == 0x40) {
        keep = 4 + length;
        frame = (keep + 3) & ~3; // §12.5: padded to 4 bytes over TCP and TLS
      } else {
        broken = true;
        throw new StunParseException("neither STUN nor ChannelData on the TURN stream: 0x"
            + Integer.toHexString(first), pos);
      }
      if (b.length - pos < frame) {
        break;
      }
      out.add(Arrays.copyOfRange(b, pos, pos + keep));
      pos += frame;
    }
    buffer = Arrays.copyOfRange(b, pos, b.length);
    return out;
  }

  /** Bytes of an incomplete message held back. */
  int buffered() {
    return buffer.length;
  }
}
