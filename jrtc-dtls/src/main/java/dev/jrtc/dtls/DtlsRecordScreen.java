package dev.jrtc.dtls;

/**
 * A structural check of inbound datagrams before Bouncy Castle sees them, so that junk is
 * silently discarded as RFC 6347 §4.1.2.7 asks ("invalid records SHOULD be silently
 * discarded") instead of killing the connection.
 *
 * <p>Why: BC discards records that fail authentication ({@code bad_record_mac}), but an
 * encrypted record too short to hold the AES-GCM explicit nonce and tag makes it raise a fatal
 * {@code decode_error} and tear the connection down; anyone able to put one datagram on the
 * 5-tuple could do that. Found by {@code DtlsEndpointProperties}.
 *
 * <p>Each datagram holds one or more records (RFC 6347 §4.1):
 *
 * <pre>
 * struct {
 *   ContentType type;               // 1 byte: 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data
 *   ProtocolVersion version;        // 2 bytes: {254, 253} DTLS 1.2, {254, 255} DTLS 1.0
 *   uint16 epoch;
 *   uint48 sequence_number;
 *   uint16 length;
 *   opaque fragment[DTLSPlaintext.length];
 * } DTLSPlaintext;
 * </pre>
 *
 * A datagram passes when every record's header is complete, its type is one of the four above,
 * its version is a DTLS one, its length stays inside the datagram, and a record of a non-zero
 * epoch (encrypted) is at least {@link #AEAD_OVERHEAD} long.
 */
final class DtlsRecordScreen {
  static final int RECORD_HEADER_LENGTH = 13;

  /**
   * GenericAEADCipher overhead of the AES-GCM suites we negotiate (RFC 5288 §3): an 8-byte
   * explicit nonce and a 16-byte tag. We offer no CBC or ChaCha20 suites, so every encrypted
   * record has at least this much.
   */
  static final int AEAD_OVERHEAD = 8 + 16;

  private DtlsRecordScreen() {}

  /** Whether {@code datagram} is structurally a sequence of DTLS records. */
  static boolean acceptable(byte[] datagram) {
    int p = 0;
    if (datagram.length < RECORD_HEADER_LENGTH) {
      return false;
    }
    while (p < datagram.length) {
      if (datagram.length - p < RECORD_HEADER_LENGTH) {
        return false;
      }
      int type = datagram[p] & 0xff;
      if (type < 20 || type > 23) {
        return false;
      }
      if ((datagram[p + 1] & 0xff) != 0xfe) {
        return false;
      }
      int epoch = ((datagram[p + 3] & 0xff) << 8) | (datagram[p + 4] & 0xff);
      int length = ((datagram[p + 11] & 0xff) << 8) | (datagram[p + 12] & 0xff);
      if (length > datagram.length - p - RECORD_HEADER_LENGTH) {
        return false;
      }
      if (epoch != 0 && length < AEAD_OVERHEAD) {
        return false;
      }
      p += RECORD_HEADER_LENGTH + length;
    }
    return true;
  }
}
