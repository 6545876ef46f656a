package dev.jrtc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The W3C {@code RTCDataChannel} (https://w3c.github.io/webrtc-pc/#rtcdatachannel): a channel over
 * the connection's SCTP association (RFC 8831), opened with DCEP (RFC 8832) or negotiated by the
 * application. It opens when the association is up ({@code open} event); messages arrive as
 * {@link MessageEvent}s; {@link #bufferedAmount()} grows as soon as {@code send} returns and
 * shrinks as the peer acknowledges, with {@code bufferedamountlow} at the threshold. Events are
 * fired on the connection's event executor.
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
  /** Bytes given to {@code send} and not yet handed to SCTP (the transport counts the rest). */
  private final AtomicLong queued = new AtomicLong();
  private final Object bufferLock = new Object();

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

  /**
   * Bytes of application data queued by {@code send} and not yet acknowledged by the peer
   * (webrtc-pc §6.2 {@code bufferedAmount}: it increases in {@code send}, before the method returns).
   */
  public long bufferedAmount() {
    Integer i = id;
    TransportBinding b = pc.binding();
    synchronized (bufferLock) {
      return queued.get() + (i == null ? 0 : b.bufferedAmount(i));
    }
  }

  /** Held while bytes move from {@code queued} to the transport's count (see TransportBinding.send). */
  Object bufferLock() {
    return bufferLock;
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
    pc.binding().setBufferedAmountLowThreshold(this, threshold);
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
   * Sends a text message (https://w3c.github.io/webrtc-pc/#dom-rtcdatachannel-send) as UTF-8
   * (WebRTC String PPID): InvalidStateError unless the channel is open, TypeError when longer
   * than the SCTP transport's {@code maxMessageSize}.
   */
  public void send(String data) {
    if (data == null) {
      throw new TypeException("data is required");
    }
    sendBytes(data.getBytes(StandardCharsets.UTF_8), false);
  }

  /** Sends a binary message (WebRTC Binary PPID); the array is copied. */
  public void send(byte[] data) {
    if (data == null) {
      throw new TypeException("data is required");
    }
    sendBytes(data.clone(), true);
  }

  /** Sends the remaining bytes of {@code data} as a binary message; its position is not moved. */
  public void send(ByteBuffer data) {
    if (data == null) {
      throw new TypeException("data is required");
    }
    ByteBuffer d = data.duplicate();
    byte[] bytes = new byte[d.remaining()];
    d.get(bytes);
    sendBytes(bytes, true);
  }

  private void sendBytes(byte[] bytes, boolean binary) {
    checkOpen();
    TransportBinding b = pc.binding();
    // webrtc-pc §6.2 send() step 3: TypeError when over the SCTP transport's maxMessageSize.
    if (bytes.length > b.maxMessageSize()) {
      throw new TypeException("message of " + bytes.length + " bytes exceeds maxMessageSize "
          + (long) b.maxMessageSize());
    }
    long n = bytes.length;
    queued.addAndGet(n);
    b.send(this, bytes, binary, () -> queued.addAndGet(-n));
  }

  private void checkOpen() {
    if (readyState != RTCDataChannelState.OPEN) {
      throw new InvalidStateException("RTCDataChannel.readyState is '" + readyState.value() + "', not 'open'");
    }
  }

  /**
   * Closes the channel (https://w3c.github.io/webrtc-pc/#dom-rtcdatachannel-close): {@code closing}
   * now; its SCTP stream is reset (RFC 8831 §6.7) and {@code closed} with a {@code close} event
   * follows when the peer reset its own (at once for a channel that never opened).
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
  public void onMessage(EventListener<MessageEvent> handler) {
    setEventHandler("message", handler);
  }

  /** The {@code onmessage} handler. */
  public EventListener<MessageEvent> onMessage() {
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
