package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.ice.MdnsResolver;
import dev.jrtc.ice.TransportAddress;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.util.ArrayList;
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
 * so responders answer to that port by unicast (§6.7); it is repeated once after a third of
 * the timeout. The first A or AAAA answer for the name (answer or additional section, RFC 6762
 * §6) wins; when the timeout passes first, the name fails. Results go to the {@link Callback}
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

  private static final class Query {
    final String hostname;
    final byte[] packet;
    volatile ScheduledFuture<?> retry;
    volatile ScheduledFuture<?> timeout;

    Query(String hostname, byte[] packet) {
      this.hostname = hostname;
      this.packet = packet;
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
  private final ConcurrentHashMap<String, Query> pending = new ConcurrentHashMap<>();
  private final List<UdpSocketDriver> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong malformed = new AtomicLong();
  private boolean opened;
  private volatile boolean closed;

  MdnsResolverClient(IoThreads io, List<HostAddressGatherer.HostAddress> hosts, NetworkSettings settings, Clock clock,
      ScheduledExecutorService scheduler, Callback callback) {
    this(io, hosts, settings, clock, scheduler, callback, MDNS_IPV4, MDNS_IPV6);
  }

  /** With other query destinations: tests point them at a responder on loopback. */
  MdnsResolverClient(IoThreads io, List<HostAddressGatherer.HostAddress> hosts, NetworkSettings settings, Clock clock,
      ScheduledExecutorService scheduler, Callback callback, TransportAddress ipv4Target,
      TransportAddress ipv6Target) {
    this.io = io;
    this.hosts = List.copyOf(hosts);
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
    this.callback = callback;
    this.ipv4Target = ipv4Target;
    this.ipv6Target = ipv6Target;
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
    String name = normalize(hostname);
    return DnsMessage.query(0, List.of(DnsQuestion.in(name, DnsMessage.TYPE_A, true),
        DnsQuestion.in(name, DnsMessage.TYPE_AAAA, true)));
  }

  private static String normalize(String hostname) {
    String n = hostname.endsWith(".") ? hostname.substring(0, hostname.length() - 1) : hostname;
    return n.toLowerCase(Locale.ROOT);
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
    try {
      packet = query(hostname).encode();
    } catch (IllegalArgumentException e) {
      LOG.debug("not an mDNS name: {}", e.getMessage());
      callback.resolved(hostname, null);
      return;
    }
    Query q = new Query(hostname, packet);
    if (pending.putIfAbsent(key, q) != null) {
      return; // already asked
    }
    openSockets();
    send(q);
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.mdnsTimeoutMillis());
    q.retry = scheduler.schedule(() -> {
      if (pending.get(key) == q) {
        send(q);
      }
    }, timeoutNanos / 3, TimeUnit.NANOSECONDS);
    q.timeout = scheduler.schedule(() -> complete(key, null), timeoutNanos, TimeUnit.NANOSECONDS);
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
      } catch (IOException | RuntimeException e) {
        LOG.debug("no mDNS socket on {}: {}", h.address().getHostAddress(), e.toString());
      }
    }
  }

  // No lock: the socket list is copy-on-write and sends never block.
  private void send(Query q) {
    for (UdpSocketDriver s : sockets) {
      InetAddress local = s.localAddress().address();
      if (local instanceof Inet4Address && ipv4Target != null) {
        s.send(ipv4Target, q.packet);
      } else if (local instanceof Inet6Address && ipv6Target != null) {
        s.send(ipv6Target, q.packet);
      }
    }
  }

  // Called on an I/O thread.
  private void onDatagram(TransportAddress local, TransportAddress remote, byte[] data, long nowNanos) {
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
      String key = normalize(r.name());
      if (pending.containsKey(key)) {
        complete(key, a);
      }
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
    List<CompletableFuture<Void>> released = new ArrayList<>();
    for (UdpSocketDriver s : sockets) {
      released.add(s.closeAsync());
    }
    sockets.clear();
    return CompletableFuture.allOf(released.toArray(new CompletableFuture<?>[0]));
  }
}
