package dev.jrtc.testkit;

import dev.jrtc.ice.Protocol;
import dev.jrtc.ice.TransportAddress;
import java.util.ArrayDeque;

/**
 * A bound UDP port on a {@link SimHost}. {@link #send} puts a datagram on the network at the
 * current virtual instant; datagrams that arrive are handed to the {@link Receiver} on the
 * scheduler at their delivery time, or queued for {@link #receive()} when no receiver is set.
 *
 * <p>Not thread-safe: use it from the test thread or from scheduler tasks.
 */
public final class SimSocket {
  /** The largest UDP payload over IPv4 (65,535 - 20 - 8). */
  public static final int MAX_PAYLOAD = 65_507;

  /** Receives datagrams at their virtual arrival time. */
  @FunctionalInterface
  public interface Receiver {
    /**
     * One datagram.
     *
     * @param from the sender as seen here (after any NAT)
     * @param to this socket's address
     * @param data the payload, a copy the receiver owns
     */
    void receive(TransportAddress from, TransportAddress to, byte[] data);
  }

  private final SimHost host;
  private final TransportAddress local;
  private final ArrayDeque<SimDatagram> inbox = new ArrayDeque<>();
  private Receiver receiver;
  private boolean closed;

  SimSocket(SimHost host, TransportAddress local) {
    this.host = host;
    this.local = local;
  }

  /** The address this socket is bound to. */
  public TransportAddress localAddress() {
    return local;
  }

  /** The host the socket belongs to. */
  public SimHost host() {
    return host;
  }

  /**
   * Sends {@code data} (copied) to {@code to}.
   *
   * @throws IllegalStateException if the socket is closed
   * @throws IllegalArgumentException for a non-UDP destination or a payload over {@link #MAX_PAYLOAD}
   */
  public void send(TransportAddress to, byte[] data) {
    if (closed) {
      throw new IllegalStateException("socket closed: " + local);
    }
    if (to.protocol() != Protocol.UDP) {
      throw new IllegalArgumentException("SimNet carries UDP only: " + to);
    }
    if (data.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("datagram too long: " + data.length);
    }
    host.send(new Packet(local, to, data.clone()));
  }

  /** Sets the receiver; datagrams queued before are handed to it at once, in order. */
  public void onReceive(Receiver r) {
    this.receiver = r;
    SimDatagram d;
    while (r != null && (d = inbox.pollFirst()) != null) {
      r.receive(d.from(), d.to(), d.data());
    }
  }

  /** The next queued datagram (only when no receiver is set), or null. */
  public SimDatagram receive() {
    return inbox.pollFirst();
  }

  /** Unbinds the port; later datagrams to it are dropped as {@link SimPacket.Fate#NO_LISTENER}. */
  public void close() {
    if (!closed) {
      closed = true;
      host.unbind(this);
    }
  }

  /** True after {@link #close()}. */
  public boolean isClosed() {
    return closed;
  }

  void deliver(Packet p) {
    byte[] copy = p.data().clone();
    if (receiver != null) {
      receiver.receive(p.source(), local, copy);
    } else {
      inbox.add(new SimDatagram(p.source(), local, copy));
    }
  }

  @Override
  public String toString() {
    return "SimSocket[" + local + (closed ? ", closed" : "") + "]";
  }
}
