package dev.jrtc.interop;

import dev.jrtc.MessageEvent;
import dev.jrtc.RTCDataChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A jrtc {@link RTCDataChannel} watched for an interop test: its events in order ({@code open},
 * {@code closing}, {@code close}, {@code error}), its messages (text as {@code String}, binary as
 * {@code byte[]}) in a queue, and futures for open and close. Handlers are set at once, on the
 * thread that got the channel, so no event is missed.
 */
final class JrtcChannel {

  private final RTCDataChannel channel;
  private final List<String> events = new ArrayList<>();
  private final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final Semaphore bufferedAmountLow = new Semaphore(0);
  private volatile Consumer<byte[]> binarySink;

  JrtcChannel(RTCDataChannel channel) {
    this.channel = channel;
    channel.onOpen(e -> {
      event("open");
      opened.complete(null);
    });
    channel.onClosing(e -> event("closing"));
    channel.onClose(e -> {
      event("close");
      closed.complete(null);
    });
    channel.onError(e -> event("error " + e.error().getMessage()));
    channel.onBufferedAmountLow(e -> bufferedAmountLow.release());
    channel.onMessage(this::message);
  }

  private void message(MessageEvent e) {
    if (e.isText()) {
      messages.add(e.text());
      return;
    }
    byte[] bytes = e.bytes();
    Consumer<byte[]> sink = binarySink;
    if (sink != null) {
      sink.accept(bytes);
    } else {
      messages.add(bytes);
    }
  }

  private void event(String name) {
    synchronized (events) {
      events.add(name);
    }
  }

  RTCDataChannel channel() {
    return channel;
  }

  String label() {
    return channel.label();
  }

  /** The events seen so far, oldest first. */
  List<String> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Binary messages go to {@code sink} (on the event thread) instead of the queue. */
  void sinkBinary(Consumer<byte[]> sink) {
    this.binarySink = sink;
  }

  void awaitOpen(Duration timeout) {
    await(opened, timeout, "open");
  }

  void awaitClose(Duration timeout) {
    await(closed, timeout, "close");
  }

  private void await(CompletableFuture<Void> f, Duration timeout, String what) {
    try {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("jrtc channel '" + label() + "': no " + what + " event within " + timeout
          + "; readyState " + channel.readyState().value() + ", events " + events());
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next message (String or byte[]), failing after {@code timeout}. */
  Object next(Duration timeout) {
    try {
      Object m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError("jrtc channel '" + label() + "': no message within " + timeout
            + "; readyState " + channel.readyState().value() + ", events " + events());
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next message, which must be text. */
  String nextText(Duration timeout) {
    Object m = next(timeout);
    if (m instanceof byte[] b) {
      throw new AssertionError("jrtc channel '" + label() + "': expected a text message, got binary "
          + b.length + " bytes: " + new String(b, StandardCharsets.UTF_8));
    }
    return (String) m;
  }

  /** The next message, which must be binary. */
  byte[] nextBinary(Duration timeout) {
    Object m = next(timeout);
    if (m instanceof String s) {
      throw new AssertionError("jrtc channel '" + label() + "': expected a binary message, got text '" + s + "'");
    }
    return (byte[]) m;
  }

  /**
   * Sends {@code data} as binary, first waiting (on {@code bufferedamountlow}, checked again every
   * 100 ms) while more than {@code highWater} bytes are buffered, so a bulk transfer never
   * overruns the send buffer.
   */
  void sendPaced(byte[] data, long highWater, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (channel.bufferedAmountLowThreshold() == 0) {
      channel.setBufferedAmountLowThreshold(highWater / 2);
    }
    try {
      while (channel.bufferedAmount() > highWater) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("jrtc channel '" + label() + "': bufferedAmount stuck at "
              + channel.bufferedAmount() + " for " + timeout + "; events " + events());
        }
        bufferedAmountLow.tryAcquire(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    channel.send(data);
  }

  @Override
  public String toString() {
    return "'" + label() + "' id " + channel.id() + " " + channel.readyState().value() + " events " + events()
        + " bufferedAmount " + channel.bufferedAmount();
  }
}
