package dev.jrtc.sctp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The State Cookie this implementation puts in INIT ACK (RFC 9260 §5.1.3): everything needed to
 * build the TCB from the COOKIE ECHO alone, with a creation time and lifetime, signed with
 * HMAC-SHA256 under a per-association random secret key (RFC 9260 §5.1.3 "MAC ... with a secret
 * key"). Layout: 44 bytes of fields, then the 32-byte MAC.
 *
 * @param createdNanos when the cookie was made (the association's monotonic clock)
 * @param lifetimeNanos Valid.Cookie.Life
 * @param localTag our Initiate Tag
 * @param localInitialTsn our initial TSN
 * @param peerTag the INIT's Initiate Tag
 * @param peerInitialTsn the INIT's initial TSN
 * @param peerReceiverWindow the INIT's a_rwnd
 * @param peerOutboundStreams the INIT's outbound stream count
 * @param peerInboundStreams the INIT's inbound stream count
 * @param peerFlags bit 0: peer supports FORWARD TSN; bit 1: peer supports RE-CONFIG
 */
record StateCookie(
    long createdNanos, long lifetimeNanos, int localTag, int localInitialTsn, int peerTag,
    int peerInitialTsn, int peerReceiverWindow, int peerOutboundStreams, int peerInboundStreams,
    int peerFlags) {

  static final int FIELDS_SIZE = 44;
  static final int MAC_SIZE = 32;

  /** The cookie for an INIT answered at {@code now}. */
  static StateCookie of(InitChunk init, long now, long lifetime, int localTag, int localInitialTsn) {
    int flags = (InitParameters.supportsForwardTsn(init.parameters()) ? 1 : 0)
        | (InitParameters.supportsReconfig(init.parameters()) ? 2 : 0);
    return new StateCookie(now, lifetime, localTag, localInitialTsn, init.initiateTag(), init.initialTsn(),
        init.advertisedReceiverWindowCredit(), init.numberOfOutboundStreams(), init.numberOfInboundStreams(), flags);
  }

  Bytes sign(byte[] key) {
    ByteWriter w = new ByteWriter(FIELDS_SIZE + MAC_SIZE);
    w.u32((int) (createdNanos >>> 32)).u32((int) createdNanos)
        .u32((int) (lifetimeNanos >>> 32)).u32((int) lifetimeNanos)
        .u32(localTag).u32(localInitialTsn).u32(peerTag).u32(peerInitialTsn).u32(peerReceiverWindow)
        .u16(peerOutboundStreams).u16(peerInboundStreams).u32(peerFlags);
    byte[] mac = mac(key, w.array(), FIELDS_SIZE);
    w.bytes(mac, 0, mac.length);
    return Bytes.wrap(w.toByteArray());
  }

  /** Checks the MAC and decodes; null when the cookie is not one we signed. */
  static StateCookie verify(byte[] key, Bytes cookie) {
    if (cookie.length() != FIELDS_SIZE + MAC_SIZE) {
      return null;
    }
    byte[] raw = cookie.toByteArray();
    byte[] expected = mac(key, raw, FIELDS_SIZE);
    byte[] got = java.util.Arrays.copyOfRange(raw, FIELDS_SIZE, FIELDS_SIZE + MAC_SIZE);
    if (!MessageDigest.isEqual(expected, got)) {
      return null;
    }
    try {
      ByteReader r = new ByteReader(raw, 0, FIELDS_SIZE);
      long created = ((long) r.u32("t") << 32) | (r.u32("t") & 0xffffffffL);
      long life = ((long) r.u32("l") << 32) | (r.u32("l") & 0xffffffffL);
      return new StateCookie(created, life, r.u32("lt"), r.u32("lti"), r.u32("pt"), r.u32("pti"),
          r.u32("prw"), r.u16("pos"), r.u16("pis"), r.u32("pf"));
    } catch (SctpParseException e) {
      throw new AssertionError("fixed-size cookie failed to decode", e);
    }
  }

  boolean expired(long nowNanos) {
    return nowNanos - createdNanos > lifetimeNanos;
  }

  private static byte[] mac(byte[] key, byte[] data, int len) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(data, 0, len);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new AssertionError("HmacSHA256 is mandatory in every JDK", e);
    }
  }
}
