package dev.jrtc;

/**
 * The W3C {@code RTCDataChannel} (https://w3c.github.io/webrtc-pc/#rtcdatachannel). This version
 * implements the object and its signaling role (the first channel adds the data m-section);
 * SCTP and DCEP do not run yet, so a channel stays {@code connecting} until it is closed and
 * {@link #send(String)} throws InvalidStateError as the spec says for a channel that is not open.
 */
public final class RTCDataChannel extends EventTarget {

  private final RTCPeerConnection pc;
  private final String label;
  private final boolean ordered;
  private final Integer maxPacketLifeTime;
  private final Integer maxRetransmits;
  private final String protocol;
  private final boolean negotiated;
  private volatile Integer id;
  private volatile RTCDataChannelState readyState = RTCDataChannelState.CONNECTING;
  private volatile long bufferedAmountLowThreshold;
  private volatile BinaryType binaryType = BinaryType.ARRAYBUFFER;

  RTCDataChannel(RTCPeerConnection pc, String label, RTCDataChannelInit init) {
    this.pc = pc;
    this.label = label;
    this.ordered = init.ordered();
    this.maxPacketLifeTime = init.maxPacketLifeTime();
    this.maxRetransmits = init.maxRetransmits();
    this.protocol = init.protocol();
    this.negotiated = init.negotiated();
    this.id = init.id();
  }

  /** The label. */
  public String label() {
    return label;
  }

  /** Whether messages are delivered in order. */
  public boolean ordered() {
    return ordered;
  }

  /** The partial-reliability lifetime in ms, or null. */
  public Integer maxPacketLifeTime() {
    return maxPacketLifeTime;
  }

  /** The partial-reliability retransmission limit, or null. */
  public Integer maxRetransmits() {
    return maxRetransmits;
  }

  /** The subprotocol. */
  public String protocol() {
    return protocol;
  }

  /** Whether the channel was negotiated by the application. */
  public boolean negotiated() {
    return negotiated;
  }

  /** The SCTP stream id, or null until the DTLS role is known. */
  public Integer id() {
    return id;
  }

  void assignId(int id) {
    this.id = id;
  }

  /** The state. */
  public RTCDataChannelState readyState() {
    return readyState;
  }

  void setReadyState(RTCDataChannelState state) {
    this.readyState = state;
  }

  /** Bytes queued for sending: always 0 here, since nothing can be queued before open. */
  public long bufferedAmount() {
    return 0;
  }

  /** The threshold under which {@code bufferedamountlow} fires. */
  public long bufferedAmountLowThreshold() {
    return bufferedAmountLowThreshold;
  }

  /** Sets the {@code bufferedamountlow} threshold ({@code unsigned long}: 0..2^32-1). */
  public void setBufferedAmountLowThreshold(long threshold) {
    if (threshold < 0 || threshold > 0xffffffffL) {
      throw new TypeException("bufferedAmountLowThreshold " + threshold + " is outside 0..2^32-1");
    }
    this.bufferedAmountLowThreshold = threshold;
  }

  /** How binary messages are exposed ({@code arraybuffer} by default). */
  public BinaryType binaryType() {
    return binaryType;
  }

  /** Sets how binary messages are exposed. */
  public void setBinaryType(BinaryType binaryType) {
    if (binaryType == null) {
      throw new TypeException("binaryType is required");
    }
    this.binaryType = binaryType;
  }

  /**
   * Sends a text message (https://w3c.github.io/webrtc-pc/#dom-rtcdatachannel-send): InvalidStateError
   * unless the channel is open. Channels do not open in this version.
   */
  public void send(String data) {
    checkOpen();
  }

  /** Sends a binary message; InvalidStateError unless the channel is open. */
  public void send(byte[] data) {
    checkOpen();
  }

  private void checkOpen() {
    if (readyState != RTCDataChannelState.OPEN) {
      throw new InvalidStateException("RTCDataChannel.readyState is '" + readyState.value() + "', not 'open'");
    }
  }

  /**
   * Closes the channel (https://w3c.github.io/webrtc-pc/#dom-rtcdatachannel-close): {@code closing}
   * now, then {@code closed} with a {@code close} event in a later task of the connection.
   */
  public void close() {
    pc.closeDataChannel(this);
  }

  /** Sets {@code onopen}. */
  public void onOpen(EventListener<Event> handler) {
    setEventHandler("open", handler);
  }

  /** The {@code onopen} handler. */
  public EventListener<Event> onOpen() {
    return eventHandler("open");
  }

  /** Sets {@code onbufferedamountlow}. */
  public void onBufferedAmountLow(EventListener<Event> handler) {
    setEventHandler("bufferedamountlow", handler);
  }

  /** The {@code onbufferedamountlow} handler. */
  public EventListener<Event> onBufferedAmountLow() {
    return eventHandler("bufferedamountlow");
  }

  /** Sets {@code onerror}. */
  public void onError(EventListener<RTCErrorEvent> handler) {
    setEventHandler("error", handler);
  }

  /** The {@code onerror} handler. */
  public EventListener<RTCErrorEvent> onError() {
    return eventHandler("error");
  }

  /** Sets {@code onclosing}. */
  public void onClosing(EventListener<Event> handler) {
    setEventHandler("closing", handler);
  }

  /** The {@code onclosing} handler. */
  public EventListener<Event> onClosing() {
    return eventHandler("closing");
  }

  /** Sets {@code onclose}. */
  public void onClose(EventListener<Event> handler) {
    setEventHandler("close", handler);
  }

  /** The {@code onclose} handler. */
  public EventListener<Event> onClose() {
    return eventHandler("close");
  }

  /** Sets {@code onmessage}. */
  public void onMessage(EventListener<Event> handler) {
    setEventHandler("message", handler);
  }

  /** The {@code onmessage} handler. */
  public EventListener<Event> onMessage() {
    return eventHandler("message");
  }

  @Override
  double eventTimeStamp() {
    return pc.eventTimeStamp();
  }

  @Override
  public String toString() {
    return "RTCDataChannel[" + label + ", id " + id + ", " + readyState.value() + "]";
  }
}
