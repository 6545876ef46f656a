package dev.jrtc.bench;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A serial executor (a strand) over a small shared pool: the per-connection executor the ICE
 * driver asks for, without a thread per agent, as {@code RTCPeerConnection}'s default event
 * executor does (ARCHITECTURE.md "Runtime and threads"). Tasks run one at a time, in order.
 */
final class IceStrand implements Executor {

  /** The pool every strand of the bench shares: as many daemon threads as cores (at least 2). */
  static final class Pool {
    static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, new java.util.concurrent.ThreadFactory() {
      private final AtomicInteger count = new AtomicInteger();

      @Override
      public Thread newThread(Runnable r) {
        Thread t = new Thread(r, "ice-bench-strand-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      }
    });

    private Pool() {}
  }

  private final Executor pool;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  private IceStrand(Executor pool) {
    this.pool = pool;
  }

  /** A strand over the shared pool. */
  static IceStrand shared() {
    return new IceStrand(Pool.POOL);
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    pool.execute(this::drain);
  }

  private void drain() {
    // Bounded batches so that one busy agent cannot starve the others on the shared pool.
    for (int i = 0; i < 256; i++) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        // The driver catches its own failures; anything here is a bench bug, not a reason to stop.
        e.printStackTrace();
      }
    }
    pool.execute(this::drain);
  }
}
