package dev.jrtc.internal.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's shared network threads: a few NIO selector threads that read every UDP socket of
 * every connection, and one timer thread. Internal, not API.
 *
 * <p>Threads stay bounded as connections grow (ARCHITECTURE.md "Runtime and threads"): the
 * {@link #shared()} instance has one selector thread and one timer thread, all daemon and named
 * {@code jrtc-io-N} / {@code jrtc-timer}. Neither runs protocol code: a datagram or a timer
 * only enqueues a task on the owning connection's serial executor.
 */
public final class IoThreads implements AutoCloseable {
  private static final Object SHARED_LOCK = new Object();
  private static IoThreads shared;

  private final List<SelectorLoop> loops = new ArrayList<>();
  private final ScheduledThreadPoolExecutor scheduler;
  private final AtomicInteger next = new AtomicInteger();

  private IoThreads(String name, int selectorThreads) {
    if (selectorThreads < 1 || selectorThreads > 64) {
      throw new IllegalArgumentException("selector threads must be 1..64: " + selectorThreads);
    }
    for (int i = 0; i < selectorThreads; i++) {
      loops.add(new SelectorLoop(name + "-io-" + i));
    }
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = Executors.defaultThreadFactory().newThread(r);
      t.setName(name + "-timer");
      t.setDaemon(true);
      return t;
    });
    // Timers are re-armed after every input: cancelled ones must not pile up in the queue.
    s.setRemoveOnCancelPolicy(true);
    this.scheduler = s;
  }

  /** The JVM-wide instance (one selector thread, one timer thread), created on first use. */
  public static IoThreads shared() {
    synchronized (SHARED_LOCK) {
      if (shared == null) {
        shared = new IoThreads("jrtc", 1);
      }
      return shared;
    }
  }

  /** A separate instance (tests, or servers that want more selector threads). */
  public static IoThreads create(String name, int selectorThreads) {
    return new IoThreads(name, selectorThreads);
  }

  /** The shared timer: its tasks must only enqueue work on a connection's executor. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** The selector loop for a new socket (round robin). */
  SelectorLoop nextLoop() {
    return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
  }

  /** How many threads this instance runs. */
  public int threadCount() {
    return loops.size() + 1;
  }

  /** Stops the threads of an instance made with {@link #create}; the shared one cannot be closed. */
  @Override
  public void close() {
    synchronized (SHARED_LOCK) {
      if (this == shared) {
        throw new IllegalStateException("the shared IoThreads cannot be closed");
      }
    }
    for (SelectorLoop l : loops) {
      l.close();
    }
    scheduler.shutdownNow();
  }

  /** Waits for the threads to end after {@link #close()} (tests check for leaks with it). */
  boolean awaitTermination(long millis) throws InterruptedException {
    long deadline = TimeUnit.MILLISECONDS.toNanos(millis);
    boolean ok = scheduler.awaitTermination(millis, TimeUnit.MILLISECONDS);
    for (SelectorLoop l : loops) {
      l.thread().join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline)));
      ok &= !l.thread().isAlive();
    }
    return ok;
  }
}
