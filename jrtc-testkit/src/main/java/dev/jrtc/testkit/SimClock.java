package dev.jrtc.testkit;

import dev.jrtc.common.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A virtual {@link Clock}: time moves only when the test (usually through a
 * {@link DeterministicScheduler}) moves it. Monotonic and wall time advance together.
 *
 * <p>Not thread-safe: meant for one test thread.
 */
public final class SimClock implements Clock {
  /** Monotonic origin: an arbitrary non-zero value so code never relies on time starting at 0. */
  static final long MONOTONIC_ORIGIN_NANOS = 1_000_000_000_000L;

  private final long wallOriginNanos;
  private long elapsedNanos;

  private SimClock(long wallOriginNanos) {
    this.wallOriginNanos = wallOriginNanos;
  }

  /** A clock whose wall time starts at {@code start}. */
  public static SimClock startingAt(Instant start) {
    return new SimClock(Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000_000L), start.getNano()));
  }

  /** A clock whose wall time starts at 2026-01-01T00:00:00Z. */
  public static SimClock create() {
    return startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public long monotonicNanos() {
    return MONOTONIC_ORIGIN_NANOS + elapsedNanos;
  }

  @Override
  public long wallMillis() {
    return Math.floorDiv(wallOriginNanos + elapsedNanos, 1_000_000L);
  }

  /** The current wall time with nanosecond precision. */
  public Instant instant() {
    long n = wallOriginNanos + elapsedNanos;
    return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
  }

  /** Virtual time elapsed since the clock was created. */
  public Duration elapsed() {
    return Duration.ofNanos(elapsedNanos);
  }

  /**
   * Moves monotonic time to {@code nanos}. Package-private: time moves through the scheduler, so
   * that no task is skipped.
   */
  void setMonotonicNanos(long nanos) {
    long e = nanos - MONOTONIC_ORIGIN_NANOS;
    if (e < elapsedNanos) {
      throw new IllegalArgumentException("time cannot go backwards: " + nanos + " < " + monotonicNanos());
    }
    elapsedNanos = e;
  }

  /** Wall time in microseconds since the epoch at monotonic time {@code nanos} (pcap timestamps). */
  long wallMicrosAt(long monotonicNanos) {
    return Math.floorDiv(wallOriginNanos + (monotonicNanos - MONOTONIC_ORIGIN_NANOS), 1_000L);
  }

  @Override
  public String toString() {
    return "SimClock[" + instant() + ", +" + elapsed() + "]";
  }
}
