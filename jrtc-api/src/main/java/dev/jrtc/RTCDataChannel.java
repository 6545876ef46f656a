package dev.jrtc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The W3C {@code RTCDataChannel} (https://w3c.github.io/webrtc-pc/#rtcdatachannel): a channel over
 * the connection's SCTP association (RFC 8831), opened with DCEP (RFC 8832) or negotiated by the
 * application. It opens when the association is up ({@code open} event); messages arrive as
 * {@link MessageEvent}s; {@link #bufferedAmount()} grows as soon as {@code send} returns and
 * shrinks, in a task on the event executor, as SCTP first transmits the bytes (not when the peer
 * acknowledges them), with {@code bufferedamountlow} at the threshold. Events are fired on the
 * connection's event executor.
 */
public final class RTCDataChannel extends EventTarget {

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.pc");

  private final RTCPeerConnection pc;
  /** webrtc-stats data-channel counters. */
  final DataChannelCounters counters = new DataChannelCounters();
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
  /**
   * webrtc-pc §6.2 [[BufferedAmount]]: increased in {@code send}, decreased by the tasks that the
   * transport's reports queue ({@link #bytesSent}); never reset when the channel closes.
   */
  private final AtomicLong bufferedAmount = new AtomicLong();
  /** Bytes the transport reported sent whose reduction task is queued and has not run yet. */
  private final AtomicLong sentNotCounted = new AtomicLong();
  /**
   * Messages whose bytes are not known yet ({@link #send(CompletionStage, long)}) and what was
   * asked after them, kept in call order until they can go to the transport. Guarded by itself.
   */
  private final ArrayDeque<Outgoing> waiting = new ArrayDeque<>();

  /** A message (or the close of the stream) waiting behind a message whose bytes are not known yet. */
  private record Outgoing(CompletableFuture<byte[]> data, long size, boolean binary, Runnable closeStream) {}

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
   * Bytes of application data queued by {@code send} and not yet transmitted to the network
   * (https://w3c.github.io/webrtc-pc/#dom-datachannel-bufferedamount): it increases in
   * {@code send}, before the method returns, and decreases in a task of the event executor once
   * SCTP sent the bytes for the first time, whether or not they are acknowledged yet. Within one
   * task of the event executor it changes only by that task's own {@code send} calls. An empty
   * message adds nothing (its one-byte SCTP body, RFC 8831 §6.6, is not application data).
   */
  public long bufferedAmount() {
    return bufferedAmount.get();
  }

  /** Adds bytes reported sent; true when no reduction task is pending for them (queue one). */
  boolean addSentNotCounted(long bytes) {
    return sentNotCounted.getAndAdd(bytes) == 0;
  }

  /** The bytes reported sent since the last reduction task, for the task that runs now. */
  long takeSentNotCounted() {
    return sentNotCounted.getAndSet(0);
  }

  /**
   * webrtc-pc §6.2: "When the underlying data transport sends data from its queue, the user agent
   * MUST queue a task that reduces [[BufferedAmount]] with the number of bytes that was sent";
   * {@code bufferedamountlow} fires when it went from above the threshold to at or below it. Runs
   * in that task, on the event executor.
   */
  void bytesSent(long bytes) {
    long before;
    long after;
    do {
      before = bufferedAmount.get();
      after = Math.max(0, before - bytes);
    } while (!bufferedAmount.compareAndSet(before, after));
    long threshold = bufferedAmountLowThreshold;
    if (before > threshold && after <= threshold) {
      dispatchEvent(new Event("bufferedamountlow"));
    }
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

  /**
   * Sends a binary message whose bytes are read later, in call order with the other sends: the
   * W3C {@code send(Blob)} (https://w3c.github.io/webrtc-pc/#dom-rtcdatachannel-send), where a
   * Blob's {@code size} is known at once and its bytes are read asynchronously. The checks and
   * the {@link #bufferedAmount()} increase by {@code size} happen now, as for the other sends;
   * messages sent after this one, and {@link #close()}, wait until {@code data} completes. A
   * {@code data} that fails, or completes with another length than {@code size}, is not sent:
   * it is logged and its {@code size} leaves the buffered amount in a task.
   */
  public void send(CompletionStage<byte[]> data, long size) {
    if (data == null) {
      throw new TypeException("data is required");
    }
    if (size < 0) {
      throw new TypeException("size is negative: " + size);
    }
    checkOpen();
    checkSize(size);
    bufferedAmount.addAndGet(size);
    CompletableFuture<byte[]> bytes = data.toCompletableFuture();
    synchronized (waiting) {
      waiting.add(new Outgoing(bytes, size, true, null));
    }
    bytes.whenComplete((b, e) -> forwardWaiting());
  }

  private void sendBytes(byte[] bytes, boolean binary) {
    checkOpen();
    checkSize(bytes.length);
    // webrtc-pc §6.2 send(): "increase the value of the [[BufferedAmount]] slot by the byte size of data".
    bufferedAmount.addAndGet(bytes.length);
    synchronized (waiting) {
      if (waiting.isEmpty()) {
        pc.binding().send(this, bytes, binary);
      } else {
        waiting.add(new Outgoing(CompletableFuture.completedFuture(bytes), bytes.length, binary, null));
      }
    }
  }

  /** webrtc-pc §6.2 send(): TypeError when over the SCTP transport's maxMessageSize. */
  private void checkSize(long size) {
    double max = pc.binding().maxMessageSize();
    if (size > max) {
      throw new TypeException("message of " + size + " bytes exceeds maxMessageSize " + (long) max);
    }
  }

  /**
   * Runs {@code closeStream} (the reset of the channel's stream) once every message sent before
   * it went to the transport: webrtc-pc §6.2 close() lets the messages already sent finish.
   */
  void afterWaitingSends(Runnable closeStream) {
    synchronized (waiting) {
      if (waiting.isEmpty()) {
        closeStream.run();
      } else {
        waiting.add(new Outgoing(null, 0, false, closeStream));
      }
    }
  }

  /** Hands the waiting messages whose bytes are known to the transport, in call order. */
  private void forwardWaiting() {
    synchronized (waiting) {
      Outgoing o;
      while ((o = waiting.peek()) != null && (o.data() == null || o.data().isDone())) {
        waiting.poll();
        if (o.data() == null) {
          o.closeStream().run();
          continue;
        }
        byte[] bytes = o.data().isCompletedExceptionally() ? null : o.data().join();
        if (bytes == null || bytes.length != o.size()) {
          LOG.warn("{}: a message of {} bytes on channel {} is not sent: its bytes {}", pc.id(), o.size(), id,
              bytes == null ? "could not be read" : "are " + bytes.length + " bytes");
          long size = o.size();
          pc.post(() -> {
            if (!pc.isClosed()) {
              bytesSent(size);
            }
          });
          continue;
        }
        pc.binding().send(this, bytes, o.binary());
      }
    }
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
