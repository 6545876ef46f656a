package dev.jrtc;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A test event executor: tasks queue up and run only when the test drains them, on the test
 * thread, in FIFO order (Netty's EmbeddedEventLoop idea). No threads, no sleeps.
 */
final class ManualExecutor implements Executor {

  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private int executed;

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs one task; false when none is queued. */
  boolean runOne() {
    Runnable r = tasks.poll();
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
    return tasks.size();
  }

  int executed() {
    return executed;
  }

  /** Drains and returns the future's value; fails if it did not complete. */
  <T> T await(CompletableFuture<T> f) {
    drain();
    if (!f.isDone()) {
      throw new AssertionError("future did not complete after draining the executor");
    }
    return f.join();
  }

  /** Drains and returns the exception the future failed with; fails if it succeeded or is pending. */
  Throwable failure(CompletableFuture<?> f) {
    drain();
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
}
