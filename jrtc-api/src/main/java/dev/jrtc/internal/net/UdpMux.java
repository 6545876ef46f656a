package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.ice.TransportAddress;
import dev.jrtc.stun.StunMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP port shared by many ICE connections, for servers behind a single open port (the
 * idea of Pion's UDPMux; str0m's {@code accepts()} demultiplexing). Internal, not API.
 *
 * <p>One socket is bound per local address, all on the same port when one is given. A datagram
 * is routed, on the I/O thread, by the first rule that matches:
 * <ol>
 *   <li>a STUN response whose transaction id a connection sent (server-reflexive queries,
 *       connectivity checks) goes to that connection;</li>
 *   <li>a STUN Binding request goes to the connection registered for the local ufrag in its
 *       USERNAME ({@code "localUfrag:remoteUfrag"}, RFC 8445 §7.2.2), which from then on owns
 *       the remote address;</li>
 *   <li>anything else from a remote address a connection owns (it sent a check there, or a
 *       check came from it) goes to that connection;</li>
 *   <li>everything else is dropped and counted ({@link #droppedCount()}).</li>
 * </ol>
 *
 * <p>Thread-safety: the routing tables are concurrent maps; no lock is held during I/O or while
 * calling a receiver.
 */
public final class UdpMux implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.net");
  /** Transactions remembered at most; STUN transactions end within 40 s (RFC 8489 §6.2.1). */
  static final int MAX_TRANSACTIONS = 65_536;
  static final long TRANSACTION_LIFETIME_NANOS = 60_000_000_000L;

  private final Clock clock;
  private final List<UdpSocketDriver> sockets = new ArrayList<>();
  private final Map<TransportAddress, UdpSocketDriver> byLocal = new LinkedHashMap<>();
  private final ConcurrentHashMap<String, Connection> byUfrag = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Route, Connection> byRemote = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TxKey, Pending> byTransaction = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  private record Route(TransportAddress local, TransportAddress remote) {}

  private record Pending(Connection connection, long expiresNanos) {}

  /** A STUN transaction id (96 bits) as a map key. */
  private static final class TxKey {
    private final byte[] id;
    private final int hash;

    TxKey(byte[] datagram) {
      this.id = Arrays.copyOfRange(datagram, 8, 20);
      this.hash = Arrays.hashCode(id);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TxKey && Arrays.equals(((TxKey) o).id, id);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private UdpMux(Clock clock) {
    this.clock = clock;
  }

  /**
   * Binds the shared port on every address {@code settings} allows (see
   * {@link NetworkSettings}); {@code port} 0 takes an ephemeral port per address.
   */
  public static UdpMux bind(IoThreads io, NetworkSettings settings, int port, Clock clock) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (HostAddressGatherer.HostAddress h : HostAddressGatherer.gather(NetworkInterfaces.system(), settings)) {
      addresses.add(h.address());
    }
    return bind(io, addresses, port, clock);
  }

  /** Binds the shared port on each of {@code addresses}. */
  public static UdpMux bind(IoThreads io, List<InetAddress> addresses, int port, Clock clock) throws IOException {
    if (addresses.isEmpty()) {
      throw new IOException("no local address to bind the shared UDP port on");
    }
    UdpMux mux = new UdpMux(clock);
    try {
      for (InetAddress a : addresses) {
        UdpSocketDriver s = UdpSocketDriver.bind(io, a, port, port, clock, mux::route);
        mux.sockets.add(s);
        mux.byLocal.put(s.localAddress(), s);
      }
    } catch (IOException | RuntimeException e) {
      mux.close();
      throw e;
    }
    return mux;
  }

  /** The bound addresses (host candidate bases of every connection on this mux). */
  public List<TransportAddress> localAddresses() {
    return List.copyOf(byLocal.keySet());
  }

  /** Datagrams no connection claimed. */
  public long droppedCount() {
    return dropped.get();
  }

  /** How many connections are registered. */
  public int connectionCount() {
    return (int) byUfrag.values().stream().distinct().count();
  }

  /**
   * Registers a connection for binding requests to {@code ufrag}.
   *
   * @throws IllegalStateException when another connection has that ufrag
   */
  Connection register(String ufrag, UdpSocketDriver.Receiver receiver) {
    if (closed) {
      throw new IllegalStateException("UDP mux closed");
    }
    Connection c = new Connection(receiver);
    c.addUfrag(ufrag);
    return c;
  }

  // Called on an I/O thread for every datagram on every shared socket.
  private void route(TransportAddress local, TransportAddress remote, byte[] data, long nowNanos) {
    Connection c = null;
    if (StunMessage.isStun(data, 0, data.length)) {
      int type = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
      int stunClass = ((type >> 4) & 1) | ((type >> 7) & 2); // RFC 8489 §5: C0 and C1 bits
      if (stunClass >= 2) {
        Pending p = byTransaction.remove(new TxKey(data));
        c = p != null ? p.connection : null;
      } else if (stunClass == 0 && (type & 0x3eef) == 0x0001) { // a Binding request
        String ufrag = localUfrag(data);
        c = ufrag != null ? byUfrag.get(ufrag) : null;
        if (c != null) {
          byRemote.put(new Route(local, remote), c);
        }
      }
    }
    if (c == null) {
      c = byRemote.get(new Route(local, remote));
    }
    if (c == null || c.closed) {
      dropped.incrementAndGet();
      return;
    }
    c.receiver.onDatagram(local, remote, data, nowNanos);
  }

  /**
   * The part of USERNAME before the colon (RFC 8445 §7.2.2), read without a full parse; null
   * when there is no well-formed USERNAME.
   */
  static String localUfrag(byte[] stun) {
    int end = Math.min(stun.length, 20 + (((stun[2] & 0xff) << 8) | (stun[3] & 0xff)));
    int i = 20;
    while (i + 4 <= end) {
      int type = ((stun[i] & 0xff) << 8) | (stun[i + 1] & 0xff);
      int len = ((stun[i + 2] & 0xff) << 8) | (stun[i + 3] & 0xff);
      if (i + 4 + len > end) {
        return null;
      }
      if (type == 0x0006) { // USERNAME
        String u = new String(stun, i + 4, len, StandardCharsets.UTF_8);
        int colon = u.indexOf(':');
        return colon > 0 ? u.substring(0, colon) : null;
      }
      i += 4 + ((len + 3) & ~3);
    }
    return null;
  }

  /** Closes every shared socket; registered connections receive nothing more. */
  @Override
  public void close() {
    closed = true;
    for (UdpSocketDriver s : sockets) {
      s.close();
    }
    byUfrag.clear();
    byRemote.clear();
    byTransaction.clear();
  }

  /** One connection's share of the mux. */
  final class Connection implements AutoCloseable {
    private final UdpSocketDriver.Receiver receiver;
    private volatile boolean closed;

    private Connection(UdpSocketDriver.Receiver receiver) {
      this.receiver = receiver;
    }

    /** Also takes binding requests to {@code ufrag} (after an ICE restart). */
    void addUfrag(String ufrag) {
      Connection prev = byUfrag.putIfAbsent(ufrag, this);
      if (prev != null && prev != this) {
        throw new IllegalStateException("ufrag already registered on the UDP mux: " + ufrag);
      }
    }

    /** The mux's addresses. */
    List<TransportAddress> localAddresses() {
      return UdpMux.this.localAddresses();
    }

    /** Sends from the shared socket at {@code local}; the replies come back to this connection. */
    boolean send(TransportAddress local, TransportAddress remote, byte[] data) {
      UdpSocketDriver s = byLocal.get(local);
      if (s == null || closed) {
        return false;
      }
      byRemote.putIfAbsent(new Route(local, remote), this);
      if (StunMessage.isStun(data, 0, data.length) && ((data[0] & 0x01) | (data[1] & 0x10)) == 0) {
        rememberTransaction(data);
      }
      return s.send(remote, data);
    }

    private void rememberTransaction(byte[] request) {
      long now = clock.monotonicNanos();
      if (byTransaction.size() >= MAX_TRANSACTIONS) {
        byTransaction.values().removeIf(p -> p.expiresNanos - now < 0 || p.connection.closed);
        if (byTransaction.size() >= MAX_TRANSACTIONS) {
          LOG.debug("UDP mux transaction table full; response routing falls back to remote addresses");
          return;
        }
      }
      byTransaction.put(new TxKey(request), new Pending(this, now + TRANSACTION_LIFETIME_NANOS));
    }

    /** Unregisters: its ufrags, remote addresses and transactions are forgotten. */
    @Override
    public void close() {
      closed = true;
      byUfrag.values().removeIf(c -> c == this);
      byRemote.values().removeIf(c -> c == this);
      byTransaction.values().removeIf(p -> p.connection == this);
    }
  }
}
