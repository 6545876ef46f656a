package dev.jrtc.testkit;

import dev.jrtc.common.Entropy;
import dev.jrtc.ice.TransportAddress;
import dev.jrtc.stun.ChannelNumber;
import dev.jrtc.stun.Data;
import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.Lifetime;
import dev.jrtc.stun.MessageIntegrity;
import dev.jrtc.stun.Nonce;
import dev.jrtc.stun.Realm;
import dev.jrtc.stun.RequestedTransport;
import dev.jrtc.stun.Software;
import dev.jrtc.stun.StunAttribute;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.Username;
import dev.jrtc.stun.XorMappedAddress;
import dev.jrtc.stun.XorPeerAddress;
import dev.jrtc.stun.XorRelayedAddress;
import dev.jrtc.turn.ChannelData;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process TURN server over UDP (RFC 8656) on a {@link SimHost}, also answering STUN
 * Binding requests. It implements Allocate with long-term credentials (the 401 challenge with
 * REALM and NONCE, 438 Stale Nonce, RFC 8489 §9.2), Refresh and deallocation, CreatePermission,
 * ChannelBind, Send and Data indications and ChannelData, and enforces permissions, channel
 * bindings and lifetimes on virtual time. Relayed addresses are ports bound on the same host.
 *
 * <p>Not supported: TCP/TLS to the server, TCP allocations (RFC 6062), EVEN-PORT and
 * RESERVATION-TOKEN (ignored), DONT-FRAGMENT (ignored), dual allocations (RFC 8656
 * ADDITIONAL-ADDRESS-FAMILY), MESSAGE-INTEGRITY-SHA256 and PASSWORD-ALGORITHMS.
 */
public final class SimTurnServer {
  /** RFC 8656 §9: a permission lives 300 s. */
  static final Duration PERMISSION_LIFETIME = Duration.ofSeconds(300);
  /** RFC 8656 §12: a channel binding lives 600 s. */
  static final Duration CHANNEL_LIFETIME = Duration.ofSeconds(600);

  private final SimHost host;
  private final SimSocket socket;
  private final String realm;
  private final Map<String, String> users;
  private final Duration defaultLifetime;
  private final Duration maxLifetime;
  private final Duration nonceLifetime;
  private final Entropy entropy;
  private final Map<String, Long> nonces = new LinkedHashMap<>();
  private final Map<TransportAddress, Allocation> allocations = new LinkedHashMap<>();
  private long dropped;
  private long allocationsCreated;

  /** One allocation, RFC 8656 §2.2: keyed by the client's 5-tuple (its address; the server's is fixed). */
  private final class Allocation {
    final TransportAddress client;
    final String username;
    final byte[] key;
    final SimSocket relay;
    final TransactionId allocateTransaction;
    final byte[] allocateResponse;
    final Map<InetAddress, Long> permissions = new LinkedHashMap<>();
    final Map<Integer, TransportAddress> channels = new LinkedHashMap<>();
    final Map<TransportAddress, Integer> channelOfPeer = new LinkedHashMap<>();
    final Map<Integer, Long> channelExpiry = new LinkedHashMap<>();
    long expiresAt;
    DeterministicScheduler.Task expiry;

    Allocation(TransportAddress client, String username, byte[] key, SimSocket relay, TransactionId tx,
        byte[] response) {
      this.client = client;
      this.username = username;
      this.key = key;
      this.relay = relay;
      this.allocateTransaction = tx;
      this.allocateResponse = response;
    }

    boolean permitted(InetAddress peer, long now) {
      Long until = permissions.get(peer);
      return until != null && now < until;
    }

    Integer channelFor(TransportAddress peer, long now) {
      Integer ch = channelOfPeer.get(peer);
      return ch != null && now < channelExpiry.get(ch) ? ch : null;
    }
  }

  private SimTurnServer(Builder b) {
    this.host = b.host;
    this.realm = b.realm;
    this.users = Map.copyOf(b.users);
    this.defaultLifetime = b.defaultLifetime;
    this.maxLifetime = b.maxLifetime;
    this.nonceLifetime = b.nonceLifetime;
    this.entropy = host.net().entropy("turn server " + host.name() + ":" + b.port);
    this.socket = host.bind(b.port);
    socket.onReceive(this::onClientDatagram);
  }

