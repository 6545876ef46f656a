package dev.jrtc.stun;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A STUN message, RFC 8489 §5: a 20-byte header and a list of attributes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Immutable. Equality covers method, class, transaction ID and attributes. A parsed message
 * remembers the padding bytes it arrived with (RFC 8489 §14 lets senders put anything there, and
 * RFC 5769 pads with spaces), so {@code parse(b).encode()} gives back {@code b} byte for byte and
 * integrity checks run over exactly the bytes received.
 */
public final class StunMessage {
  /** The magic cookie, RFC 8489 §5. */
  public static final int MAGIC_COOKIE = 0x2112A442;
  /** Header length in bytes. */
  public static final int HEADER_LENGTH = 20;
  /** The value XORed into the CRC-32 of FINGERPRINT, RFC 8489 §14.7. */
  static final long FINGERPRINT_XOR = 0x5354554eL;

  private final StunMethod method;
  private final StunClass stunClass;
  private final TransactionId transactionId;
  private final List<StunAttribute> attributes;
  /** Padding per attribute as received; null entries mean zeros. */
  private final List<byte[]> paddings;
  /** The bytes this message was parsed from, or null for a built one. */
  private final byte[] wire;

  private StunMessage(StunMethod method, StunClass stunClass, TransactionId transactionId,
      List<StunAttribute> attributes, List<byte[]> paddings, byte[] wire) {
    this.method = method;
    this.stunClass = stunClass;
    this.transactionId = transactionId;
    this.attributes = Collections.unmodifiableList(attributes);
    this.paddings = paddings;
    this.wire = wire;
  }

  /** The method (Binding, Allocate, ...). */
  public StunMethod method() {
    return method;
  }

  /** The class (request, indication, success or error response). */
  public StunClass stunClass() {
    return stunClass;
  }

  /** The transaction ID. */
  public TransactionId transactionId() {
    return transactionId;
  }

  /** The attributes in wire order. */
  public List<StunAttribute> attributes() {
    return attributes;
  }

  /**
   * The first attribute of the given record type that counts: attributes after
   * MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 are not covered by it and are ignored, except
   * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT (RFC 8489 §14.5, §14.6). {@link #attributes()}
   * still lists them, so that re-encoding is exact.
   */
  public <T extends StunAttribute> Optional<T> attribute(Class<T> type) {
    boolean afterIntegrity = false;
    for (StunAttribute a : attributes) {
      if (type.isInstance(a) && (!afterIntegrity || a instanceof MessageIntegritySha256 || a instanceof Fingerprint)) {
        return Optional.of(type.cast(a));
      }
      if (a instanceof MessageIntegrity || a instanceof MessageIntegritySha256) {
        afterIntegrity = true;
      }
    }
    return Optional.empty();
  }

  /**
   * The comprehension-required attribute types (0x0000-0x7FFF) this package does not
   * understand, before any MESSAGE-INTEGRITY: a request carrying one gets a 420 answer with
   * UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1.1).
   */
  public List<Integer> unknownComprehensionRequired() {
    List<Integer> out = new ArrayList<>();
    for (StunAttribute a : attributes) {
      if (a instanceof MessageIntegrity || a instanceof MessageIntegritySha256) {
        break;
      }
      if (a instanceof RawAttribute && StunAttribute.isComprehensionRequired(a.type())) {
        out.add(a.type());
      }
    }
    return out;
  }

  /** True when an attribute of the given record type is present. */
  public boolean has(Class<? extends StunAttribute> type) {
    return attribute(type).isPresent();
  }

  /** A builder for a new message. */
  public static Builder builder(StunMethod method, StunClass stunClass, TransactionId transactionId) {
    return new Builder(method, stunClass, transactionId);
  }

