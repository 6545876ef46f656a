package dev.jrtc.sdp;

/** The {@code a=setup} attribute (RFC 4145 §4, used for DTLS by RFC 5763 and RFC 8842). */
public enum Setup {
  ACTIVE("active"),
  PASSIVE("passive"),
  ACTPASS("actpass"),
  HOLDCONN("holdconn");

  private final String value;

  Setup(String value) {
    this.value = value;
  }

  /** The SDP token, e.g. {@code "actpass"}. */
  public String value() {
    return value;
  }

  /** Parses an attribute value; same as {@link #fromValue(String)}. */
  public static Setup parse(String value) {
    return fromValue(value);
  }

  /** The role for an SDP token (surrounding spaces ignored); throws {@link SdpParseException} otherwise. */
  public static Setup fromValue(String value) {
    String v = value == null ? "" : Tokens.trim(value);
    for (Setup s : values()) {
      if (s.value.equals(v)) {
        return s;
      }
    }
    throw SdpParseException.invalid(String.valueOf(value), "unknown setup role");
  }

  /** Same as {@link #value()}, the attribute value. */
  public String toValue() {
    return value;
  }
}
