package dev.jrtc.sdp;

/** The media direction attributes of RFC 8866 §6.7 ({@code a=sendrecv} and friends). */
public enum Direction {
  SENDRECV("sendrecv"),
  SENDONLY("sendonly"),
  RECVONLY("recvonly"),
  INACTIVE("inactive");

  private final String value;

  Direction(String value) {
    this.value = value;
  }

  /** The SDP token, e.g. {@code "sendrecv"}. */
  public String value() {
    return value;
  }

  /** The direction for an SDP token; throws {@link SdpParseException} for any other token. */
  public static Direction fromValue(String value) {
    Direction d = find(value);
    if (d == null) {
      throw SdpParseException.invalid(String.valueOf(value), "unknown direction");
    }
    return d;
  }

  /** Parses the name of a direction attribute; same as {@link #fromValue(String)}. */
  public static Direction parse(String value) {
    return fromValue(value);
  }

  /** Same as {@link #value()}: the flag attribute name. */
  public String toValue() {
    return value;
  }

  /** The direction for an SDP token, or null. */
  static Direction find(String value) {
    for (Direction d : values()) {
      if (d.value.equals(value)) {
        return d;
      }
    }
    return null;
  }
}
