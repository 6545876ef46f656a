package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.ice.MdnsResolver;
import dev.jrtc.ice.TransportAddress;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the {@code <uuid>.local} names browsers put in host candidates
 * (draft-ietf-mmusic-mdns-ice-candidates) with one-shot mDNS queries, RFC 6762 §5.1.
 *
 * <p>For each name it sends one query with two questions (A and AAAA, QU bit set so that the
 * responder answers by unicast, §5.4) to 224.0.0.251:5353 from every allowed IPv4 address and
 * to [ff02::fb]:5353 from every allowed IPv6 address, each on its own interface, never on an
 * interface the {@link NetworkSettings} filter out. The query goes out from an ephemeral port,
 * so responders answer to that port by unicast (§6.7). A responder may stay silent because it
 * multicast the record less than a second earlier (§6, §7.1: Chromium announces its name just
 * before it signals the candidate, §8.3), so the query is repeated after 1 s, then at doubling
 * intervals until the timeout (§5.2), the repeats without the QU bit so that the answer is
 * multicast; a listener on 224.0.0.251:5353 (joined on the allowed interfaces only, sharing the
 * port with SO_REUSEADDR) receives those multicast answers and unsolicited announcements, and
 * keeps announced addresses for a short while so that a name announced just before it is asked
 * resolves at once. The first A or AAAA answer for the name (answer or additional section, RFC
 * 6762 §6) wins; when the timeout passes first, the name fails. Results go to the {@link Callback}
 * on an I/O or timer thread (the owner re-dispatches to its executor), as the
 * {@link MdnsResolver} contract of jrtc-ice asks: {@link #resolve} returns at once.
 */
final class MdnsResolverClient implements MdnsResolver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.ice");
  /** RFC 6762 §3 multicast addresses and port. */
  static final TransportAddress MDNS_IPV4 = TransportAddress.udp(literal("224.0.0.251"), 5353);
  static final TransportAddress MDNS_IPV6 = TransportAddress.udp(literal("ff02::fb"), 5353);

  /** Where a resolved (or failed: null address) name goes; must not block. */
  @FunctionalInterface
  interface Callback {
    void resolved(String hostname, InetAddress address);
  }

  /** RFC 6762 §5.2: the first repeat after at least one second, then doubling intervals. */
  static final long FIRST_REPEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** How long an announced address that nobody asked for is kept. */
  static final long ANNOUNCED_TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** Bound on announced names kept: the listener must not grow with whatever the link multicasts. */
  static final int ANNOUNCED_MAX = 64;
  /** How often the listener is drained (it is polled on the shared scheduler, no thread of its own). */
  static final long LISTEN_POLL_MILLIS = 20;

  private record Announced(InetAddress address, long atNanos) {}

  private static final class Query {
    final String hostname;
    final byte[] packet;
    final byte[] repeatPacket;
    volatile ScheduledFuture<?> retry;
    volatile ScheduledFuture<?> timeout;

    Query(String hostname, byte[] packet, byte[] repeatPacket) {
      this.hostname = hostname;
      this.packet = packet;
      this.repeatPacket = repeatPacket;
    }
  }

  private final IoThreads io;
  private final List<HostAddressGatherer.HostAddress> hosts;
  private final NetworkSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Callback callback;
  private final TransportAddress ipv4Target;
  private final TransportAddress ipv6Target;
  private final TransportAddress listenAddress;
  private final ConcurrentHashMap<String, Announced> announced = new ConcurrentHashMap<>();
  private final List<InterfaceAddress> allowedLinks = new CopyOnWriteArrayList<>();
  private volatile DatagramChannel listener;
  private volatile ScheduledFuture<?> listenerPoll;
  private final ConcurrentHashMap<String, Query> pending = new ConcurrentHashMap<>();
  private final List<UdpSocketDriver> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong malformed = new AtomicLong();
  private boolean opened;
  private volatile boolean closed;

  MdnsResolverClient(IoThreads io, List<HostAddressGatherer.HostAddress> hosts, NetworkSettings settings, Clock clock,
      ScheduledExecutorService scheduler, Callback callback) {
    this(io, hosts, settings, clock, scheduler, callback, MDNS_IPV4, MDNS_IPV6);
  }

  /**
   * With other query destinations: tests point them at a responder on loopback. The multicast
   * listener is only opened when the IPv4 destination is the real mDNS group.
   */
  MdnsResolverClient(IoThreads io, List<HostAddressGatherer.HostAddress> hosts, NetworkSettings settings, Clock clock,
      ScheduledExecutorService scheduler, Callback callback, TransportAddress ipv4Target,
      TransportAddress ipv6Target) {
    this(io, hosts, settings, clock, scheduler, callback, ipv4Target, ipv6Target,
        MDNS_IPV4.equals(ipv4Target) ? MDNS_IPV4 : null);
  }

  /**
   * With a listener address too: a multicast group is joined on the allowed IPv4 interfaces, a
   * unicast one (tests, on loopback) is only bound; null opens no listener.
   */
  MdnsResolverClient(IoThreads io, List<HostAddressGatherer.HostAddress> hosts, NetworkSettings settings, Clock clock,
      ScheduledExecutorService scheduler, Callback callback, TransportAddress ipv4Target,
      TransportAddress ipv6Target, TransportAddress listenAddress) {
    this.io = io;
    this.hosts = List.copyOf(hosts);
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
    this.callback = callback;
    this.ipv4Target = ipv4Target;
    this.ipv6Target = ipv6Target;
    this.listenAddress = listenAddress;
  }

  private static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new AssertionError(ip, e);
    }
  }

  /** The query for {@code hostname}: A and AAAA questions with the QU bit, ID 0 (RFC 6762 §18.1). */
  static DnsMessage query(String hostname) {
    return query(hostname, true);
  }

  /** The query with or without the QU bit (RFC 6762 §5.4: repeats ask for multicast answers). */
  static DnsMessage query(String hostname, boolean unicastResponse) {
    String name = normalize(hostname);
    return DnsMessage.query(0, List.of(DnsQuestion.in(name, DnsMessage.TYPE_A, unicastResponse),
        DnsQuestion.in(name, DnsMessage.TYPE_AAAA, unicastResponse)));
  }

  private static String normalize(String hostname) {
    String n = hostname.endsWith(".") ? hostname.substring(0, hostname.length() - 1) : hostname;
    return n.toLowerCase(Locale.ROOT);
  }

  /** Where the listener is bound (tests send announcements there), or null when none is open. */
  InetSocketAddress listenerAddress() {
    DatagramChannel ch = listener;
    try {
      return ch == null ? null : (InetSocketAddress) ch.getLocalAddress();
    } catch (IOException e) {
      return null;
    }
  }

  /** Announced names currently kept. */
  int announcedCount() {
    return announced.size();
  }

  /** Malformed datagrams received. */
  long malformedCount() {
    return malformed.get();
  }

  @Override
  public void resolve(String hostname) {
    if (closed) {
      return;
    }
    String key = normalize(hostname);
    byte[] packet;
    byte[] repeatPacket;
    try {
      packet = query(hostname, true).encode();
      repeatPacket = query(hostname, false).encode();
    } catch (IllegalArgumentException e) {
      LOG.debug("not an mDNS name: {}", e.getMessage());
      callback.resolved(hostname, null);
      return;
    }
    Query q = new Query(hostname, packet, repeatPacket);
    if (pending.putIfAbsent(key, q) != null) {
      return; // already asked
    }
    openSockets();
    Announced known = announced.get(key);
    if (known != null && clock.monotonicNanos() - known.atNanos() < ANNOUNCED_TTL_NANOS) {
      complete(key, known.address()); // announced just before we asked (RFC 6762 §8.3)
      return;
    }
    send(q, q.packet);
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.mdnsTimeoutMillis());
    q.timeout = scheduler.schedule(() -> complete(key, null), timeoutNanos, TimeUnit.NANOSECONDS);
    scheduleRepeat(key, q, FIRST_REPEAT_NANOS, FIRST_REPEAT_NANOS, timeoutNanos);
  }

  // RFC 6762 §5.2: repeat at 1 s, then at doubling intervals, while the timeout has not passed.
  private void scheduleRepeat(String key, Query q, long atNanos, long intervalNanos, long timeoutNanos) {
    if (atNanos >= timeoutNanos || closed) {
      return;
    }
    q.retry = scheduler.schedule(() -> {
      if (pending.get(key) == q && !closed) {
        send(q, q.repeatPacket);
        scheduleRepeat(key, q, atNanos + 2 * intervalNanos, 2 * intervalNanos, timeoutNanos);
      }
    }, intervalNanos, TimeUnit.NANOSECONDS);
  }

  private synchronized void openSockets() {
    if (opened || closed) {
      return;
    }
    opened = true;
    for (HostAddressGatherer.HostAddress h : hosts) {
      try {
        UdpSocketDriver s = UdpSocketDriver.bind(io, h.address(), 0, 0, clock, this::onDatagram);
        NetworkInterface nic = NetworkInterface.getByIndex(h.interfaceIndex());
        if (nic != null) {
          s.channel().setOption(StandardSocketOptions.IP_MULTICAST_IF, nic);
        }
        s.channel().setOption(StandardSocketOptions.IP_MULTICAST_TTL, 255); // RFC 6762 §11
        sockets.add(s);
        if (nic != null) {
          allowedLinks.addAll(nic.getInterfaceAddresses());
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("no mDNS socket on {}: {}", h.address().getHostAddress(), e.toString());
      }
    }
    openListener();
  }

  // The multicast listener: responses to QM repeats and announcements go to 224.0.0.251:5353
  // (RFC 6762 §6, §8.3), which the ephemeral query sockets do not receive.
  private void openListener() {
    if (listenAddress == null || !settings.ipv4()) {
      return;
    }
    List<NetworkInterface> nics = new ArrayList<>();
    for (HostAddressGatherer.HostAddress h : hosts) {
      if (!(h.address() instanceof Inet4Address)) {
        continue;
      }
      try {
        NetworkInterface nic = NetworkInterface.getByIndex(h.interfaceIndex());
        if (nic != null && !nics.contains(nic)) {
          nics.add(nic);
        }
      } catch (IOException e) {
        LOG.debug("no interface {}: {}", h.interfaceIndex(), e.toString());
      }
    }
    InetAddress group = listenAddress.address();
    if (group.isMulticastAddress() && nics.isEmpty()) {
      return; // never listen on an interface the settings filter out
    }
    DatagramChannel ch = null;
    try {
      ch = DatagramChannel.open(StandardProtocolFamily.INET);
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true); // other responders hold 5353 too
      // Bound on the group address (not the wildcard) so that only mDNS multicast arrives here.
      ch.bind(new InetSocketAddress(group, listenAddress.port()));
      ch.configureBlocking(false);
      if (group.isMulticastAddress()) {
        int joined = 0;
        for (NetworkInterface nic : nics) {
          try {
            ch.join(group, nic);
            joined++;
          } catch (IOException | RuntimeException e) {
            LOG.debug("cannot join mDNS group on {}: {}", nic.getName(), e.toString());
          }
        }
        if (joined == 0) {
          ch.close();
          return;
        }
      }
      listener = ch;
      listenerPoll = scheduler.scheduleWithFixedDelay(this::drainListener, 0, LISTEN_POLL_MILLIS,
          TimeUnit.MILLISECONDS);
    } catch (IOException | RuntimeException e) {
      LOG.debug("no mDNS listener on {}: {}", listenAddress, e.toString());
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // nothing left to release
        }
      }
    }
  }

  // On the shared scheduler: reads whatever the listener has queued, without blocking.
  private void drainListener() {
    DatagramChannel ch = listener;
    if (ch == null || closed) {
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate(9000);
    try {
      for (int i = 0; i < 64; i++) {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
        if (from == null) {
          return;
        }
        if (!onAllowedLink(from.getAddress())) {
          continue; // IP_MULTICAST_ALL may hand us groups joined by others on filtered interfaces
        }
        buf.flip();
        handleResponse(Arrays.copyOf(buf.array(), buf.limit()), true);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("mDNS listener read failed: {}", e.toString());
    }
  }

  private boolean onAllowedLink(InetAddress source) {
    for (HostAddressGatherer.HostAddress h : hosts) {
      if (h.address().equals(source)) {
        return true;
      }
    }
    byte[] s = source.getAddress();
    for (InterfaceAddress ia : allowedLinks) {
      byte[] net = ia.getAddress().getAddress();
      if (net.length == s.length && samePrefix(net, s, ia.getNetworkPrefixLength())) {
        return true;
      }
    }
    return false;
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
      int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
      if ((a[i] & mask) != (b[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  // No lock: the socket list is copy-on-write and sends never block.
  private void send(Query q, byte[] packet) {
    for (UdpSocketDriver s : sockets) {
      InetAddress local = s.localAddress().address();
      if (local instanceof Inet4Address && ipv4Target != null) {
        s.send(ipv4Target, packet);
      } else if (local instanceof Inet6Address && ipv6Target != null) {
        s.send(ipv6Target, packet);
      }
    }
  }

  // Called on an I/O thread.
  private void onDatagram(TransportAddress local, TransportAddress remote, byte[] data, long nowNanos) {
    handleResponse(data, false);
  }

  private void handleResponse(byte[] data, boolean multicast) {
    DnsMessage m;
    try {
      m = DnsMessage.parse(data);
    } catch (DnsParseException e) {
      malformed.incrementAndGet();
      LOG.debug("dropped malformed mDNS response: {}", e.getMessage());
      return;
    }
    if (!m.isResponse() || m.rcode() != 0) {
      return;
    }
    List<DnsRecord> records = new ArrayList<>(m.answers());
    records.addAll(m.additionals());
    for (DnsRecord r : records) {
      InetAddress a = r.address();
      if (a == null || (a instanceof Inet4Address && !settings.ipv4()) || (a instanceof Inet6Address && !settings.ipv6())) {
        continue;
      }
      // RFC 6762 §10.1: TTL 0 is a goodbye, not an address (Chromium's carry 0.0.0.0 or ::).
      if (r.ttl() == 0 || a.isAnyLocalAddress()) {
        continue;
      }
      String key = normalize(r.name());
      if (pending.containsKey(key)) {
        complete(key, a);
      } else if (multicast && key.endsWith(".local") && r.ttl() > 0) {
        remember(key, a);
      }
    }
  }

  // A short, bounded cache of announced names (RFC 6762 §8.3), for a name asked just after.
  private void remember(String key, InetAddress a) {
    long now = clock.monotonicNanos();
    announced.values().removeIf(x -> now - x.atNanos() >= ANNOUNCED_TTL_NANOS);
    if (announced.size() < ANNOUNCED_MAX || announced.containsKey(key)) {
      announced.putIfAbsent(key, new Announced(a, now));
    }
  }

  private void complete(String key, InetAddress address) {
    Query q = pending.remove(key);
    if (q == null || closed) {
      return;
    }
    cancel(q);
    if (address == null) {
      LOG.debug("mDNS name did not resolve: {}", q.hostname);
    }
    callback.resolved(q.hostname, address);
  }

  private static void cancel(Query q) {
    ScheduledFuture<?> f = q.retry;
    if (f != null) {
      f.cancel(false);
    }
    f = q.timeout;
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public void close() {
    closeAsync();
  }

  /** Closes; the future completes when the sockets are released. */
  CompletableFuture<Void> closeAsync() {
    synchronized (this) {
      closed = true; // openSockets (the only other holder of this lock) opens nothing from now on
    }
    for (Query q : pending.values()) {
      cancel(q);
    }
    pending.clear();
    announced.clear();
    ScheduledFuture<?> poll = listenerPoll;
    if (poll != null) {
      poll.cancel(false);
    }
    DatagramChannel ch = listener;
    listener = null;
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.debug("closing the mDNS listener: {}", e.toString());
      }
    }
    List<CompletableFuture<Void>> released = new ArrayList<>();
    for (UdpSocketDriver s : sockets) {
      released.add(s.closeAsync());
    }
    sockets.clear();
    return CompletableFuture.allOf(released.toArray(new CompletableFuture<?>[0]));
  }
}
