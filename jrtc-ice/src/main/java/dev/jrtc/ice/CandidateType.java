package dev.jrtc.ice;

/**
 * Candidate types, RFC 8445 §5.1.1, with the recommended type preferences of §5.1.2.2
 * (host 126, peer-reflexive 110, server-reflexive 100, relayed 0).
 */
public enum CandidateType {
  /** A host candidate: an address on a local interface. */
  HOST("host", 126),
  /** A server-reflexive candidate: a NAT mapping learned from a STUN server. */
  SERVER_REFLEXIVE("srflx", 100),
  /** A peer-reflexive candidate: learned from a connectivity check. */
  PEER_REFLEXIVE("prflx", 110),
  /** A relayed candidate: an address allocated on a TURN server. */
  RELAYED("relay", 0);

  private final String value;
  private final int typePreference;

  CandidateType(String value, int typePreference) {
    this.value = value;
    this.typePreference = typePreference;
  }

  /** The SDP token ({@code host}, {@code srflx}, {@code prflx}, {@code relay}). */
  public String value() {
    return value;
  }

  /** The type preference, 0..126. */
  public int typePreference() {
    return typePreference;
  }

  /** Parses the SDP token. */
  public static CandidateType fromValue(String s) {
    for (CandidateType t : values()) {
      if (t.value.equals(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown candidate type: " + s);
  }
}
