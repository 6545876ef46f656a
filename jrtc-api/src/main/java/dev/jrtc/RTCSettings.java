package dev.jrtc;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.internal.net.NetworkSettings;
import dev.jrtc.internal.net.UdpMux;
import java.util.concurrent.Executor;

/**
 * The non-W3C knobs of an {@link RTCPeerConnection}, passed next to its {@link RTCConfiguration}
 * (which stays exactly W3C-shaped). Later issues add groups per protocol (ICE, DTLS, SCTP); the network group is {@link #network()}.
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
  private final NetworkSettings network;
  private final UdpMux udpMux;

  private RTCSettings(Builder b) {
    this.eventExecutor = b.eventExecutor;
    this.clock = b.clock;
    this.entropy = b.entropy;
    this.network = b.network;
    this.udpMux = b.udpMux;
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

  /**
   * The network group: which interfaces and addresses give host candidates (loopback off by
   * default, RFC 8445 §5.1.1.1), the UDP port range and a shared UDP port ({@code UdpMux}).
   */
  public NetworkSettings network() {
    return network;
  }

  /** The shared UDP port host candidates use (demultiplexed by ICE ufrag), or null for a port per connection. */
  public UdpMux udpMux() {
    return udpMux;
  }

  /** Builds {@link RTCSettings}. */
  public static final class Builder {
    private Executor eventExecutor;
    private Clock clock = Clock.system();
    private Entropy entropy = Entropy.secure();
    private NetworkSettings network = NetworkSettings.defaults();
    private UdpMux udpMux;

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

    /**
     * Sets the network group ({@link NetworkSettings#loopbackOnly()} for tests on one machine).
     */
    public Builder network(NetworkSettings network) {
      if (network == null) {
        throw new TypeException("network is required");
      }
      this.network = network;
      return this;
    }

    /**
     * Shares one UDP port among many connections (a server behind one open port): the
     * connections' ICE agents are told apart by their ufrag. Null (the default): each
     * connection binds its own ports.
     */
    public Builder udpMux(UdpMux mux) {
      this.udpMux = mux;
      return this;
    }

    /** The settings. */
    public RTCSettings build() {
      return new RTCSettings(this);
    }
  }
}