  /** A builder for a server on {@code host}. */
  public static Builder builder(SimHost host) {
    return new Builder(host);
  }

  /** Configures a {@link SimTurnServer}. */
  public static final class Builder {
    private final SimHost host;
    private int port = 3478;
    private String realm = "jrtc.test";
    private final Map<String, String> users = new LinkedHashMap<>();
    private Duration defaultLifetime = Duration.ofSeconds(600);
    private Duration maxLifetime = Duration.ofSeconds(3600);
    private Duration nonceLifetime = Duration.ofHours(1);

    private Builder(SimHost host) {
      if (host == null) {
        throw new IllegalArgumentException("host is required");
      }
      this.host = host;
    }

    /** The UDP port (default 3478, RFC 8656 §3). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The REALM (default {@code jrtc.test}). */
    public Builder realm(String realm) {
      this.realm = realm;
      return this;
    }

    /** Adds a long-term credential. */
    public Builder user(String username, String password) {
      users.put(username, password);
      return this;
    }

    /**
     * Allocation lifetimes (RFC 8656 §7.2): the default when the client asks for less (or
     * nothing), and the maximum granted. Defaults 600 s and 3600 s.
     */
    public Builder lifetimes(Duration defaultLifetime, Duration maxLifetime) {
      if (defaultLifetime.compareTo(maxLifetime) > 0 || defaultLifetime.getSeconds() < 1) {
        throw new IllegalArgumentException("need 1 s <= default <= max");
      }
      this.defaultLifetime = defaultLifetime;
      this.maxLifetime = maxLifetime;
      return this;
    }

    /** How long a NONCE stays valid before requests get 438 Stale Nonce (default 1 hour). */
    public Builder nonceLifetime(Duration d) {
      this.nonceLifetime = d;
      return this;
    }

    /** Binds the port and starts serving. */
    public SimTurnServer start() {
      if (users.isEmpty()) {
        throw new IllegalArgumentException("a TURN server needs at least one user");
      }
      return new SimTurnServer(this);
    }
  }

  /** The server's transport address. */
  public TransportAddress address() {
    return socket.localAddress();
  }

  /** The REALM. */
  public String realm() {
    return realm;
  }

  /** Live allocations. */
  public int allocationCount() {
    return allocations.size();
  }

  /** Allocations ever created. */
  public long allocationsCreated() {
    return allocationsCreated;
  }

  /** The relayed address of the allocation of {@code client} (as the server sees it), or null. */
  public TransportAddress relayedAddressOf(TransportAddress client) {
    Allocation a = allocations.get(client);
    return a == null ? null : a.relay.localAddress();
  }

  /** Datagrams dropped: malformed, unauthenticated indications, no permission, unknown channel. */
  public long dropped() {
    return dropped;
  }

  /** Invalidates every NONCE issued so far: the next authenticated request gets 438 Stale Nonce. */
  public void expireNonces() {
    nonces.clear();
  }

  /** Releases every allocation and closes the server's port. */
  public void stop() {
    for (Allocation a : new ArrayList<>(allocations.values())) {
      release(a);
    }
    socket.close();
  }

  private long now() {
    return host.net().scheduler().nowNanos();
  }

  // ---------------------------------------------------------------- from clients

