package dev.jrtc.datachannel;

/**
 * What a data channel is opened with (the protocol view of W3C RTCDataChannelInit, RFC 8831 §6.4).
 *
 * @param label the channel label
 * @param protocol the subprotocol
 * @param ordered in-order delivery
 * @param maxRetransmits retransmission limit, or -1
 * @param maxPacketLifeTime lifetime limit in milliseconds, or -1
 * @param priority DCEP priority (RFC 8832 §5.1; 256 is "normal")
 * @param negotiated opened out of band on both sides, no DCEP
 * @param id the stream id, or -1 to pick one by the DTLS role
 */
public record ChannelParameters(
    String label, String protocol, boolean ordered, int maxRetransmits, long maxPacketLifeTime,
    int priority, boolean negotiated, int id) {

  /** Checks what the protocol needs; the W3C checks (TypeError etc.) belong to the API layer. */
  public ChannelParameters {
    if (label == null || protocol == null) {
      throw new IllegalArgumentException("label and protocol must not be null");
    }
    if (maxRetransmits >= 0 && maxPacketLifeTime >= 0) {
      throw new IllegalArgumentException("maxRetransmits and maxPacketLifeTime are exclusive");
    }
    if (maxRetransmits < -1 || maxPacketLifeTime < -1 || priority < 0 || priority > 0xffff) {
      throw new IllegalArgumentException("limits out of range");
    }
    if (id < -1 || id > 65_534) {
      throw new IllegalArgumentException("id out of range 0..65534: " + id);
    }
    if (negotiated && id < 0) {
      throw new IllegalArgumentException("a negotiated channel needs an id");
    }
  }

  /** A reliable ordered DCEP channel with an automatic id. */
  public static ChannelParameters reliable(String label) {
    return new ChannelParameters(label, "", true, -1, -1, 256, false, -1);
  }
}
