package dev.jrtc.internal.net;

import dev.jrtc.ice.TransportAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Host datagrams on their way from the I/O thread to a connection's serial executor, handed over
 * in batches: one executor task per burst rather than one per datagram. In a bulk transfer the
 * per-task queue lock and thread wake-up cost more than the datagram's own processing.
 *
 * <p>{@link #add} runs on the I/O thread; {@link #beginDrain}, {@link #poll} and
 * {@link #endDrain} on the executor, in that order, inside the task {@link #add} asked for.
 */
final class HostInbound {
  /** Most datagrams one executor task handles before it yields to the executor's other tasks. */
  static final int BATCH = 64;

  /** A datagram received on a host socket. */
  record Datagram(TransportAddress local, TransportAddress remote, byte[] data, long nowNanos) {}

  private final ConcurrentLinkedQueue<Datagram> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /** Queues a datagram; true when the caller must dispatch a drain task (none is pending). */
  boolean add(Datagram d) {
    queue.add(d);
    return scheduled.compareAndSet(false, true);
  }

  /**
   * Starts a drain task. The flag is cleared before polling, so a datagram queued after the
   * task's last poll asks for a new task rather than waiting for one that has already finished.
   */
  void beginDrain() {
    scheduled.set(false);
  }

  /** The next datagram, or null. */
  Datagram poll() {
    return queue.poll();
  }

  /** Ends a drain task; true when datagrams are left and the caller must dispatch another task. */
  boolean endDrain() {
    return !queue.isEmpty() && scheduled.compareAndSet(false, true);
  }

  /** Forgets every queued datagram (the driver is closed). */
  void clear() {
    queue.clear();
  }
}
