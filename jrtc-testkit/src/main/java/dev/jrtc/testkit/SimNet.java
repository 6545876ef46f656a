package dev.jrtc.testkit;

import dev.jrtc.common.Entropy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An in-process UDP network on virtual time: routers with subnets, hosts, RFC 4787 NATs and
 * lossy links (sans-IO netem), driven by one {@link DeterministicScheduler} on the test thread.
 *
 * <pre>{@code
 * var net = SimNet.builder().seed(42).build();
 * var wan = net.router("wan", "1.2.3.0/24");
 * var lan = wan.child("lan", "192.168.0.0/24", Nat.symmetric());
 * var a = lan.host("192.168.0.2").bind(5000);
 * var b = wan.host("1.2.3.5").bind(6000);
 * net.link(lan, wan).latency(Duration.ofMillis(30)).loss(Loss.random(0.01));
 * b.onReceive((from, to, data) -> ...);
 * a.send(b.localAddress(), new byte[] {1, 2, 3});
 * net.runUntil(() -> done, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>One seed feeds every random choice (link loss, jitter, NAT ports, {@link #entropy(String)});
 * each consumer draws from its own stream derived from the seed and its name, so adding a link
 * does not change what another link does. The same seed and the same test give the same packet
 * trace ({@link #addTap}). Not thread-safe.
 */
public final class SimNet {
  private final SimClock clock;
  private final DeterministicScheduler scheduler;
  private final long seed;
  private final Map<String, SimNode> nodes = new HashMap<>();
  private final Map<SimNode, SimLink> links = new HashMap<>();
  private final List<Consumer<SimPacket>> taps = new ArrayList<>();
  private final EnumMap<SimPacket.Fate, Long> counts = new EnumMap<>(SimPacket.Fate.class);

  private SimNet(SimClock clock, long seed) {
    this.clock = clock;
    this.scheduler = DeterministicScheduler.create(clock);
    this.seed = seed;
  }

  /** A builder over a new {@link SimClock#create()} clock. */
  public static Builder builder() {
    return new Builder(SimClock.create());
  }

  /** A builder over {@code clock}; the network's scheduler drives it. */
  public static Builder builder(SimClock clock) {
    return new Builder(clock);
  }

  /** Builds a {@link SimNet}. */
  public static final class Builder {
    private final SimClock clock;
    private long seed;

    private Builder(SimClock clock) {
      if (clock == null) {
        throw new IllegalArgumentException("clock is required");
      }
      this.clock = clock;
    }

    /** The seed of every random choice in the network (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The network. */
    public SimNet build() {
      return new SimNet(clock, seed);
    }
  }

  /** The virtual clock. */
  public SimClock clock() {
    return clock;
  }

  /** The scheduler every packet and timer runs on. */
  public DeterministicScheduler scheduler() {
    return scheduler;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /**
   * Deterministic {@link Entropy} for a component of the test (an ICE agent, a DTLS endpoint),
   * derived from the seed and {@code name}: the same name gives the same stream.
   */
  public Entropy entropy(String name) {
    return Entropy.seeded(mix(seed, "entropy " + name));
  }

  /** A root router ("the internet", no NAT) with the given subnet. */
  public SimRouter router(String name, String cidr) {
    SimRouter r = new SimRouter(this, name, Cidr.parse(cidr), null, null, null);
    register(r);
    return r;
  }

  /**
   * The link between two adjacent nodes (a host and its router, or a router and its parent),
   * to configure. Every such link exists from the start with default settings.
   *
   * @throws IllegalArgumentException if the nodes are not adjacent
   */
  public SimLink link(SimNode a, SimNode b) {
    if (upperOf(a) == b) {
      return linkOf(a);
    }
    if (upperOf(b) == a) {
      return linkOf(b);
    }
    throw new IllegalArgumentException(a.name() + " and " + b.name() + " are not adjacent");
  }

  /** Adds an observer of every packet event (see {@link SimPacket}), called on the scheduler. */
  public void addTap(Consumer<SimPacket> tap) {
    taps.add(tap);
  }

  /** Writes every packet that goes on a wire to {@code pcap} (a packet appears once per link it crosses). */
  public void capture(PcapWriter pcap) {
    addTap(p -> {
      if (p.onWire()) {
        pcap.write(clock.wallMicrosAt(p.timeNanos()), p.source(), p.destination(), p.data());
      }
    });
  }

  /** How many packet events with this fate happened so far. */
  public long count(SimPacket.Fate fate) {
    return counts.getOrDefault(fate, 0L);
  }

  /** Runs the network until {@code condition} holds or {@code virtualLimit} passes; see {@link DeterministicScheduler#runUntil}. */
  public boolean runUntil(BooleanSupplier condition, Duration virtualLimit) {
    return scheduler.runUntil(condition, virtualLimit);
  }

  /** Runs the network for {@code duration} of virtual time. */
  public void advance(Duration duration) {
    scheduler.advance(duration);
  }

  // ---------------------------------------------------------------- package

  void register(SimNode n) {
    if (nodes.putIfAbsent(n.name(), n) != null) {
      throw new IllegalArgumentException("a node named " + n.name() + " already exists");
    }
  }

  private static SimNode upperOf(SimNode n) {
    if (n instanceof SimHost) {
      return ((SimHost) n).router();
    }
    return ((SimRouter) n).parent();
  }

  /** The link from {@code lower} (a host or child router) to the node above it. */
  SimLink linkOf(SimNode lower) {
    return links.computeIfAbsent(lower, n -> new SimLink(this, n.name(), upperOf(n).name()));
  }

  SplittableRandom random(String purpose) {
    return new SplittableRandom(mix(seed, purpose));
  }

  void observe(String hop, Packet p, SimPacket.Fate fate) {
    counts.merge(fate, 1L, Long::sum);
    if (!taps.isEmpty()) {
      SimPacket sp = new SimPacket(scheduler.nowNanos(), hop, p.source(), p.destination(), p.data(), fate);
      for (Consumer<SimPacket> t : taps) {
        t.accept(sp);
      }
    }
  }

  /** FNV-1a of the name, combined with the seed and finished with SplitMix64's mixer. */
  static long mix(long seed, String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    long z = h ^ (seed * 0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
