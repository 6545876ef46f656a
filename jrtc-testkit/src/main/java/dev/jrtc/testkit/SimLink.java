package dev.jrtc.testkit;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The link between two adjacent nodes of a {@link SimNet} (a host and its router, or a child
 * router and its parent): a sans-IO netem. Each direction has its own loss state, random
 * stream and rate-limiting queue, configured alike. Settings apply to packets sent after the
 * change. Defaults: no latency, no loss, MTU 1500, no rate limit.
 *
 * <p>The delay of a packet is {@code latency + uniform[0, jitter] (+ reorder delay)}; with jitter
 * packets may overtake each other, as on a real path with netem jitter.
 */
public final class SimLink {
  private final SimNet net;
  private final String lowerName;
  private final String upperName;
  private final Direction up;
  private final Direction down;
  private Duration latency = Duration.ZERO;
  private Duration jitter = Duration.ZERO;
  private Loss loss = Loss.none();
  private double duplicate;
  private double reorder;
  private Duration reorderDelay = Duration.ZERO;
  private long rateBitsPerSecond;
  private Duration maxQueueDelay = Duration.ofMillis(200);
  private int mtu = 1500;
  private boolean isDown;

  /** The state of one direction. */
  private final class Direction {
    final String hop;
    final SplittableRandom random;
    Loss.State lossState = new Loss.State(Loss.none());
    long freeAtNanos;

    Direction(String hop, SplittableRandom random) {
      this.hop = hop;
      this.random = random;
    }
  }

  SimLink(SimNet net, String lowerName, String upperName) {
    this.net = net;
    this.lowerName = lowerName;
    this.upperName = upperName;
    this.up = new Direction(lowerName + ">" + upperName, net.random("link " + lowerName + ">" + upperName));
    this.down = new Direction(upperName + ">" + lowerName, net.random("link " + upperName + ">" + lowerName));
  }

  /** One-way propagation delay, each direction. */
  public SimLink latency(Duration d) {
    requireNonNegative(d, "latency");
    this.latency = d;
    return this;
  }

  /** Extra delay drawn uniformly from {@code [0, d]} per packet. */
  public SimLink jitter(Duration d) {
    requireNonNegative(d, "jitter");
    this.jitter = d;
    return this;
  }

  /** The loss model; each direction starts a new chain in the good state. */
  public SimLink loss(Loss model) {
    if (model == null) {
      throw new IllegalArgumentException("loss model is required (Loss.none() for none)");
    }
    this.loss = model;
    up.lossState = new Loss.State(model);
    down.lossState = new Loss.State(model);
    return this;
  }

  /** Each packet is sent twice with probability {@code p} (the copy with its own jitter). */
  public SimLink duplicate(double p) {
    this.duplicate = probability(p, "duplicate");
    return this;
  }

  /**
   * Each packet is held back by {@code delay} with probability {@code p}, so later packets
   * overtake it (netem's reorder, expressed as a delay).
   */
  public SimLink reorder(double p, Duration delay) {
    requireNonNegative(delay, "reorder delay");
    this.reorder = probability(p, "reorder");
    this.reorderDelay = delay;
    return this;
  }

  /**
   * A bottleneck of {@code bitsPerSecond} (0: none). Packets queue behind each other for their
   * serialization time; a packet that would wait longer than {@code maxQueueDelay} is dropped
   * (drop-tail).
   */
  public SimLink rateLimit(long bitsPerSecond, Duration maxQueueDelay) {
    if (bitsPerSecond < 0) {
      throw new IllegalArgumentException("rate must be >= 0: " + bitsPerSecond);
    }
    requireNonNegative(maxQueueDelay, "max queue delay");
    this.rateBitsPerSecond = bitsPerSecond;
    this.maxQueueDelay = maxQueueDelay;
    return this;
  }

  /** The largest IP packet (headers included) the link carries; bigger ones are dropped. */
  public SimLink mtu(int bytes) {
    if (bytes < 28) {
      throw new IllegalArgumentException("MTU too small: " + bytes);
    }
    this.mtu = bytes;
    return this;
  }

  /** Takes the link down (every packet dropped) or back up. */
  public SimLink down(boolean down) {
    this.isDown = down;
    return this;
  }

  /** The loss model in use. */
  public Loss loss() {
    return loss;
  }

  @Override
  public String toString() {
    return "SimLink[" + lowerName + "<->" + upperName + "]";
  }

  /**
   * Sends {@code p} across the link, {@code upward} from the lower node to the upper one;
   * {@code arrival} runs on the scheduler when (and if) it arrives.
   */
  void transmit(Packet p, boolean upward, Consumer<Packet> arrival) {
    Direction d = upward ? up : down;
    long now = net.scheduler().nowNanos();
    if (isDown) {
      net.observe(d.hop, p, SimPacket.Fate.LINK_DOWN);
      return;
    }
    if (p.ipLength() > mtu) {
      net.observe(d.hop, p, SimPacket.Fate.TOO_BIG);
      return;
    }
    if (d.lossState.lose(d.random)) {
      net.observe(d.hop, p, SimPacket.Fate.LOST);
      return;
    }
    long depart = now;
    if (rateBitsPerSecond > 0) {
      long start = Math.max(now, d.freeAtNanos);
      if (start - now > maxQueueDelay.toNanos()) {
        net.observe(d.hop, p, SimPacket.Fate.QUEUE_FULL);
        return;
      }
      long serialization = (long) Math.ceil(p.ipLength() * 8 * 1e9 / rateBitsPerSecond);
      d.freeAtNanos = start + serialization;
      depart = d.freeAtNanos;
    }
    net.observe(d.hop, p, SimPacket.Fate.FORWARDED);
    net.scheduler().scheduleAt(depart + delay(d), () -> arrival.accept(p));
    if (duplicate > 0 && d.random.nextDouble() < duplicate) {
      net.observe(d.hop, p, SimPacket.Fate.DUPLICATED);
      net.scheduler().scheduleAt(depart + delay(d), () -> arrival.accept(p));
    }
  }

  private long delay(Direction d) {
    long t = latency.toNanos();
    long j = jitter.toNanos();
    if (j > 0) {
      t += d.random.nextLong(j + 1);
    }
    if (reorder > 0 && d.random.nextDouble() < reorder) {
      t += reorderDelay.toNanos();
    }
    return t;
  }

  private static void requireNonNegative(Duration d, String what) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be a non-negative duration: " + d);
    }
  }

  private static double probability(double p, String what) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1]: " + p);
    }
    return p;
  }
}
