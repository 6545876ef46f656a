package dev.jrtc.common;

/**
 * Time as the runtime sees it. Protocol cores never hold a clock: the driver reads this one
 * and passes {@code nowNanos} into them. Tests hand in a virtual clock.
 */
public interface Clock {

  /** Monotonic time in nanoseconds from an arbitrary origin, like {@link System#nanoTime()}. */
  long monotonicNanos();

  /** Wall-clock time in milliseconds since the Unix epoch (stats timestamps, RTCP NTP, certificate expiry). */
  long wallMillis();

  /** The system clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
