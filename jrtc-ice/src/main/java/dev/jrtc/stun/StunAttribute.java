package dev.jrtc.stun;

/**
 * One STUN attribute, RFC 8489 §14: a type-length-value item after the 20-byte header.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type                  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Value (variable)                ....
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The set of attribute types is open: every type this package does not model is kept as a
 * {@link RawAttribute} so that it survives re-encoding.
 */
public sealed interface StunAttribute
    permits MappedAddress, XorMappedAddress, Username, MessageIntegrity, MessageIntegritySha256,
        Fingerprint, ErrorCode, UnknownAttributes, Realm, Nonce, Software, Priority, UseCandidate,
        IceControlled, IceControlling, ChannelNumber, Lifetime, XorPeerAddress, Data,
        XorRelayedAddress, RequestedTransport, DontFragment, ReservationToken, EvenPort,
        RequestedAddressFamily, AdditionalAddressFamily, AddressErrorCode, Icmp, RawAttribute {

  /** The 16-bit attribute type, RFC 8489 §18.3. */
  int type();

  /**
   * True when the type is comprehension-required (0x0000-0x7FFF), RFC 8489 §14: an agent
   * that does not understand it must reject the message.
   */
  static boolean isComprehensionRequired(int type) {
    return type < 0x8000;
  }
}
