package dev.jrtc.sctp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An in-test network between two associations: virtual time, one-way delay with jitter (which
 * reorders), seeded random loss and duplication. Deterministic for a given seed.
 */
public final class SimLink {
  private record InFlight(long at, long seq, boolean toB, byte[] data) {}

  public static final long MS = 1_000_000L;

  private final PriorityQueue<InFlight> wire = new PriorityQueue<>(
      (x, y) -> x.at != y.at ? Long.compare(x.at, y.at) : Long.compare(x.seq, y.seq));
  private final SplittableRandom random;
  private long seq;
  public long now;
  double loss;
  double duplication;
  long delayNanos = 10 * MS;
  long jitterNanos;
  public SctpAssociation a;
  public SctpAssociation b;
  public final List<SctpEvent> eventsA = new ArrayList<>();
  public final List<SctpEvent> eventsB = new ArrayList<>();
  public Consumer<SctpEvent> onA = e -> { };
  public Consumer<SctpEvent> onB = e -> { };
  long packetsAtoB;
  long packetsBtoA;
  /** When set, packets to B are dropped by this filter (return true to drop). */
  java.util.function.Predicate<byte[]> dropToB = p -> false;

  public SimLink(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public SimLink loss(double p) {
    this.loss = p;
    return this;
  }

  public SimLink duplication(double p) {
    this.duplication = p;
    return this;
  }

  public SimLink jitter(long nanos) {
    this.jitterNanos = nanos;
    return this;
  }

  private void collect() {
    boolean progress = true;
    while (progress) {
      progress = false;
      byte[] p;
      while ((p = a.pollTransmit()) != null) {
        packetsAtoB++;
        schedule(true, p);
        progress = true;
      }
      while ((p = b.pollTransmit()) != null) {
        packetsBtoA++;
        schedule(false, p);
        progress = true;
      }
      SctpEvent e;
      while ((e = a.pollEvent()) != null) {
        eventsA.add(e);
        onA.accept(e);
        progress = true;
      }
      while ((e = b.pollEvent()) != null) {
        eventsB.add(e);
        onB.accept(e);
        progress = true;
      }
    }
  }

  private void schedule(boolean toB, byte[] p) {
    if (toB && dropToB.test(p)) {
      return;
    }
    if (random.nextDouble() < loss) {
      return;
    }
    int copies = random.nextDouble() < duplication ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long jitter = jitterNanos > 0 ? random.nextLong(jitterNanos) : 0;
      wire.add(new InFlight(now + delayNanos + jitter, seq++, toB, p));
    }
  }

  /** Runs until {@code done} holds or {@code limitNanos} of virtual time has passed; true when done. */
  public boolean runUntil(BooleanSupplier done, long limitNanos) {
    long end = now + limitNanos;
    collect();
    while (!done.getAsBoolean()) {
      long next = Math.min(Math.min(a.pollTimeoutNanos(), b.pollTimeoutNanos()),
          wire.isEmpty() ? Long.MAX_VALUE : wire.peek().at);
      if (next == Long.MAX_VALUE || next > end) {
        now = Math.max(now, Math.min(end, next));
        return done.getAsBoolean();
      }
      now = Math.max(now, next);
      while (!wire.isEmpty() && wire.peek().at <= now) {
        InFlight f = wire.poll();
        (f.toB ? b : a).handleDatagram(now, ByteBuffer.wrap(f.data));
        collect();
      }
      if (a.pollTimeoutNanos() <= now) {
        a.handleTimeout(now);
      }
      if (b.pollTimeoutNanos() <= now) {
        b.handleTimeout(now);
      }
      collect();
    }
    return true;
  }

  /** Two client associations (both send INIT, as WebRTC peers do) connected over this link. */
  public static SimLink connected(long seed, SctpConfig cfg, double loss) {
    SimLink link = new SimLink(seed).loss(loss);
    link.a = SctpAssociation.client(cfg, dev.jrtc.common.Entropy.seeded(seed * 31 + 1), 0);
    link.b = SctpAssociation.client(cfg, dev.jrtc.common.Entropy.seeded(seed * 31 + 2), 0);
    if (!link.runUntil(() -> link.a.state() == SctpState.ESTABLISHED && link.b.state() == SctpState.ESTABLISHED,
        120_000 * MS)) {
      throw new AssertionError("handshake did not complete: " + link.a + " / " + link.b);
    }
    return link;
  }

  List<SctpEvent.StreamMessage> messagesAtB() {
    List<SctpEvent.StreamMessage> out = new ArrayList<>();
    for (SctpEvent e : eventsB) {
      if (e instanceof SctpEvent.StreamMessage m) {
        out.add(m);
      }
    }
    return out;
  }

  List<SctpEvent.StreamMessage> messagesAtA() {
    List<SctpEvent.StreamMessage> out = new ArrayList<>();
    for (SctpEvent e : eventsA) {
      if (e instanceof SctpEvent.StreamMessage m) {
        out.add(m);
      }
    }
    return out;
  }
}
