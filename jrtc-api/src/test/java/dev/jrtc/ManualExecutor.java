package dev.jrtc;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A test event executor: tasks queue up and run only when the test drains them, on the test
 * thread, in FIFO order (Netty's EmbeddedEventLoop idea). The transport's loop (real sockets)
 * may queue tasks from its own threads, so the queue is thread-safe and {@link #await} also waits
 * for a future that another thread completes (bounded by a deadline, never a timing assertion).
 */
final class ManualExecutor implements Executor {

  private static final long WAIT_SECONDS = 10;

  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private int executed;

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      tasks.notifyAll();
    }
  }

  /** Runs one task; false when none is queued. */
  boolean runOne() {
    Runnable r;
    synchronized (tasks) {
      r = tasks.poll();
    }
    if (r == null) {
      return false;
    }
    executed++;
    r.run();
    return true;
  }

  /** Runs tasks until the queue is empty (tasks queued meanwhile run too). */
  void drain() {
    int guard = 0;
    while (runOne()) {
      if (++guard > 100_000) {
        throw new AssertionError("task queue does not drain");
      }
    }
  }

  int pending() {
    synchronized (tasks) {
      return tasks.size();
    }
  }

  int executed() {
    return executed;
  }

  /**
   * Drains until {@code f} is done: tasks run on this thread; a future completed by the transport
   * loop is waited for (up to a generous deadline that only turns a hang into a failure).
   */
  private void settle(CompletableFuture<?> f) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    f.whenComplete((v, e) -> {
      synchronized (tasks) {
        tasks.notifyAll();
      }
    });
    while (true) {
      drain();
      if (f.isDone()) {
        return;
      }
      synchronized (tasks) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        if (tasks.isEmpty() && !f.isDone()) {
          try {
            TimeUnit.NANOSECONDS.timedWait(tasks, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** Drains and returns the future's value; fails if it did not complete. */
  <T> T await(CompletableFuture<T> f) {
    settle(f);
    if (!f.isDone()) {
      throw new AssertionError("future did not complete after draining the executor");
    }
    return f.join();
  }

  /** Drains and returns the exception the future failed with; fails if it succeeded or is pending. */
  Throwable failure(CompletableFuture<?> f) {
    settle(f);
    if (!f.isDone()) {
      throw new AssertionError("future did not complete after draining the executor");
    }
    if (!f.isCompletedExceptionally()) {
      throw new AssertionError("future succeeded: " + f.join());
    }
    try {
      f.join();
      throw new AssertionError("unreachable");
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause();
    }
  }

  /**
   * Drains until {@code pc}'s gathering is complete (with no network it completes at once, but
   * its events come from the transport's loop): afterwards no transport task arrives unbidden.
   */
  void awaitGatheringComplete(RTCPeerConnection pc) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
      done.complete(null);
    }
    pc.addEventListener("icegatheringstatechange", e -> {
      if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
        done.complete(null);
      }
    });
    await(done);
    // the null candidate follows in the same task; nothing else is queued by gathering
  }
}
