package dev.jrtc;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A strand: runs tasks one at a time, in submission order, on a shared pool of daemon threads.
 * The default event executor of a connection ({@link RTCSettings#eventExecutor()} null), so that
 * 10,000 connections share a few threads (ARCHITECTURE.md "Runtime and threads").
 */
final class SerialExecutor implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.pc");

  /** The shared pool: bounded, daemon threads, so an application's JVM can exit. */
  private static final class Shared {
    static final ExecutorService POOL = Executors.newFixedThreadPool(
        Math.max(2, Runtime.getRuntime().availableProcessors()), new ThreadFactory() {
          private final AtomicInteger count = new AtomicInteger();

          @Override
          public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "jrtc-event-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
          }
        });
  }

  private final Executor pool;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  /** A strand over the shared daemon pool. */
  static SerialExecutor shared() {
    return new SerialExecutor(Shared.POOL);
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
    while (true) {
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
        LOG.error("task failed on the event strand", e);
      }
    }
  }
}
