package dev.jrtc;

/**
 * The W3C {@code RTCSctpTransport} (https://w3c.github.io/webrtc-pc/#rtcsctptransport-interface):
 * the SCTP association (RFC 8261) carrying the data channels, over the {@link RTCDtlsTransport}.
 */
public final class RTCSctpTransport extends EventTarget {

  private final RTCPeerConnection pc;
  private final RTCDtlsTransport transport;
  private volatile RTCSctpTransportState state = RTCSctpTransportState.CONNECTING;
  private volatile double maxMessageSize;
  private volatile Integer maxChannels;

  RTCSctpTransport(RTCPeerConnection pc, RTCDtlsTransport transport, double maxMessageSize) {
    this.pc = pc;
    this.transport = transport;
    this.maxMessageSize = maxMessageSize;
  }

  /** The DTLS transport carrying the association. */
  public RTCDtlsTransport transport() {
    return transport;
  }

  /** The state. */
  public RTCSctpTransportState state() {
    return state;
  }

  /**
   * The largest message {@link RTCDataChannel#send(String)} accepts: the smaller of ours and the
   * peer's {@code a=max-message-size} (RFC 8841 §6; {@code Infinity} when both allow any size).
   */
  public double maxMessageSize() {
    return maxMessageSize;
  }

  /** The number of usable streams once connected, else null. */
  public Integer maxChannels() {
    return maxChannels;
  }

  /** Sets {@code onstatechange}. */
  public void onStateChange(EventListener<Event> handler) {
    setEventHandler("statechange", handler);
  }

  /** The {@code onstatechange} handler. */
  public EventListener<Event> onStateChange() {
    return eventHandler("statechange");
  }

  /** Sets the state; true when it changed (closed is final). */
  boolean setState(RTCSctpTransportState next) {
    if (state == next || state == RTCSctpTransportState.CLOSED) {
      return false;
    }
    state = next;
    return true;
  }

  void setMaxMessageSize(double size) {
    this.maxMessageSize = size;
  }

  void setMaxChannels(Integer channels) {
    this.maxChannels = channels;
  }

  @Override
  double eventTimeStamp() {
    return pc.eventTimeStamp();
  }

  @Override
  public String toString() {
    return "RTCSctpTransport[" + state.value() + "]";
  }
}
