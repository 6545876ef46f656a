package dev.jrtc.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread blocked in a {@link Selector}: it reads every readable UDP socket registered
 * with it and hands the datagrams to their {@link UdpSocketDriver}, and drives the TCP/TLS
 * connections to TURN servers ({@link TurnStreamConnection}). It never runs protocol code:
 * receivers re-dispatch to the owner's serial executor.
 */
final class SelectorLoop implements Runnable {
  /** A channel's owner, called on this loop's thread when its key is ready. */
  interface Handler {
    /** {@code key} is ready; {@code buffer} is the loop's scratch buffer, free to use until return. */
    void ready(SelectionKey key, ByteBuffer buffer);
  }

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.net");
  /** The largest UDP payload (65,535 - 8 byte UDP header - 20 byte IPv4 header). */
  static final int MAX_DATAGRAM = 65_507;
  /** Datagrams read from one socket per wake-up before moving to the next (fairness). */
  static final int READS_PER_WAKEUP = 64;

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM + 1);
  private volatile boolean closed;

  SelectorLoop(String name) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Registers {@code channel} for reading; its datagrams go to {@code owner}. */
  void register(DatagramChannel channel, UdpSocketDriver owner) {
    register(channel, SelectionKey.OP_READ, owner, k -> { });
  }

  /**
   * Registers {@code channel} for {@code ops} with {@code handler} on the loop thread, then
   * gives the key to {@code registered} there (not called if the channel closed first).
   */
  void register(SelectableChannel channel, int ops, Handler handler, Consumer<SelectionKey> registered) {
    execute(() -> {
      SelectionKey key;
      try {
        key = channel.register(selector, ops, handler);
      } catch (ClosedChannelException e) {
        return; // closed before the loop saw it
      }
      registered.accept(key);
    });
  }

  /** Runs {@code task} on the loop thread, soon (it must not block). */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /**
   * Flushes the keys of closed channels: a channel registered with a selector keeps its socket
   * (and port) until the selector deregisters it, so the future completes once that happened.
   */
  CompletableFuture<Void> flushClosed() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (closed) {
      f.complete(null);
      return f;
    }
    tasks.add(() -> {
      try {
        selector.selectNow(); // processes the cancelled-key set
      } catch (IOException e) {
        LOG.debug("selectNow failed", e);
      }
      f.complete(null);
    });
    selector.wakeup();
    return f;
  }

  /** True when called on this loop's thread. */
  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  @Override
  public void run() {
    while (!closed) {
      try {
        selector.select();
      } catch (IOException e) {
        LOG.error("selector failed; I/O thread {} stops", thread.getName(), e);
        return;
      }
      Runnable task;
      while ((task = tasks.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("task failed on {}", thread.getName(), e); // the shared thread must live on
        }
      }
      Iterator<SelectionKey> it = selector.selectedKeys().iterator();
      while (it.hasNext()) {
        SelectionKey key = it.next();
        it.remove();
        try {
          if (key.isValid()) {
            ((Handler) key.attachment()).ready(key, buffer);
          }
        } catch (CancelledKeyException e) {
          // closed concurrently
        } catch (RuntimeException e) {
          // A bug in a receiver must not stop the I/O thread shared by every connection.
          LOG.error("receiver failed on {}", thread.getName(), e);
        }
      }
    }
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run(); // complete pending flushes
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("selector close failed", e);
    }
  }

  /** Stops the thread; registered channels stay open (their owners close them). */
  void close() {
    closed = true;
    selector.wakeup();
  }

  Thread thread() {
    return thread;
  }
}
