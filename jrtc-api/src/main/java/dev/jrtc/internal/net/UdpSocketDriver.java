package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.ice.TransportAddress;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One non-blocking UDP socket bound on one local address, read by a shared
 * {@link SelectorLoop} thread of {@link IoThreads}.
 *
 * <p>Inbound datagrams go to the {@link Receiver} on the I/O thread, which must not block: the
 * owner re-dispatches them to its serial executor. {@link #send} never blocks: when the
 * socket's send buffer is full the datagram is dropped and counted, as a router would (UDP
 * gives no delivery guarantee and the protocols above retransmit).
 */
final class UdpSocketDriver implements AutoCloseable, SelectorLoop.Handler {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.net");
  /** Socket buffers asked for; the kernel may cap them (net.core.rmem_max). */
  private static final int BUFFER_BYTES = 1 << 20;

  /** Where inbound datagrams go; called on an I/O thread, must not block. */
  @FunctionalInterface
  interface Receiver {
    void onDatagram(TransportAddress local, TransportAddress remote, byte[] data, long nowNanos);
  }

  private final DatagramChannel channel;
  private final SelectorLoop loop;
  private final TransportAddress local;
  private final Clock clock;
  private final Receiver receiver;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong sendDrops = new AtomicLong();
  private final AtomicLong oversized = new AtomicLong();
  private volatile boolean closed;

  private UdpSocketDriver(DatagramChannel channel, SelectorLoop loop, TransportAddress local, Clock clock,
      Receiver receiver) {
    this.channel = channel;
    this.loop = loop;
    this.local = local;
    this.clock = clock;
    this.receiver = receiver;
  }

  /**
   * Binds a UDP socket on {@code address} with a port in {@code [portMin, portMax]} (tried from
   * a random start so that concurrent connections do not race for the same port), or an
   * ephemeral port when both are 0, and starts reading it.
   *
   * @throws IOException when no port in the range is free or the address cannot be bound
   */
  static UdpSocketDriver bind(IoThreads io, InetAddress address, int portMin, int portMax, Clock clock,
      Receiver receiver) throws IOException {
    DatagramChannel ch = open(address, portMin, portMax);
    try {
      ch.configureBlocking(false);
      InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
      TransportAddress local = TransportAddress.udp(address, bound.getPort());
      UdpSocketDriver d = new UdpSocketDriver(ch, io.nextLoop(), local, clock, receiver);
      d.loop.register(ch, d);
      LOG.debug("bound UDP {}", local);
      return d;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Opens a channel of {@code address}'s family bound on it and on a port of the range. */
  static DatagramChannel open(InetAddress address, int portMin, int portMax) throws IOException {
    StandardProtocolFamily family = address instanceof Inet6Address ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
    if (portMin == 0) {
      return openAt(family, address, 0);
    }
    int span = portMax - portMin + 1;
    int start = ThreadLocalRandom.current().nextInt(span);
    IOException last = null;
    for (int i = 0; i < span; i++) {
      int port = portMin + (start + i) % span;
      try {
        return openAt(family, address, port);
      } catch (BindException e) {
        last = e;
      }
    }
    throw new BindException("no free UDP port in " + portMin + ".." + portMax + " on "
        + address.getHostAddress() + (last != null ? ": " + last.getMessage() : ""));
  }

  private static DatagramChannel openAt(StandardProtocolFamily family, InetAddress address, int port)
      throws IOException {
    DatagramChannel ch = DatagramChannel.open(family);
    try {
      ch.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER_BYTES);
      ch.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER_BYTES);
      ch.bind(new InetSocketAddress(address, port));
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The bound address (the candidate base). */
  TransportAddress localAddress() {
    return local;
  }

  /** The channel, for socket options (multicast interface). */
  DatagramChannel channel() {
    return channel;
  }

  /**
   * Sends a datagram without blocking; callable from any thread.
   *
   * @return false when it was dropped (send buffer full, socket closed, network error)
   */
  boolean send(TransportAddress remote, byte[] data) {
    if (closed) {
      sendDrops.incrementAndGet();
      return false;
    }
    try {
      int n = channel.send(ByteBuffer.wrap(data), remote.toSocketAddress());
      if (n == 0) {
        sendDrops.incrementAndGet(); // send buffer full
        return false;
      }
      sent.incrementAndGet();
      return true;
    } catch (ClosedChannelException e) {
      sendDrops.incrementAndGet();
      return false;
    } catch (IOException | RuntimeException e) {
      // Unreachable network, ICMP-reported errors, an address of the wrong family: UDP loss.
      sendDrops.incrementAndGet();
      if (LOG.isDebugEnabled()) {
        LOG.debug("UDP send {} -> {} failed: {}", local, remote, e.toString());
      }
      return false;
    }
  }

  @Override
  public void ready(SelectionKey key, ByteBuffer buffer) {
    if (key.isReadable()) {
      readReady(buffer, SelectorLoop.READS_PER_WAKEUP);
    }
  }

  /** Called by the selector thread when the socket is readable. */
  void readReady(ByteBuffer buffer, int maxReads) {
    for (int i = 0; i < maxReads && !closed; i++) {
      buffer.clear();
      SocketAddress from;
      try {
        from = channel.receive(buffer);
      } catch (IOException e) {
        // Linux reports an earlier ICMP port unreachable here: not fatal for UDP.
        LOG.debug("UDP receive on {} failed: {}", local, e.toString());
        continue;
      }
      if (from == null) {
        return;
      }
      buffer.flip();
      if (buffer.remaining() > SelectorLoop.MAX_DATAGRAM) {
        oversized.incrementAndGet();
        continue;
      }
      byte[] data = new byte[buffer.remaining()];
      buffer.get(data);
      received.incrementAndGet();
      InetSocketAddress sender = (InetSocketAddress) from;
      receiver.onDatagram(local, TransportAddress.udp(sender.getAddress(), sender.getPort()), data,
          clock.monotonicNanos());
    }
  }

  /** Datagrams received. */
  long receivedCount() {
    return received.get();
  }

  /** Datagrams sent. */
  long sentCount() {
    return sent.get();
  }

  /** Datagrams dropped on send. */
  long sendDropCount() {
    return sendDrops.get();
  }

  /** Closes the socket without waiting for the port to be released. */
  @Override
  public void close() {
    closeAsync();
  }

  /** Closes the socket; the future completes when the selector let go of it and the port is free. */
  CompletableFuture<Void> closeAsync() {
    if (!closed) {
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("close failed", e);
      }
    }
    return loop.flushClosed();
  }

  boolean isClosed() {
    return closed;
  }
}
