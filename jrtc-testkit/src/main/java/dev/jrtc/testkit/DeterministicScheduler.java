package dev.jrtc.testkit;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * A single-threaded virtual-time scheduler over a {@link SimClock}: tasks wait in a priority
 * queue keyed by {@code (dueNanos, insertionSeq)}, so tasks due at the same instant run in the
 * order they were scheduled, on every run. Time moves only inside {@link #advance},
 * {@link #runUntil} and {@link #runNextTask()}, and it jumps straight to the next task: ten
 * virtual minutes cost what their tasks cost, nothing more.
 *
 * <p>Tasks run on the calling thread. An exception thrown by a task propagates to the caller of
 * the method that ran it (the test fails where the bug is); the task is not retried. Not
 * thread-safe: schedule only from the test thread or from tasks.
 */
public final class DeterministicScheduler {
  /** Tasks run at one instant before {@link #runPending()} and friends give up: a livelock guard. */
  static final int MAX_TASKS_PER_INSTANT = 1_000_000;

  /** A scheduled task; {@link #cancel()} keeps it from running. */
  public interface Task {
    /** Cancels the task if it has not run yet; idempotent. */
    void cancel();

    /** The monotonic time (as {@link SimClock#monotonicNanos()}) the task is due. */
    long dueNanos();
  }

  private final class Entry implements Task {
    final long due;
    final long seq;
    final Runnable runnable;
    boolean done;

    Entry(long due, long seq, Runnable runnable) {
      this.due = due;
      this.seq = seq;
      this.runnable = runnable;
    }

    @Override
    public void cancel() {
      if (!done) {
        done = true;
        live--;
      }
    }

    @Override
    public long dueNanos() {
      return due;
    }
  }

  private final SimClock clock;
  private final PriorityQueue<Entry> queue = new PriorityQueue<>(
      (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private final Executor executor = this::execute;
  private long seq;
  private int live;
  private long lastInstant = Long.MIN_VALUE;
  private int tasksAtInstant;
  private long tasksRun;

  private DeterministicScheduler(SimClock clock) {
    this.clock = clock;
  }

  /** A scheduler driving {@code clock}. */
  public static DeterministicScheduler create(SimClock clock) {
    if (clock == null) {
      throw new IllegalArgumentException("clock is required");
    }
    return new DeterministicScheduler(clock);
  }

  /** The clock this scheduler moves. */
  public SimClock clock() {
    return clock;
  }

  /** Shorthand for {@code clock().monotonicNanos()}. */
  public long nowNanos() {
    return clock.monotonicNanos();
  }

  /** Runs {@code task} after {@code delay} of virtual time (zero or negative: at the current instant). */
  public Task schedule(Duration delay, Runnable task) {
    long d = delay.isNegative() ? 0 : saturatedNanos(delay);
    long now = clock.monotonicNanos();
    return scheduleAt(now + Math.min(d, Long.MAX_VALUE - now), task);
  }

  /** Runs {@code task} at monotonic time {@code dueNanos} (a past time means the current instant). */
  public Task scheduleAt(long dueNanos, Runnable task) {
    if (task == null) {
      throw new IllegalArgumentException("task is required");
    }
    Entry e = new Entry(Math.max(dueNanos, clock.monotonicNanos()), seq++, task);
    queue.add(e);
    live++;
    return e;
  }

  /** An {@link Executor} view: {@code execute(r)} schedules {@code r} at the current instant. */
  public Executor executor() {
    return executor;
  }

  private void execute(Runnable r) {
    scheduleAt(clock.monotonicNanos(), r);
  }

  /** Tasks scheduled and neither run nor cancelled. */
  public int pendingTasks() {
    return live;
  }

  /** Tasks run since creation. */
  public long tasksRun() {
    return tasksRun;
  }

  /** The due time of the next live task, or {@code Long.MAX_VALUE} when none is queued. */
  public long nextDueNanos() {
    Entry e = peekLive();
    return e == null ? Long.MAX_VALUE : e.due;
  }

  /** Runs every task due now, including the ones those tasks schedule for now; returns how many ran. */
  public int runPending() {
    return runThrough(clock.monotonicNanos());
  }

  /**
   * Moves virtual time forward by {@code duration}, running every task due on the way at its due
   * time, then leaves the clock at the end of the interval. Returns how many tasks ran.
   */
  public int advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    long now = clock.monotonicNanos();
    long target = now + Math.min(saturatedNanos(duration), Long.MAX_VALUE - now);
    int n = runThrough(target);
    clock.setMonotonicNanos(target);
    return n;
  }

  /**
   * Runs tasks in order until {@code condition} holds, for at most {@code virtualLimit} of
   * virtual time. The condition is checked before the first task and after each one.
   *
   * @return true when the condition held; false when the limit passed (the clock is then at the
   *     limit) or no task was left that could make it true (the clock is then moved to the limit
   *     as well, as waiting would have)
   */
  public boolean runUntil(BooleanSupplier condition, Duration virtualLimit) {
    long now = clock.monotonicNanos();
    long deadline = now + Math.min(saturatedNanos(virtualLimit), Long.MAX_VALUE - now);
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Entry e = peekLive();
      if (e == null || e.due > deadline) {
        clock.setMonotonicNanos(deadline);
        return condition.getAsBoolean();
      }
      runOne();
    }
  }

  /** Runs the next task, moving the clock to its due time; false when no task is queued. */
  public boolean runNextTask() {
    if (peekLive() == null) {
      return false;
    }
    runOne();
    return true;
  }

  private int runThrough(long target) {
    int n = 0;
    while (true) {
      Entry e = peekLive();
      if (e == null || e.due > target) {
        return n;
      }
      runOne();
      n++;
    }
  }

  private void runOne() {
    Entry e = queue.poll();
    e.done = true;
    live--;
    if (e.due > clock.monotonicNanos()) {
      clock.setMonotonicNanos(e.due);
    }
    long now = clock.monotonicNanos();
    if (now != lastInstant) {
      lastInstant = now;
      tasksAtInstant = 0;
    }
    if (++tasksAtInstant > MAX_TASKS_PER_INSTANT) {
      throw new IllegalStateException("more than " + MAX_TASKS_PER_INSTANT
          + " tasks at one virtual instant: a task keeps rescheduling itself without delay");
    }
    tasksRun++;
    e.runnable.run();
  }

  private Entry peekLive() {
    Entry e;
    while ((e = queue.peek()) != null && e.done) {
      queue.poll();
    }
    return e;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
