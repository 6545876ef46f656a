package dev.jrtc.ice;

/** The transport protocol of a candidate, RFC 8445 §5.1.1 and RFC 8839 §5.1 ({@code UDP} / {@code TCP}). */
public enum Protocol {
  /** UDP. */
  UDP("udp"),
  /** TCP (RFC 6544). */
  TCP("tcp");

  private final String value;

  Protocol(String value) {
    this.value = value;
  }

  /** The SDP token, lower case. */
  public String value() {
    return value;
  }

  /** Parses the SDP token, case-insensitively (RFC 8839 §5.1). */
  public static Protocol fromValue(String s) {
    for (Protocol p : values()) {
      if (p.value.equalsIgnoreCase(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown transport: " + s);
  }
}
