package dev.jrtc.ice;

import java.util.Objects;

/**
 * An ICE candidate, RFC 8445 §5.1.
 *
 * @param foundation the foundation, 1..32 ice-chars (§5.1.1.3)
 * @param component the component ID, 1..256 (1 = RTP, and the only one with rtcp-mux/BUNDLE)
 * @param address the transport address
 * @param priority the priority, 1..2^31-1 (§5.1.2)
 * @param type host, srflx, prflx or relay
 * @param relatedAddress the related address (§5.1.3): the base of a server- or peer-reflexive
 *     candidate, the mapped address of a relayed one; null for host candidates
 */
public record Candidate(String foundation, int component, TransportAddress address, long priority,
    CandidateType type, TransportAddress relatedAddress) {

  /** Validates the fields. */
  public Candidate {
    Objects.requireNonNull(foundation, "foundation");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    if (foundation.isEmpty() || foundation.length() > 32) {
      throw new IllegalArgumentException("foundation must be 1..32 characters: " + foundation);
    }
    if (component < 1 || component > 256) {
      throw new IllegalArgumentException("component must be 1..256: " + component);
    }
    if (priority < 1 || priority > 0x7fffffffL) {
      throw new IllegalArgumentException("priority must be 1..2^31-1: " + priority);
    }
  }

  /**
   * The priority formula of RFC 8445 §5.1.2.1:
   * {@code 2^24 * type preference + 2^8 * local preference + (256 - component ID)}.
   */
  public static long priority(CandidateType type, int localPreference, int component) {
    if (localPreference < 0 || localPreference > 65535) {
      throw new IllegalArgumentException("local preference must be 0..65535: " + localPreference);
    }
    return ((long) type.typePreference() << 24) + ((long) localPreference << 8) + (256 - component);
  }

  /** The local preference encoded in {@link #priority()}. */
  public int localPreference() {
    return (int) ((priority >> 8) & 0xffff);
  }

  /**
   * The base (RFC 8445 §5.1.1.1): the address a local candidate sends from. For server- and
   * peer-reflexive candidates it is the related address, otherwise the candidate's own address.
   */
  public TransportAddress base() {
    if ((type == CandidateType.SERVER_REFLEXIVE || type == CandidateType.PEER_REFLEXIVE) && relatedAddress != null) {
      return relatedAddress;
    }
    return address;
  }

  /**
   * This candidate in the {@code candidate-attribute} grammar of RFC 8839 §5.1, without the
   * {@code a=} prefix, e.g.
   * {@code candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host}.
   */
  public String toSdp() {
    StringBuilder b = new StringBuilder("candidate:").append(foundation).append(' ').append(component).append(' ')
        .append(address.protocol().value()).append(' ').append(priority).append(' ')
        .append(TransportAddress.literal(address.address())).append(' ').append(address.port())
        .append(" typ ").append(type.value());
    if (relatedAddress != null) {
      b.append(" raddr ").append(TransportAddress.literal(relatedAddress.address()))
          .append(" rport ").append(relatedAddress.port());
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return toSdp();
  }
}
