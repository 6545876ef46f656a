package dev.jrtc;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import java.util.concurrent.Executor;

/**
 * The non-W3C knobs of an {@link RTCPeerConnection}, passed next to its {@link RTCConfiguration}
 * (which stays exactly W3C-shaped). Later issues add groups per protocol (ICE, DTLS, SCTP, network).
 *
 * <p>{@link Builder#eventExecutor(Executor)} is where the connection runs the W3C "queue a task"
 * steps: state updates, events and the completion of its futures. It must run tasks one at a
 * time in submission order (a UI thread, an event loop, a test's direct or recording executor).
 * Without one, each connection gets its own serial strand over a shared daemon thread pool.
 */
public final class RTCSettings {

  private final Executor eventExecutor;
  private final Clock clock;
  private final Entropy entropy;

  private RTCSettings(Builder b) {
    this.eventExecutor = b.eventExecutor;
    this.clock = b.clock;
    this.entropy = b.entropy;
  }

  /** The defaults: a private serial strand, the system clock, secure entropy. */
  public static RTCSettings defaults() {
    return builder().build();
  }

  /** A new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The executor that runs the connection's tasks, or null for a private strand. */
  public Executor eventExecutor() {
    return eventExecutor;
  }

  /** The clock (certificate expiry, stats timestamps, event time stamps). */
  public Clock clock() {
    return clock;
  }

  /** The randomness (ICE credentials, SDP session ids, SSRCs, certificate keys). */
  public Entropy entropy() {
    return entropy;
  }

  /** Builds {@link RTCSettings}. */
  public static final class Builder {
    private Executor eventExecutor;
    private Clock clock = Clock.system();
    private Entropy entropy = Entropy.secure();

    private Builder() {}

    /** Sets the serial executor that runs the connection's tasks (null: a private strand). */
    public Builder eventExecutor(Executor executor) {
      this.eventExecutor = executor;
      return this;
    }

    /** Sets the clock. */
    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new TypeException("clock is required");
      }
      this.clock = clock;
      return this;
    }

    /** Sets the entropy. */
    public Builder entropy(Entropy entropy) {
      if (entropy == null) {
        throw new TypeException("entropy is required");
      }
      this.entropy = entropy;
      return this;
    }

    /** The settings. */
    public RTCSettings build() {
      return new RTCSettings(this);
    }
  }
}
