package dev.jrtc.turn;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.ChannelNumber;
import dev.jrtc.stun.Data;
import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.Lifetime;
import dev.jrtc.stun.Nonce;
import dev.jrtc.stun.Realm;
import dev.jrtc.stun.RequestedTransport;
import dev.jrtc.stun.Software;
import dev.jrtc.stun.StunAttribute;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.StunParseException;
import dev.jrtc.stun.StunTransaction;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.Username;
import dev.jrtc.stun.XorMappedAddress;
import dev.jrtc.stun.XorPeerAddress;
import dev.jrtc.stun.XorRelayedAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sans-IO TURN client, RFC 8656: one allocation on one server, over UDP, TCP or TLS to the
 * server ({@link TurnTransport}).
 *
 * <p>Allocate with long-term credentials (the first request is unauthenticated; the 401
 * answer brings REALM and NONCE, RFC 8489 §9.2.4; a 438 brings a fresh NONCE and the request is
 * repeated), Refresh before the lifetime runs out (§7.4), CreatePermission (§9, refreshed every
 * 4 minutes of the 5-minute lifetime), ChannelBind (§12, refreshed every 9 minutes of 10),
 * Send/Data indications (§11) and ChannelData (§12.4), and deallocation with a Refresh of
 * LIFETIME 0 on {@link #close(long)}.
 *
 * <p>Every datagram from {@link #pollTransmit()} goes to the TURN server; the driver feeds
 * every datagram from the server to {@link #handleInbound(byte[], long)}. Over TCP and TLS
 * (RFC 8656 §3.1) the same methods carry stream bytes instead: {@link #pollTransmit()} returns
 * bytes to write to the connection, in order (ChannelData padded to 4 bytes, §12.5), and
 * {@link #handleInbound(byte[], long)} takes whatever chunk was read; requests are not
 * retransmitted and time out after Ti = 39.5 s (RFC 8489 §6.2.2). The driver owns the
 * connection (and the TLS engine); if it breaks, the allocation is gone (§3.1): the driver
 * closes this client. Not thread-safe; never reads a clock.
 */
public final class TurnClient {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.turn");
  static final long S = 1_000_000_000L;
  /** RFC 8656 §9 permission lifetime. */
  static final long PERMISSION_LIFETIME_NANOS = 300 * S;
  static final long PERMISSION_REFRESH_NANOS = 240 * S;
  /** RFC 8656 §12 channel binding lifetime. */
  static final long CHANNEL_LIFETIME_NANOS = 600 * S;
  static final long CHANNEL_REFRESH_NANOS = 540 * S;
  /** Retries after 438 Stale Nonce for one operation. */
  static final int MAX_STALE_NONCE_RETRIES = 3;
  /** Error code reported when the server never answers (the W3C STUN/TURN timeout code). */
  public static final int TIMEOUT_ERROR_CODE = 701;
  /** Chromium's {@code icecandidateerror} text for an Allocate request that got no answer. */
  public static final String ALLOCATE_TIMEOUT_TEXT = "TURN allocate request timed out.";

  private enum Op { ALLOCATE, REFRESH, DEALLOCATE, CREATE_PERMISSION, CHANNEL_BIND }

  private static final class Request {
    final Op op;
    final StunMethod method;
    final List<StunAttribute> body;
    final boolean authenticated;
    final int staleRetries;
    final InetAddress permissionPeer;
    final InetSocketAddress channelPeer;
    StunTransaction tx;

    Request(Op op, StunMethod method, List<StunAttribute> body, boolean authenticated, int staleRetries,
        InetAddress permissionPeer, InetSocketAddress channelPeer) {
      this.op = op;
      this.method = method;
      this.body = body;
      this.authenticated = authenticated;
      this.staleRetries = staleRetries;
      this.permissionPeer = permissionPeer;
      this.channelPeer = channelPeer;
    }
  }

  private static final class Permission {
    boolean installed;
    boolean inFlight;
    long refreshAt = Long.MAX_VALUE;
    long expiresAt = Long.MAX_VALUE;
    final List<Object[]> queued = new ArrayList<>();
  }

  private static final class Channel {
    final int number;
    boolean bound;
    boolean inFlight;
    long refreshAt = Long.MAX_VALUE;
    long expiresAt = Long.MAX_VALUE;

    Channel(int number) {
      this.number = number;
    }
  }

  private final TurnConfig config;
  private final TurnTransport transport;
  private final TurnStreamDecoder stream;
  private final Entropy entropy;
  private TurnState state = TurnState.ALLOCATING;
  private String realm;
  private String nonce;
  private byte[] key;
  private InetSocketAddress relayed;
  private InetSocketAddress mapped;
  private long refreshAt = Long.MAX_VALUE;
  private long expiresAt = Long.MAX_VALUE;
  private boolean refreshInFlight;
  private final Map<TransactionId, Request> pending = new LinkedHashMap<>();
  private final Map<InetAddress, Permission> permissions = new LinkedHashMap<>();
  private final Map<InetSocketAddress, Channel> channels = new LinkedHashMap<>();
  private final Map<Integer, InetSocketAddress> channelPeers = new LinkedHashMap<>();
  private int nextChannel = ChannelData.MIN_CHANNEL;
  private final ArrayDeque<byte[]> transmits = new ArrayDeque<>();
  private final ArrayDeque<TurnEvent> events = new ArrayDeque<>();
  private long dropped;

  private TurnClient(TurnConfig config, TurnTransport transport, Entropy entropy) {
    this.config = config;
    this.transport = transport;
    this.stream = transport.isStream() ? new TurnStreamDecoder() : null;
    this.entropy = entropy;
  }

  /** Creates a client over UDP and sends the first Allocate request (RFC 8656 §7.1). */
  public static TurnClient allocate(TurnConfig config, Entropy entropy, long nowNanos) {
    return allocate(config, TurnTransport.UDP, entropy, nowNanos);
  }

  /**
   * Creates a client over {@code transport} and sends the first Allocate request (RFC 8656 §7.1);
   * over TCP or TLS the driver opens the connection before writing the first bytes.
   */
  public static TurnClient allocate(TurnConfig config, TurnTransport transport, Entropy entropy, long nowNanos) {
    TurnClient c = new TurnClient(config, java.util.Objects.requireNonNull(transport, "transport"), entropy);
    c.sendAllocate(0, nowNanos);
    return c;
  }

  /** The transport to the server. */
  public TurnTransport transport() {
    return transport;
  }

  /** The allocation state. */
  public TurnState state() {
    return state;
  }

  /** The relayed transport address, or null before the allocation succeeds. */
  public InetSocketAddress relayedAddress() {
    return relayed;
  }

  /** The server-reflexive address the server reported, or null. */
  public InetSocketAddress mappedAddress() {
    return mapped;
  }

  /** How many inbound datagrams were dropped (malformed, unauthenticated, unknown channel). */
  public long droppedCount() {
    return dropped;
  }

  /** The next datagram for the server, or null. */
  public byte[] pollTransmit() {
    return transmits.pollFirst();
  }

  /** The next event, or null. */
  public TurnEvent pollEvent() {
    return events.pollFirst();
  }

  // ---------------------------------------------------------------- requests

  private void sendAllocate(int staleRetries, long now) {
    List<StunAttribute> body = new ArrayList<>();
    body.add(new RequestedTransport(RequestedTransport.UDP)); // RFC 8656 §7.1
    body.add(new Lifetime(config.lifetimeSeconds()));
    if (config.software() != null) {
      body.add(new Software(config.software()));
    }
    send(new Request(Op.ALLOCATE, StunMethod.ALLOCATE, body, key != null, staleRetries, null, null), now);
  }

  private void send(Request r, long now) {
    StunMessage.Builder b = StunMessage.builder(r.method, StunClass.REQUEST, TransactionId.random(entropy));
    r.body.forEach(b::add);
    if (r.authenticated) {
      // RFC 8489 §9.2.4: USERNAME, REALM, NONCE and MESSAGE-INTEGRITY on every request.
      b.add(new Username(config.username())).add(new Realm(realm)).add(new Nonce(nonce)).addMessageIntegrity(key);
    }
    StunMessage m = b.build();
    // RFC 8489 §6.2.2: no retransmission over a reliable transport.
    r.tx = stream != null ? StunTransaction.reliable(m, config.retransmission().totalNanos(), now)
        : StunTransaction.udp(m, config.retransmission(), now);
    pending.put(m.transactionId(), r);
    transmits.add(r.tx.pollTransmit(now));
  }

  private Request retry(Request r, int staleRetries) {
    return new Request(r.op, r.method, r.body, key != null, staleRetries, r.permissionPeer, r.channelPeer);
  }

  /** Installs a permission for {@code peer} (RFC 8656 §9); refreshed until close. */
  public void createPermission(InetAddress peer, long nowNanos) {
    requireAllocated();
    Permission p = permissions.computeIfAbsent(peer, k -> new Permission());
    if (!p.inFlight) {
      sendCreatePermission(peer, p, nowNanos);
    }
  }

  private void sendCreatePermission(InetAddress peer, Permission p, long now) {
    p.inFlight = true;
    send(new Request(Op.CREATE_PERMISSION, StunMethod.CREATE_PERMISSION,
        List.of(new XorPeerAddress(peer, 0)), true, 0, peer, null), now);
  }

  /**
   * Binds a channel to {@code peer} (RFC 8656 §12.1) and returns its number. Data to the peer
   * goes as Send indications until the binding is confirmed, then as ChannelData.
   */
  public int channelBind(InetSocketAddress peer, long nowNanos) {
    requireAllocated();
    Channel c = channels.get(peer);
    if (c == null) {
      if (nextChannel > ChannelData.MAX_CHANNEL) {
        throw new IllegalStateException("no channel numbers left");
      }
      c = new Channel(nextChannel++);
      channels.put(peer, c);
      channelPeers.put(c.number, peer);
    }
    if (!c.inFlight) {
      sendChannelBind(peer, c, nowNanos);
    }
    return c.number;
  }

  private void sendChannelBind(InetSocketAddress peer, Channel c, long now) {
    c.inFlight = true;
    send(new Request(Op.CHANNEL_BIND, StunMethod.CHANNEL_BIND,
        List.of(new ChannelNumber(c.number), new XorPeerAddress(peer.getAddress(), peer.getPort())), true, 0, null,
        peer), now);
  }

  /**
   * Sends {@code data} to {@code peer} through the relay: ChannelData on a bound channel, a
   * Send indication where a permission exists, otherwise it is queued and a permission created.
   */
  public void send(InetSocketAddress peer, byte[] data, long nowNanos) {
    requireAllocated();
    Channel c = channels.get(peer);
    if (c != null && c.bound) {
      ChannelData cd = new ChannelData(c.number, data);
      transmits.add(stream != null ? cd.encodePadded() : cd.encode()); // RFC 8656 §12.5
      return;
    }
    Permission p = permissions.get(peer.getAddress());
    if (p != null && p.installed) {
      transmits.add(sendIndication(peer, data));
      return;
    }
    if (p == null) {
      p = new Permission();
      permissions.put(peer.getAddress(), p);
    }
    p.queued.add(new Object[] {peer, data.clone()});
    if (!p.inFlight) {
      sendCreatePermission(peer.getAddress(), p, nowNanos);
    }
  }

  private byte[] sendIndication(InetSocketAddress peer, byte[] data) {
    // RFC 8656 §11.1: Send indications carry no authentication.
    return StunMessage.builder(StunMethod.SEND, StunClass.INDICATION, TransactionId.random(entropy))
        .add(new XorPeerAddress(peer.getAddress(), peer.getPort())).add(new Data(data)).build().encode();
  }

  /** Releases the allocation with a Refresh of LIFETIME 0 (RFC 8656 §7.3). */
  public void close(long nowNanos) {
    if (state == TurnState.CLOSED || state == TurnState.CLOSING || state == TurnState.FAILED) {
      return;
    }
    for (Request r : pending.values()) {
      r.tx.cancel();
    }
    pending.clear();
    if (state != TurnState.ALLOCATED) {
      state = TurnState.CLOSED;
      events.add(new TurnEvent.Closed());
      return;
    }
    state = TurnState.CLOSING;
    send(new Request(Op.DEALLOCATE, StunMethod.REFRESH, List.of(new Lifetime(0)), true, 0, null, null), nowNanos);
  }

  private void requireAllocated() {
    if (state != TurnState.ALLOCATED) {
      throw new IllegalStateException("no allocation: " + state);
    }
  }

  // ---------------------------------------------------------------- inbound

  /**
   * A datagram from the TURN server, or over TCP/TLS the next bytes read from the connection
   * (any chunking). A stream that is out of sync (neither STUN nor ChannelData where a message
   * should start) cannot be resumed: the allocation is reported failed or expired.
   */
  public void handleInbound(byte[] datagram, long nowNanos) {
    if (stream == null) {
      handleMessage(datagram, nowNanos);
      return;
    }
    if (state == TurnState.CLOSED || state == TurnState.FAILED) {
      dropped++;
      return;
    }
    List<byte[]> messages;
    try {
      messages = stream.feed(datagram);
    } catch (StunParseException e) {
      dropped++;
      LOG.debug("TURN stream out of sync: {}", e.getMessage());
      streamBroken(e.getMessage());
      return;
    }
    for (byte[] m : messages) {
      handleMessage(m, nowNanos);
    }
  }

  /**
   * The TCP or TLS connection to the server is gone (closed by the server, reset, or it never
   * opened): RFC 8656 §3.1 ties the allocation to the connection, so it is gone too. While
   * allocating this is {@link TurnEvent.AllocationFailed} with {@code errorCode} (701 in the W3C
   * sense when the server could not be reached) and {@code reason}; once allocated,
   * {@link TurnEvent.Expired} (the relayed candidate and its permissions are lost); while closing,
   * {@link TurnEvent.Closed}. Nothing is sent afterwards.
   */
  public void connectionLost(int errorCode, String reason, long nowNanos) {
    transmits.clear();
    for (Request r : pending.values()) {
      r.tx.cancel();
    }
    pending.clear();
    if (state == TurnState.ALLOCATING) {
      LOG.debug("TURN connection lost while allocating: {}", reason);
      state = TurnState.FAILED;
      events.add(new TurnEvent.AllocationFailed(errorCode, reason));
    } else if (state == TurnState.ALLOCATED) {
      LOG.debug("TURN connection lost: {}", reason);
      expire();
    } else if (state == TurnState.CLOSING) {
      closed();
    }
  }

  private void streamBroken(String reason) {
    for (Request r : pending.values()) {
      r.tx.cancel();
    }
    pending.clear();
    if (state == TurnState.ALLOCATING) {
      state = TurnState.FAILED;
      events.add(new TurnEvent.AllocationFailed(ErrorCode.SERVER_ERROR, "TURN stream out of sync: " + reason));
    } else if (state == TurnState.ALLOCATED) {
      expire();
    } else {
      closed();
    }
  }

  private void handleMessage(byte[] datagram, long nowNanos) {
    if (ChannelData.isChannelData(datagram)) {
      try {
        ChannelData cd = ChannelData.parse(datagram);
        InetSocketAddress peer = channelPeers.get(cd.channel());
        if (peer == null) {
          dropped++;
          return;
        }
        events.add(new TurnEvent.PeerData(peer, cd.data()));
      } catch (StunParseException e) {
        dropped++;
      }
      return;
    }
    StunMessage m;
    try {
      m = StunMessage.parse(datagram);
    } catch (StunParseException e) {
      dropped++;
      return;
    }
    if (m.stunClass() == StunClass.INDICATION) {
      if (m.method().equals(StunMethod.DATA)) { // RFC 8656 §11.4
        XorPeerAddress peer = m.attribute(XorPeerAddress.class).orElse(null);
        Data data = m.attribute(Data.class).orElse(null);
        if (peer == null || data == null || !permissions.containsKey(peer.address())) {
          dropped++;
          return;
        }
        events.add(new TurnEvent.PeerData(new InetSocketAddress(peer.address(), peer.port()), data.value()));
      } else {
        dropped++;
      }
      return;
    }
    if (!m.stunClass().isResponse()) {
      dropped++;
      return;
    }
    Request r = pending.get(m.transactionId());
    if (r == null) {
      dropped++;
      return;
    }
    if (m.stunClass() == StunClass.SUCCESS_RESPONSE && r.authenticated && !m.checkMessageIntegrity(key)) {
      dropped++; // RFC 8489 §9.2.5: an unauthenticated success is discarded
      return;
    }
    pending.remove(m.transactionId());
    r.tx.handleResponse();
    if (m.stunClass() == StunClass.ERROR_RESPONSE) {
      onError(r, m, nowNanos);
    } else {
      onSuccess(r, m, nowNanos);
    }
  }

  private void onError(Request r, StunMessage m, long now) {
    ErrorCode error = m.attribute(ErrorCode.class).orElse(new ErrorCode(ErrorCode.BAD_REQUEST, "no ERROR-CODE"));
    int code = error.code();
    if (code == ErrorCode.UNAUTHENTICATED && !r.authenticated && m.has(Realm.class) && m.has(Nonce.class)) {
      // RFC 8489 §9.2.4: the challenge; retry with the long-term key.
      realm = m.attribute(Realm.class).get().value();
      nonce = m.attribute(Nonce.class).get().value();
      try {
        key = StunCredentials.longTermKey(config.username(), realm, config.password());
      } catch (IllegalArgumentException e) {
        fail(r, ErrorCode.UNAUTHENTICATED, "password rejected by SASLprep");
        return;
      }
      send(retry(r, r.staleRetries), now);
      return;
    }
    if (code == ErrorCode.STALE_NONCE && m.has(Nonce.class) && r.staleRetries < MAX_STALE_NONCE_RETRIES) {
      // RFC 8489 §9.2.5: take the new NONCE (and REALM) and repeat the request.
      nonce = m.attribute(Nonce.class).get().value();
      m.attribute(Realm.class).ifPresent(x -> realm = x.value());
      if (realm != null) {
        key = StunCredentials.longTermKey(config.username(), realm, config.password());
      }
      send(retry(r, r.staleRetries + 1), now);
      return;
    }
    fail(r, code, error.reason());
  }

  private void fail(Request r, int code, String reason) {
    switch (r.op) {
      case ALLOCATE:
        LOG.debug("TURN allocation failed: {} {}", code, reason);
        state = TurnState.FAILED;
        events.add(new TurnEvent.AllocationFailed(code, reason));
        break;
      case REFRESH:
        refreshInFlight = false;
        if (code == ErrorCode.ALLOCATION_MISMATCH) { // RFC 8656 §7.5: the allocation is gone
          expire();
        }
        break;
      case DEALLOCATE:
        closed();
        break;
      case CREATE_PERMISSION: {
        Permission p = permissions.get(r.permissionPeer);
        if (p != null) {
          p.inFlight = false;
          dropped += p.queued.size();
          p.queued.clear();
        }
        events.add(new TurnEvent.PermissionFailed(r.permissionPeer, code, reason));
        break;
      }
      case CHANNEL_BIND: {
        Channel c = channels.get(r.channelPeer);
        if (c != null) {
          c.inFlight = false;
        }
        break;
      }
      default:
        throw new AssertionError(r.op);
    }
  }

  private void onSuccess(Request r, StunMessage m, long now) {
    switch (r.op) {
      case ALLOCATE: {
        XorRelayedAddress rel = m.attribute(XorRelayedAddress.class).orElse(null);
        if (rel == null) {
          fail(r, ErrorCode.SERVER_ERROR, "Allocate success without XOR-RELAYED-ADDRESS");
          return;
        }
        relayed = new InetSocketAddress(rel.address(), rel.port());
        mapped = m.attribute(XorMappedAddress.class).map(x -> new InetSocketAddress(x.address(), x.port())).orElse(null);
        long lifetime = m.attribute(Lifetime.class).map(Lifetime::seconds).orElse(config.lifetimeSeconds());
        schedule(lifetime, now);
        LOG.debug("TURN allocated for {} s", lifetime);
        state = TurnState.ALLOCATED;
        events.add(new TurnEvent.Allocated(relayed, mapped, lifetime));
        break;
      }
      case REFRESH:
        refreshInFlight = false;
        schedule(m.attribute(Lifetime.class).map(Lifetime::seconds).orElse(config.lifetimeSeconds()), now);
        break;
      case DEALLOCATE:
        closed();
        break;
      case CREATE_PERMISSION: {
        Permission p = permissions.get(r.permissionPeer);
        if (p != null) {
          permissionInstalled(r.permissionPeer, p, now);
        }
        break;
      }
      case CHANNEL_BIND: {
        Channel c = channels.get(r.channelPeer);
        if (c == null) {
          return;
        }
        boolean first = !c.bound;
        c.bound = true;
        c.inFlight = false;
        c.refreshAt = now + CHANNEL_REFRESH_NANOS;
        c.expiresAt = now + CHANNEL_LIFETIME_NANOS;
        // RFC 8656 §12.1: a channel binding also installs or refreshes the permission.
        InetAddress ip = r.channelPeer.getAddress();
        permissionInstalled(ip, permissions.computeIfAbsent(ip, k -> new Permission()), now);
        if (first) {
          events.add(new TurnEvent.ChannelBound(r.channelPeer, c.number));
        }
        break;
      }
      default:
        throw new AssertionError(r.op);
    }
  }

  private void permissionInstalled(InetAddress peer, Permission p, long now) {
    boolean first = !p.installed;
    p.installed = true;
    p.inFlight = false;
    p.refreshAt = now + PERMISSION_REFRESH_NANOS;
    p.expiresAt = now + PERMISSION_LIFETIME_NANOS;
    if (first) {
      events.add(new TurnEvent.PermissionCreated(peer));
    }
    for (Object[] q : p.queued) {
      transmits.add(sendIndication((InetSocketAddress) q[0], (byte[]) q[1]));
    }
    p.queued.clear();
  }

  private void schedule(long lifetimeSeconds, long now) {
    long lifetime = lifetimeSeconds * S;
    expiresAt = now + lifetime;
    // RFC 8656 §7.4 leaves the timing to the client: refresh a minute early, or halfway for short lifetimes.
    refreshAt = now + Math.max(lifetime - 60 * S, lifetime / 2);
  }

  private void expire() {
    LOG.debug("TURN allocation expired");
    state = TurnState.FAILED;
    events.add(new TurnEvent.Expired());
    pending.clear();
  }

  private void closed() {
    state = TurnState.CLOSED;
    events.add(new TurnEvent.Closed());
  }

  // ---------------------------------------------------------------- time

  /** Advances time: retransmissions, refreshes and expiry. */
  public void handleTimeout(long nowNanos) {
    long now = nowNanos;
    Iterator<Map.Entry<TransactionId, Request>> it = pending.entrySet().iterator();
    List<Request> timedOut = new ArrayList<>();
    while (it.hasNext()) {
      Request r = it.next().getValue();
      r.tx.handleTimeout(now);
      byte[] b = r.tx.pollTransmit(now);
      if (b != null) {
        transmits.add(b);
      }
      if (r.tx.state() == StunTransaction.State.TIMED_OUT) {
        it.remove();
        timedOut.add(r);
      }
    }
    for (Request r : timedOut) {
      fail(r, TIMEOUT_ERROR_CODE, r.op == Op.ALLOCATE ? ALLOCATE_TIMEOUT_TEXT : "TURN server did not answer");
    }
    if (state != TurnState.ALLOCATED) {
      return;
    }
    if (now >= expiresAt) {
      expire();
      return;
    }
    if (now >= refreshAt && !refreshInFlight) {
      refreshInFlight = true;
      send(new Request(Op.REFRESH, StunMethod.REFRESH, List.of(new Lifetime(config.lifetimeSeconds())), true, 0,
          null, null), now);
    }
    for (Map.Entry<InetAddress, Permission> e : permissions.entrySet()) {
      Permission p = e.getValue();
      if (p.installed && now >= p.expiresAt) {
        p.installed = false;
      }
      if (p.installed && !p.inFlight && now >= p.refreshAt) {
        sendCreatePermission(e.getKey(), p, now);
      }
    }
    for (Map.Entry<InetSocketAddress, Channel> e : channels.entrySet()) {
      Channel c = e.getValue();
      if (c.bound && now >= c.expiresAt) {
        c.bound = false;
      }
      if (c.bound && !c.inFlight && now >= c.refreshAt) {
        sendChannelBind(e.getKey(), c, now);
      }
    }
  }

  /** The next time {@link #handleTimeout} must run; {@code Long.MAX_VALUE} if none. */
  public long pollTimeoutNanos() {
    long t = Long.MAX_VALUE;
    for (Request r : pending.values()) {
      t = Math.min(t, r.tx.pollTimeoutNanos());
    }
    if (state == TurnState.ALLOCATED) {
      t = Math.min(t, expiresAt);
      if (!refreshInFlight) {
        t = Math.min(t, refreshAt);
      }
      for (Permission p : permissions.values()) {
        if (p.installed && !p.inFlight) {
          t = Math.min(t, p.refreshAt);
        }
      }
      for (Channel c : channels.values()) {
        if (c.bound && !c.inFlight) {
          t = Math.min(t, c.refreshAt);
        }
      }
    }
    return t;
  }
}
