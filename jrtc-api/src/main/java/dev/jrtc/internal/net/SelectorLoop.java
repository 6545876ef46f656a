package dev.jrtc.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread blocked in a {@link Selector}: it reads every readable UDP socket registered
 * with it and hands the datagrams to their {@link UdpSocketDriver}. It never runs protocol code:
 * the socket's receiver re-dispatches to the owner's serial executor.
 */
final class SelectorLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.net");
  /** The largest UDP payload (65,535 - 8 byte UDP header - 20 byte IPv4 header). */
  static final int MAX_DATAGRAM = 65_507;
  /** Datagrams read from one socket per wake-up before moving to the next (fairness). */
  private static final int READS_PER_WAKEUP = 64;

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
    tasks.add(() -> {
      try {
        channel.register(selector, SelectionKey.OP_READ, owner);
      } catch (ClosedChannelException e) {
        // closed before the loop saw it: nothing to read
      }
    });
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
        task.run();
      }
      Iterator<SelectionKey> it = selector.selectedKeys().iterator();
      while (it.hasNext()) {
        SelectionKey key = it.next();
        it.remove();
        try {
          if (key.isValid() && key.isReadable()) {
            ((UdpSocketDriver) key.attachment()).readReady(buffer, READS_PER_WAKEUP);
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
