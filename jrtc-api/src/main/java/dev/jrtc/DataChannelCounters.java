package dev.jrtc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one data channel that webrtc-stats reports in its {@code data-channel} entry
 * (https://w3c.github.io/webrtc-stats/#dcstats-dict*): messages and payload bytes handed to the
 * transport and delivered to the application. Any thread.
 */
final class DataChannelCounters {
  private final AtomicLong messagesSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong messagesReceived = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();

  void sent(int bytes) {
    messagesSent.incrementAndGet();
    bytesSent.addAndGet(bytes);
  }

  void received(int bytes) {
    messagesReceived.incrementAndGet();
    bytesReceived.addAndGet(bytes);
  }

  long messagesSent() {
    return messagesSent.get();
  }

  long bytesSent() {
    return bytesSent.get();
  }

  long messagesReceived() {
    return messagesReceived.get();
  }

  long bytesReceived() {
    return bytesReceived.get();
  }
}
