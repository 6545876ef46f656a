package dev.jrtc;

/**
 * The W3C {@code RTCDataChannelInit} dictionary (https://w3c.github.io/webrtc-pc/#dom-rtcdatachannelinit).
 * Absent optional members are null. The consistency checks (both limits given, negotiated
 * without id, id range) are made by {@link RTCPeerConnection#createDataChannel}, as the spec says.
 *
 * @param ordered whether delivery is ordered (default true)
 * @param maxPacketLifeTime the partial-reliability lifetime in ms ({@code [EnforceRange] unsigned short}), or null
 * @param maxRetransmits the partial-reliability retransmission limit ({@code [EnforceRange] unsigned short}), or null
 * @param protocol the subprotocol (default {@code ""})
 * @param negotiated whether the application negotiates the channel out of band (default false)
 * @param id the SCTP stream id ({@code [EnforceRange] unsigned short}), or null
 */
public record RTCDataChannelInit(boolean ordered, Integer maxPacketLifeTime, Integer maxRetransmits,
    String protocol, boolean negotiated, Integer id) {

  /** Applies the defaults and checks the WebIDL {@code unsigned short} ranges (TypeError). */
  public RTCDataChannelInit {
    protocol = protocol == null ? "" : protocol;
    checkUnsignedShort("maxPacketLifeTime", maxPacketLifeTime);
    checkUnsignedShort("maxRetransmits", maxRetransmits);
    checkUnsignedShort("id", id);
  }

  private static void checkUnsignedShort(String name, Integer value) {
    if (value != null && (value < 0 || value > 65535)) {
      throw new TypeException(name + " " + value + " is outside the unsigned short range 0..65535");
    }
  }

  /** The defaults: ordered, reliable, in-band negotiated. */
  public static RTCDataChannelInit defaults() {
    return builder().build();
  }

  /** A new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link RTCDataChannelInit}. */
  public static final class Builder {
    private boolean ordered = true;
    private Integer maxPacketLifeTime;
    private Integer maxRetransmits;
    private String protocol = "";
    private boolean negotiated;
    private Integer id;

    private Builder() {}

    /** Sets {@code ordered}. */
    public Builder ordered(boolean ordered) {
      this.ordered = ordered;
      return this;
    }

    /** Sets {@code maxPacketLifeTime} (ms). */
    public Builder maxPacketLifeTime(Integer ms) {
      this.maxPacketLifeTime = ms;
      return this;
    }

    /** Sets {@code maxRetransmits}. */
    public Builder maxRetransmits(Integer count) {
      this.maxRetransmits = count;
      return this;
    }

    /** Sets {@code protocol}. */
    public Builder protocol(String protocol) {
      this.protocol = protocol;
      return this;
    }

    /** Sets {@code negotiated}. */
    public Builder negotiated(boolean negotiated) {
      this.negotiated = negotiated;
      return this;
    }

    /** Sets {@code id}. */
    public Builder id(Integer id) {
      this.id = id;
      return this;
    }

    /** The init. */
    public RTCDataChannelInit build() {
      return new RTCDataChannelInit(ordered, maxPacketLifeTime, maxRetransmits, protocol, negotiated, id);
    }
  }
}