  /**
   * True when {@code data} looks like a STUN message: the two top bits are zero (RFC 7983 §7:
   * first byte 0..3), the magic cookie is present and the length field matches. Cheap; used to
   * demultiplex STUN from DTLS, RTP and TURN ChannelData on one port.
   */
  public static boolean isStun(byte[] data, int offset, int length) {
    if (length < HEADER_LENGTH || (data[offset] & 0xc0) != 0) {
      return false;
    }
    int len = ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff);
    int cookie = ((data[offset + 4] & 0xff) << 24) | ((data[offset + 5] & 0xff) << 16)
        | ((data[offset + 6] & 0xff) << 8) | (data[offset + 7] & 0xff);
    return cookie == MAGIC_COOKIE && len % 4 == 0 && len + HEADER_LENGTH == length;
  }

  /** Parses a whole datagram. */
  public static StunMessage parse(byte[] data) throws StunParseException {
    return parse(data, 0, data.length);
  }

  /** Parses {@code length} bytes at {@code offset} as one STUN message, RFC 8489 §5 and §14. */
  public static StunMessage parse(byte[] data, int offset, int length) throws StunParseException {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new StunParseException("range outside the buffer", 0);
    }
    if (length < HEADER_LENGTH) {
      throw new StunParseException("message shorter than the 20-byte header: " + length, 0);
    }
    ByteReader r = new ByteReader(data, offset, length);
    int type = r.u16("message type");
    if ((type & 0xc000) != 0) {
      throw new StunParseException("top two bits of the message type are not zero", 0);
    }
    int msgLen = r.u16("message length");
    if (msgLen % 4 != 0) {
      throw new StunParseException("message length " + msgLen + " is not a multiple of 4", 2);
    }
    if (msgLen + HEADER_LENGTH != length) {
      throw new StunParseException("message length " + msgLen + " does not match datagram size " + length, 2);
    }
    if (r.u32("magic cookie") != (MAGIC_COOKIE & 0xffffffffL)) {
      throw new StunParseException("magic cookie missing", 4);
    }
    TransactionId txId = TransactionId.of(r.bytes(TransactionId.LENGTH, "transaction id"));
    List<StunAttribute> attrs = new ArrayList<>();
    List<byte[]> pads = new ArrayList<>();
    boolean sawFingerprint = false;
    while (r.remaining() > 0) {
      int at = r.position() - offset;
      if (sawFingerprint) {
        throw new StunParseException("attribute after FINGERPRINT", at);
      }
      int attrType = r.u16("attribute type");
      int attrLen = r.u16("attribute length");
      if (attrLen > r.remaining()) {
        throw new StunParseException("attribute 0x" + Integer.toHexString(attrType) + " length " + attrLen
            + " exceeds the message", at);
      }
      ByteReader value = new ByteReader(data, r.position(), attrLen);
      StunAttribute attr;
      try {
        attr = AttributeCodec.parse(attrType, value, txId);
      } catch (IllegalArgumentException e) {
        throw new StunParseException("attribute 0x" + Integer.toHexString(attrType) + " invalid: "
            + e.getMessage(), at);
      }
      if (value.remaining() != 0) {
        throw new StunParseException("attribute 0x" + Integer.toHexString(attrType) + " has trailing bytes", at);
      }
      r.skip(attrLen, "attribute value");
      int padLen = (4 - attrLen % 4) % 4;
      byte[] pad = r.bytes(padLen, "attribute padding");
      attrs.add(attr);
      pads.add(isZero(pad) ? null : pad);
      sawFingerprint = attr instanceof Fingerprint;
    }
    return new StunMessage(StunMethod.ofMessageType(type), StunMethod.classOfMessageType(type), txId,
        attrs, pads, Arrays.copyOfRange(data, offset, offset + length));
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** The wire form. A parsed message encodes to the bytes it was parsed from. */
  public byte[] encode() {
    if (wire != null) {
      return wire.clone();
    }
    return encode(attributes, paddings, attributes.size()).toByteArray();
  }

  private byte[] wire() {
    return wire != null ? wire : encode(attributes, paddings, attributes.size()).toByteArray();
  }

  private ByteWriter encode(List<StunAttribute> attrs, List<byte[]> pads, int count) {
    ByteWriter w = new ByteWriter(128);
    w.u16(method.messageType(stunClass)).u16(0).u32(MAGIC_COOKIE & 0xffffffffL).bytes(transactionId.raw());
    for (int i = 0; i < count; i++) {
      writeAttribute(w, attrs.get(i), pads == null ? null : pads.get(i), transactionId);
    }
    w.putU16(2, w.size() - HEADER_LENGTH);
    return w;
  }

  static void writeAttribute(ByteWriter w, StunAttribute a, byte[] pad, TransactionId txId) {
    int start = w.size();
    w.u16(a.type()).u16(0);
    AttributeCodec.writeValue(a, w, txId);
    int len = w.size() - start - 4;
    if (len > 0xffff) {
      throw new IllegalArgumentException("attribute 0x" + Integer.toHexString(a.type()) + " too long");
    }
    w.putU16(start + 2, len);
    int padLen = (4 - len % 4) % 4;
    if (pad != null && pad.length == padLen) {
      w.bytes(pad);
    } else {
      for (int i = 0; i < padLen; i++) {
        w.u8(0);
      }
    }
  }

  /** Offset of the first attribute of {@code type} in {@code wire}, or -1. */
  private static int offsetOf(byte[] wire, int type) {
    int p = HEADER_LENGTH;
    while (p + 4 <= wire.length) {
      int t = ((wire[p] & 0xff) << 8) | (wire[p + 1] & 0xff);
      int l = ((wire[p + 2] & 0xff) << 8) | (wire[p + 3] & 0xff);
      if (t == type) {
        return p;
      }
      p += 4 + l + (4 - l % 4) % 4;
    }
    return -1;
  }

  /**
   * True when MESSAGE-INTEGRITY is present and matches HMAC-SHA1 under {@code key}, RFC 8489
   * §14.5: computed over the message up to the attribute, with the length field counting up to
   * its end. Attributes after it (other than FINGERPRINT) are ignored, as the RFC requires.
   */
  public boolean checkMessageIntegrity(byte[] key) {
    return checkHmac(key, MessageIntegrity.TYPE, "HmacSHA1");
  }

  /** True when MESSAGE-INTEGRITY-SHA256 is present and matches under {@code key}, RFC 8489 §14.6. */
  public boolean checkMessageIntegritySha256(byte[] key) {
    return checkHmac(key, MessageIntegritySha256.TYPE, "HmacSHA256");
  }

  private boolean checkHmac(byte[] key, int type, String algorithm) {
    byte[] w = wire();
    int at = offsetOf(w, type);
    if (at < 0) {
      return false;
    }
    int valueLen = ((w[at + 2] & 0xff) << 8) | (w[at + 3] & 0xff);
    byte[] mac = hmac(algorithm, key, w, at, at + 4 + valueLen - HEADER_LENGTH);
    byte[] received = Arrays.copyOfRange(w, at + 4, at + 4 + valueLen);
    return MessageDigest.isEqual(Arrays.copyOf(mac, valueLen), received);
  }

  /**
   * True when FINGERPRINT is present and matches, RFC 8489 §14.7: CRC-32 of the message up to
   * the attribute (length field counting it), XOR 0x5354554e.
   */
  public boolean checkFingerprint() {
    byte[] w = wire();
    int at = offsetOf(w, Fingerprint.TYPE);
    if (at < 0 || at + 8 != w.length) {
      return false;
    }
    long expected = fingerprint(w, at, at + 8 - HEADER_LENGTH);
    long got = ((long) (w[at + 4] & 0xff) << 24) | ((w[at + 5] & 0xff) << 16)
        | ((w[at + 6] & 0xff) << 8) | (w[at + 7] & 0xff);
    return expected == got;
  }

  private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> newMac("HmacSHA1"));
  private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> newMac("HmacSHA256"));

  private static Mac newMac(String algorithm) {
    try {
      return Mac.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }

  /** HMAC over {@code w[0..end)} with the header length field replaced by {@code length}. */
  static byte[] hmac(String algorithm, byte[] key, byte[] w, int end, int length) {
    try {
      // Mac.getInstance is a provider lookup (11-13% of the CPU of answering checks, measured by
      // ./jrtc bench ice): keep one instance per thread and algorithm; init() resets it.
      Mac mac = algorithm.equals("HmacSHA1") ? HMAC_SHA1.get()
          : algorithm.equals("HmacSHA256") ? HMAC_SHA256.get() : Mac.getInstance(algorithm);
      // An empty key is legal for STUN but not for SecretKeySpec; HMAC pads keys with zeros,
      // so a single zero byte is the same key.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
      mac.update(w, 0, 2);
      mac.update((byte) (length >>> 8));
      mac.update((byte) length);
      mac.update(w, 4, end - 4);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }

  static long fingerprint(byte[] w, int end, int length) {
    CRC32 crc = new CRC32();
    crc.update(w, 0, 2);
    crc.update((length >>> 8) & 0xff);
    crc.update(length & 0xff);
    crc.update(w, 4, end - 4);
    return crc.getValue() ^ FINGERPRINT_XOR;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StunMessage)) {
      return false;
    }
    StunMessage m = (StunMessage) o;
    return method.equals(m.method) && stunClass == m.stunClass && transactionId.equals(m.transactionId)
        && attributes.equals(m.attributes);
  }

  @Override
  public int hashCode() {
    return ((method.hashCode() * 31 + stunClass.hashCode()) * 31 + transactionId.hashCode()) * 31
        + attributes.hashCode();
  }

  @Override
  public String toString() {
    return method + " " + stunClass + " " + transactionId + " " + attributes;
  }

  /**
   * Builds a message attribute by attribute. {@link #addMessageIntegrity(byte[])},
   * {@link #addMessageIntegritySha256(byte[])} and {@link #addFingerprint()} compute their values
   * over what was added before them, so call them last, in that order (RFC 8489 §14.5-14.7).
   */
  public static final class Builder {
    private final StunMethod method;
    private final StunClass stunClass;
    private final TransactionId transactionId;
    private final List<StunAttribute> attributes = new ArrayList<>();

    private Builder(StunMethod method, StunClass stunClass, TransactionId transactionId) {
      this.method = method;
      this.stunClass = stunClass;
      this.transactionId = transactionId;
    }

    /** Appends an attribute. */
    public Builder add(StunAttribute attribute) {
      if (attribute instanceof MessageIntegrity || attribute instanceof MessageIntegritySha256
          || attribute instanceof Fingerprint) {
        // Keep the value consistent with the bytes: these are computed, not copied.
        throw new IllegalArgumentException("use addMessageIntegrity/addMessageIntegritySha256/addFingerprint");
      }
      attributes.add(attribute);
      return this;
    }

    private byte[] encodeSoFar() {
      return new StunMessage(method, stunClass, transactionId, attributes, null, null).encode();
    }

    /** Appends MESSAGE-INTEGRITY computed with HMAC-SHA1 under {@code key}, RFC 8489 §14.5. */
    public Builder addMessageIntegrity(byte[] key) {
      byte[] w = encodeSoFar();
      attributes.add(new MessageIntegrity(hmac("HmacSHA1", key, w, w.length, w.length + 24 - HEADER_LENGTH)));
      return this;
    }

    /** Appends MESSAGE-INTEGRITY-SHA256 (32 bytes) under {@code key}, RFC 8489 §14.6. */
    public Builder addMessageIntegritySha256(byte[] key) {
      byte[] w = encodeSoFar();
      attributes.add(new MessageIntegritySha256(
          hmac("HmacSHA256", key, w, w.length, w.length + 36 - HEADER_LENGTH)));
      return this;
    }

    /** Appends FINGERPRINT, RFC 8489 §14.7. */
    public Builder addFingerprint() {
      byte[] w = encodeSoFar();
      attributes.add(new Fingerprint(fingerprint(w, w.length, w.length + 8 - HEADER_LENGTH)));
      return this;
    }

    /** The message. */
    public StunMessage build() {
      return new StunMessage(method, stunClass, transactionId, new ArrayList<>(attributes), null, null);
    }
  }
}