  private void onClientDatagram(TransportAddress from, TransportAddress to, byte[] data) {
    if (ChannelData.isChannelData(data)) {
      onChannelData(from, data);
      return;
    }
    StunMessage m = StunReplies.parse(data);
    if (m == null) {
      dropped++;
      return;
    }
    if (m.stunClass() == StunClass.INDICATION) {
      if (m.method().equals(StunMethod.SEND)) {
        onSend(from, m);
      } else {
        dropped++;
      }
      return;
    }
    if (m.stunClass() != StunClass.REQUEST) {
      dropped++;
      return;
    }
    if (m.method().equals(StunMethod.BINDING)) {
      byte[] unknown = StunReplies.unknownAttributes(m, null);
      socket.send(from, unknown != null ? unknown : StunReplies.bindingSuccess(m, from));
      return;
    }
    boolean known = m.method().equals(StunMethod.ALLOCATE) || m.method().equals(StunMethod.REFRESH)
        || m.method().equals(StunMethod.CREATE_PERMISSION) || m.method().equals(StunMethod.CHANNEL_BIND);
    if (!known) {
      socket.send(from, StunReplies.error(m, ErrorCode.BAD_REQUEST, "Unknown method", null, List.of()));
      return;
    }
    byte[] key = authenticate(from, m);
    if (key == null) {
      return; // answered with 400, 401 or 438
    }
    byte[] unknown = StunReplies.unknownAttributes(m, key);
    if (unknown != null) {
      socket.send(from, unknown);
      return;
    }
    if (m.method().equals(StunMethod.ALLOCATE)) {
      onAllocate(from, m, key);
      return;
    }
    Allocation a = allocations.get(from);
    if (a == null || !a.username.equals(m.attribute(Username.class).get().value())) {
      // RFC 8656 §7.3 / §9.2 / §12.2: no allocation for this 5-tuple (or another user's)
      socket.send(from, StunReplies.error(m, ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch", key, List.of()));
      return;
    }
    if (m.method().equals(StunMethod.REFRESH)) {
      onRefresh(a, m);
    } else if (m.method().equals(StunMethod.CREATE_PERMISSION)) {
      onCreatePermission(a, m);
    } else {
      onChannelBind(a, m);
    }
  }

  /**
   * The long-term credential check of RFC 8489 §9.2.4. Returns the key, or null after sending
   * the error response.
   */
  private byte[] authenticate(TransportAddress from, StunMessage m) {
    if (!m.has(MessageIntegrity.class)) {
      challenge(from, m, ErrorCode.UNAUTHENTICATED, "Unauthenticated");
      return null;
    }
    Username user = m.attribute(Username.class).orElse(null);
    Realm r = m.attribute(Realm.class).orElse(null);
    Nonce nonce = m.attribute(Nonce.class).orElse(null);
    if (user == null || r == null || nonce == null) {
      socket.send(from, StunReplies.error(m, ErrorCode.BAD_REQUEST, "Bad Request", null, List.of()));
      return null;
    }
    Long nonceExpiry = nonces.get(nonce.value());
    if (nonceExpiry == null || now() >= nonceExpiry) {
      nonces.remove(nonce.value());
      challenge(from, m, ErrorCode.STALE_NONCE, "Stale Nonce");
      return null;
    }
    String password = users.get(user.value());
    if (password == null || !r.value().equals(realm)) {
      challenge(from, m, ErrorCode.UNAUTHENTICATED, "Unauthenticated");
      return null;
    }
    byte[] key = StunCredentials.longTermKey(user.value(), realm, password);
    if (!m.checkMessageIntegrity(key)) {
      challenge(from, m, ErrorCode.UNAUTHENTICATED, "Unauthenticated");
      return null;
    }
    return key;
  }

  /** A 401 or 438 answer with REALM and a fresh NONCE and no MESSAGE-INTEGRITY (RFC 8489 §9.2.4). */
  private void challenge(TransportAddress from, StunMessage m, int code, String reason) {
    byte[] raw = new byte[12];
    entropy.nextBytes(raw);
    String nonce = HexFormat.of().formatHex(raw);
    nonces.put(nonce, now() + nonceLifetime.toNanos());
    socket.send(from, StunReplies.error(m, code, reason, null, List.of(new Realm(realm), new Nonce(nonce))));
  }

  private byte[] success(StunMessage request, byte[] key, List<StunAttribute> attrs) {
    StunMessage.Builder b = StunMessage.builder(request.method(), StunClass.SUCCESS_RESPONSE, request.transactionId());
    attrs.forEach(b::add);
    return b.add(new Software(StunReplies.SOFTWARE)).addMessageIntegrity(key).addFingerprint().build().encode();
  }

  private void onAllocate(TransportAddress from, StunMessage m, byte[] key) {
    Allocation existing = allocations.get(from);
    if (existing != null) {
      // RFC 8656 §7.2: a retransmitted Allocate gets the same answer; another one is a mismatch.
      socket.send(from, existing.allocateTransaction.equals(m.transactionId()) ? existing.allocateResponse
          : StunReplies.error(m, ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch", key, List.of()));
      return;
    }
    RequestedTransport transport = m.attribute(RequestedTransport.class).orElse(null);
    if (transport == null) {
      socket.send(from, StunReplies.error(m, ErrorCode.BAD_REQUEST, "Missing REQUESTED-TRANSPORT", key, List.of()));
      return;
    }
    if (transport.protocol() != RequestedTransport.UDP) {
      socket.send(from, StunReplies.error(m, ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL,
          "Unsupported Transport Protocol", key, List.of()));
      return;
    }
    long lifetime = grantedLifetime(m, true);
    SimSocket relay = host.bind(0);
    byte[] response = success(m, key, List.of(
        new XorRelayedAddress(relay.localAddress().address(), relay.localAddress().port()),
        new Lifetime(lifetime),
        new XorMappedAddress(from.address(), from.port())));
    Allocation a = new Allocation(from, m.attribute(Username.class).get().value(), key, relay, m.transactionId(),
        response);
    relay.onReceive((peer, relayed, data) -> onPeerDatagram(a, peer, data));
    allocations.put(from, a);
    allocationsCreated++;
    setLifetime(a, lifetime);
    socket.send(from, response);
  }

  /** RFC 8656 §7.2 step 8 / §7.3: min(requested, max), raised to the default for Allocate. */
  private long grantedLifetime(StunMessage m, boolean allocate) {
    long max = maxLifetime.getSeconds();
    long def = defaultLifetime.getSeconds();
    Lifetime requested = m.attribute(Lifetime.class).orElse(null);
    if (requested == null) {
      return def;
    }
    long l = Math.min(requested.seconds(), max);
    return allocate ? Math.max(l, def) : l;
  }

  private void setLifetime(Allocation a, long seconds) {
    if (a.expiry != null) {
      a.expiry.cancel();
    }
    a.expiresAt = now() + Duration.ofSeconds(seconds).toNanos();
    a.expiry = host.net().scheduler().scheduleAt(a.expiresAt, () -> release(a));
  }

  private void release(Allocation a) {
    if (allocations.remove(a.client, a)) {
      if (a.expiry != null) {
        a.expiry.cancel();
      }
      a.relay.close();
    }
  }

  private void onRefresh(Allocation a, StunMessage m) {
    long lifetime = grantedLifetime(m, false);
    if (m.attribute(Lifetime.class).isPresent() && lifetime == 0) {
      release(a); // RFC 8656 §7.3: LIFETIME 0 deletes the allocation
    } else {
      setLifetime(a, lifetime);
    }
    socket.send(a.client, success(m, a.key, List.of(new Lifetime(lifetime))));
  }

  private void onCreatePermission(Allocation a, StunMessage m) {
    List<XorPeerAddress> peers = new ArrayList<>();
    for (StunAttribute attr : m.attributes()) {
      if (attr instanceof XorPeerAddress) {
        peers.add((XorPeerAddress) attr);
      }
    }
    if (peers.isEmpty()) {
      socket.send(a.client, StunReplies.error(m, ErrorCode.BAD_REQUEST, "Missing XOR-PEER-ADDRESS", a.key, List.of()));
      return;
    }
    for (XorPeerAddress p : peers) {
      if (p.address().getAddress().length != a.relay.localAddress().address().getAddress().length) {
        socket.send(a.client, StunReplies.error(m, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH,
            "Peer Address Family Mismatch", a.key, List.of()));
        return;
      }
    }
    // RFC 8656 §9.2: install or refresh every permission, all or nothing.
    long until = now() + PERMISSION_LIFETIME.toNanos();
    for (XorPeerAddress p : peers) {
      a.permissions.put(p.address(), until);
    }
    socket.send(a.client, success(m, a.key, List.of()));
  }

  private void onChannelBind(Allocation a, StunMessage m) {
    ChannelNumber ch = m.attribute(ChannelNumber.class).orElse(null);
    XorPeerAddress peer = m.attribute(XorPeerAddress.class).orElse(null);
    long now = now();
    if (ch == null || peer == null || ch.channel() < ChannelData.MIN_CHANNEL || ch.channel() > ChannelData.MAX_CHANNEL) {
      socket.send(a.client, StunReplies.error(m, ErrorCode.BAD_REQUEST, "Bad Request", a.key, List.of()));
      return;
    }
    if (peer.address().getAddress().length != a.relay.localAddress().address().getAddress().length) {
      socket.send(a.client, StunReplies.error(m, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH,
          "Peer Address Family Mismatch", a.key, List.of()));
      return;
    }
    TransportAddress p = TransportAddress.udp(peer.address(), peer.port());
    TransportAddress boundPeer = a.channels.get(ch.channel());
    Integer boundChannel = a.channelOfPeer.get(p);
    boolean channelLive = boundPeer != null && now < a.channelExpiry.get(ch.channel());
    boolean peerLive = boundChannel != null && now < a.channelExpiry.get(boundChannel);
    // RFC 8656 §12.2: a channel bound to another peer, or a peer bound to another channel, is a 400.
    if ((channelLive && !boundPeer.equals(p)) || (peerLive && boundChannel != ch.channel())) {
      socket.send(a.client, StunReplies.error(m, ErrorCode.BAD_REQUEST, "Channel in use", a.key, List.of()));
      return;
    }
    if (boundPeer != null && !boundPeer.equals(p)) {
      a.channelOfPeer.remove(boundPeer);
    }
    if (boundChannel != null && boundChannel != ch.channel()) {
      a.channels.remove(boundChannel);
      a.channelExpiry.remove(boundChannel);
    }
    a.channels.put(ch.channel(), p);
    a.channelOfPeer.put(p, ch.channel());
    a.channelExpiry.put(ch.channel(), now + CHANNEL_LIFETIME.toNanos());
    a.permissions.put(p.address(), now + PERMISSION_LIFETIME.toNanos()); // §12.2 also installs a permission
    socket.send(a.client, success(m, a.key, List.of()));
  }

  /** RFC 8656 §11.2: a Send indication relays DATA to XOR-PEER-ADDRESS if a permission exists. */
  private void onSend(TransportAddress from, StunMessage m) {
    Allocation a = allocations.get(from);
    XorPeerAddress peer = m.attribute(XorPeerAddress.class).orElse(null);
    Data data = m.attribute(Data.class).orElse(null);
    if (a == null || peer == null || data == null || !a.permitted(peer.address(), now())) {
      dropped++;
      return;
    }
    a.relay.send(TransportAddress.udp(peer.address(), peer.port()), data.value());
  }

  /** RFC 8656 §12.5: ChannelData from the client goes to the channel's peer. */
  private void onChannelData(TransportAddress from, byte[] data) {
    Allocation a = allocations.get(from);
    ChannelData cd;
    try {
      cd = ChannelData.parse(data);
    } catch (dev.jrtc.stun.StunParseException e) {
      dropped++;
      return;
    }
    TransportAddress peer = a == null ? null : a.channels.get(cd.channel());
    if (peer == null || now() >= a.channelExpiry.get(cd.channel()) || !a.permitted(peer.address(), now())) {
      dropped++;
      return;
    }
    a.relay.send(peer, cd.data());
  }

  // ---------------------------------------------------------------- from peers

  /** RFC 8656 §11.3 and §12.6: a datagram at the relayed address goes to the client if permitted. */
  private void onPeerDatagram(Allocation a, TransportAddress peer, byte[] data) {
    long now = now();
    if (!a.permitted(peer.address(), now)) {
      dropped++;
      return;
    }
    Integer ch = a.channelFor(peer, now);
    if (ch != null) {
      socket.send(a.client, new ChannelData(ch, data).encode());
      return;
    }
    byte[] txId = new byte[TransactionId.LENGTH];
    entropy.nextBytes(txId);
    socket.send(a.client, StunMessage.builder(StunMethod.DATA, StunClass.INDICATION, TransactionId.of(txId))
        .add(new XorPeerAddress(peer.address(), peer.port())).add(new Data(data)).build().encode());
  }
}
