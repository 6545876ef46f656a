package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateAttribute;
import dev.jrtc.ice.CandidatePair;
import dev.jrtc.ice.CandidatePairStats;
import dev.jrtc.ice.CandidateParseException;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceAgent;
import dev.jrtc.ice.IceConfig;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import dev.jrtc.ice.Transmit;
import dev.jrtc.ice.TransportAddress;
import dev.jrtc.turn.TurnClient;
import dev.jrtc.turn.TurnEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sans-IO {@link IceAgent} on real UDP sockets. Internal, not API: the glue between
 * {@code RTCPeerConnection}/{@code RTCIceTransport} and jrtc-ice.
 *
 * <p>What it does: binds one UDP socket per allowed local address (or joins a shared
 * {@link UdpMux}) and adds them as host candidates; lets the agent gather server-reflexive
 * candidates from the STUN servers; allocates a relayed candidate on each TURN server with a
 * {@link TurnClient} over its own UDP socket, or a TCP connection with TLS for {@code turns:}
 * ({@link TurnAllocation}, RFC 8656 §3.1; relayed transmits go through the client, the
 * client's peer data comes back as input on the relayed address, as {@link IceAgent}'s Javadoc
 * asks); looks up STUN and TURN server host names off the loop
 * ({@link NetworkSettings#resolver()}; gathering completes once every lookup has ended); resolves
 * remote {@code .local} candidates with {@link MdnsResolverClient}; and
 * forwards every {@link IceEvent} to the {@link Listener}. With {@code relayOnly} (W3C
 * {@code iceTransportPolicy: "relay"}) only relayed candidates are signalled.
 *
 * <p>Threads (ARCHITECTURE.md "Runtime and threads"): the agent and the TURN clients are touched
 * only on the connection's serial {@code executor}. Every public method may be called from any
 * thread: it enqueues a task there. I/O threads and the timer only enqueue too. After each
 * input the driver drains the agent and the clients, then re-arms its single timer at the
 * earliest {@code pollTimeoutNanos} (str0m's invariant). The listener is called on the executor
 * and must not block.
 */
public final class IceTransportDriver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.ice");
  /** Chromium's {@code icecandidateerror} text for a STUN server name that did not resolve. */
  static final String STUN_LOOKUP_ERROR = "STUN host lookup received error.";
  /** Chromium's {@code icecandidateerror} text for a TURN server name that did not resolve. */
  static final String TURN_LOOKUP_ERROR = "TURN host lookup received error.";
  /**
   * The local address of an error that used none (a failed lookup): 0.0.0.0 port 0, which the
   * W3C event reports as a null address and port.
   */
  static final TransportAddress NO_ADDRESS = TransportAddress.udp(wildcard(), 0);

  private static InetAddress wildcard() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Receives the agent's events (and TURN allocation errors) on the connection's executor. */
  @FunctionalInterface
  public interface Listener {
    /** One event; {@link IceEvent.GatheringError} also reports TURN allocation failures. */
    void onEvent(IceEvent event);
  }

  private final IceAgent agent;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final IoThreads io;
  private final Clock clock;
  private final Entropy entropy;
  private final NetworkSettings network;
  private final NetworkInterfaces interfaces;
  private final List<InetSocketAddress> stunServers;
  private final List<TurnServer> turnServers;
  private final boolean relayOnly;
  private final UdpMux mux;
  private final Listener listener;
  private final String logId;
  private final TransportAddress mdnsIpv4;
  private final TransportAddress mdnsIpv6;

  // Touched only on the executor.
  private final Map<TransportAddress, UdpSocketDriver> hostSockets = new LinkedHashMap<>();
  private UdpMux.Connection muxConnection;
  private final List<TurnAllocation> allocations = new ArrayList<>();
  /** Host name lookups of STUN and TURN servers still running: gathering waits for them. */
  private int pendingLookups;
  /** The configured URL of each STUN server address, for the errors of servers given by name. */
  private final Map<TransportAddress, String> stunUrls = new LinkedHashMap<>();
  private List<HostAddressGatherer.HostAddress> hostAddresses = List.of();
  private MdnsResolverClient mdns;
  private boolean gathering;
  private boolean hostsAdded;
  private boolean endSignalled;
  private boolean closed;
  private CompletableFuture<Void> closedSockets = CompletableFuture.completedFuture(null);
  private long lastNow;
  private ScheduledFuture<?> timer;
  private long timerDeadline = Long.MAX_VALUE;
  private long timerSeq;

  // Snapshots for getters on any thread.
  private volatile IceCredentials localCredentials;
  private volatile IceTransportState state = IceTransportState.NEW;
  private volatile CandidatePair selectedPair;
  private volatile List<Candidate> localCandidates = List.of();
  private final AtomicLong sendDrops = new AtomicLong();
  private final AtomicLong listenerErrors = new AtomicLong();
  private final AtomicLong relaysLost = new AtomicLong();

  // Host datagrams from the I/O thread to the executor, in batches.
  private final HostInbound hostInbound = new HostInbound();

  private IceTransportDriver(Builder b) {
    this.executor = Objects.requireNonNull(b.executor, "executor");
    this.io = b.io != null ? b.io : IoThreads.shared();
    this.scheduler = b.scheduler != null ? b.scheduler : io.scheduler();
    this.clock = b.clock != null ? b.clock : Clock.system();
    this.entropy = b.entropy != null ? b.entropy : Entropy.secure();
    this.network = b.network != null ? b.network : NetworkSettings.defaults();
    this.interfaces = b.interfaces != null ? b.interfaces : NetworkInterfaces.system();
    this.stunServers = List.copyOf(b.stunServers);
    this.turnServers = List.copyOf(b.turnServers);
    this.relayOnly = b.relayOnly;
    this.mux = b.mux;
    this.listener = Objects.requireNonNull(b.listener, "listener");
    this.logId = b.config.logId();
    this.mdnsIpv4 = b.mdnsIpv4;
    this.mdnsIpv6 = b.mdnsIpv6;
    this.lastNow = clock.monotonicNanos();
    // The agent asks for .local names on the executor; the answers come back there too.
    // RFC 8489 §6.2.1: the STUN request timing comes from the network settings.
    IceConfig config = b.config.withMdnsResolver(this::resolveMdns).withStunRetransmission(network.stunRetransmission());
    this.agent = IceAgent.create(config, entropy, lastNow);
    this.localCredentials = agent.localCredentials();
  }

  /** A builder for an agent with {@code config} (role, lite, credentials, log id). */
  public static Builder builder(IceConfig config) {
    return new Builder(config);
  }

  // ---------------------------------------------------------------- public API (any thread)

  /** The local ufrag and password (of the latest generation), for the SDP. */
  public IceCredentials localCredentials() {
    return localCredentials;
  }

  /** The agent's state as of its last step. */
  public IceTransportState state() {
    return state;
  }

  /** The selected pair, or null. */
  public CandidatePair selectedPair() {
    return selectedPair;
  }

  /** The local candidates signalled so far. */
  public List<Candidate> localCandidates() {
    return localCandidates;
  }

  /** Relayed candidates lost after they were allocated (TURN connection closed, allocation expired). */
  long relaysLostCount() {
    return relaysLost.get();
  }

  /** Datagrams dropped on send (no selected pair, full buffer, unreachable). */
  public long sendDropCount() {
    return sendDrops.get();
  }

  /**
   * Starts gathering: binds the host sockets, adds the host candidates, queries the STUN
   * servers and allocates on the TURN servers. Candidates arrive as
   * {@link IceEvent.CandidateGathered}, then {@link IceEvent.GatheringComplete}. A failure to
   * bind any socket completes the future exceptionally (no candidate can exist).
   */
  public CompletableFuture<Void> gather() {
    return call(() -> {
      startGathering();
      return null;
    });
  }

  /** Sets the peer's ufrag and password ({@code lite}: the peer is ice-lite). */
  public CompletableFuture<Void> setRemoteCredentials(String ufrag, String pwd, boolean lite) {
    return call(() -> {
      agent.setRemoteCredentials(ufrag, pwd, lite, now());
      return null;
    });
  }

  /**
   * Adds a remote candidate from its SDP attribute; an mDNS name is resolved first. The future
   * fails with {@link CandidateParseException} when the candidate cannot be used.
   */
  public CompletableFuture<Void> addRemoteCandidate(CandidateAttribute candidate) {
    return call(() -> {
      agent.addRemoteCandidate(candidate, now());
      return null;
    });
  }

  /** Adds a remote candidate with an IP address. */
  public CompletableFuture<Void> addRemoteCandidate(Candidate candidate) {
    return call(() -> {
      agent.addRemoteCandidate(candidate, now());
      return null;
    });
  }

  /** The peer signalled end-of-candidates (RFC 8838 §4.2). */
  public CompletableFuture<Void> endOfRemoteCandidates() {
    return call(() -> {
      agent.endOfRemoteCandidates(now());
      return null;
    });
  }

  /** ICE restart (RFC 8445 §9): new local credentials, returned by the future. */
  public CompletableFuture<IceCredentials> restart() {
    return restart(null);
  }

  /**
   * ICE restart (RFC 8445 §9) with the given local credentials (those of the local description
   * that restarts), or new random ones when null.
   */
  public CompletableFuture<IceCredentials> restart(IceCredentials credentials) {
    return call(() -> {
      IceCredentials c = credentials == null ? agent.restart(now()) : agent.restart(credentials, now());
      if (muxConnection != null) {
        muxConnection.addUfrag(c.ufrag());
      }
      localCredentials = c;
      return c;
    });
  }

  /** The counters of the agent's candidate pairs (webrtc-stats candidate-pair entries). */
  public CompletableFuture<List<CandidatePairStats>> pairStats() {
    return call(agent::pairStats);
  }

  /** Whether the agent is controlling now (on the driver's executor). */
  public CompletableFuture<Boolean> isControlling() {
    return call(agent::isControlling);
  }

  /** The role the negotiation gave this side, for an agent that gathered before it was known. */
  public CompletableFuture<Boolean> setControlling(boolean controlling) {
    return call(() -> agent.setControlling(controlling, now()));
  }

  /**
   * Undoes a restart the peer has not answered (JSEP rollback); the future gives the credentials
   * in force again, or null when there was nothing to undo.
   */
  public CompletableFuture<IceCredentials> rollbackRestart() {
    return call(() -> {
      IceCredentials c = agent.rollbackRestart(now());
      if (c != null) {
        localCredentials = c;
      }
      return c;
    });
  }

  /**
   * Sends {@code data} on the selected pair (DTLS records, SRTP). Dropped and counted when no
   * pair is selected.
   */
  public void send(byte[] data) {
    byte[] copy = data.clone();
    run(() -> {
      if (!agent.send(copy)) {
        sendDrops.incrementAndGet();
      }
    });
  }

  /**
   * {@link #send(byte[])} for a caller already running on this driver's executor (the listener,
   * or a task the owner runs on the same serial executor): no copy and no task per datagram,
   * which is the bulk data path. {@code data} is sent as is and must not be changed afterwards.
   * Calling it from any other thread is a data race on the agent.
   */
  public void sendOnExecutor(byte[] data) {
    if (closed) {
      return;
    }
    if (!agent.send(data)) {
      sendDrops.incrementAndGet();
      return;
    }
    // Only the datagrams: events and the timer are left to the next step(), so that a caller
    // inside the listener is not re-entered.
    Transmit t;
    while ((t = agent.pollTransmit()) != null) {
      transmit(t);
    }
    for (TurnAllocation a : allocations) {
      byte[] d;
      while ((d = a.client.pollTransmit()) != null) {
        if (!a.send(d)) {
          sendDrops.incrementAndGet();
        }
      }
    }
  }

  /**
   * Closes the agent, releases the TURN allocations (a Refresh with lifetime 0, RFC 8656 §7.3,
   * sent without waiting for the answer) and the sockets. Idempotent.
   */
  @Override
  public void close() {
    closeAsync();
  }

  /** {@link #close()}, with a future that completes once the sockets are closed. */
  public CompletableFuture<Void> closeAsync() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    dispatch(() -> {
      try {
        doClose().whenComplete((x, e) -> f.complete(null));
      } catch (RuntimeException e) {
        LOG.error("{} ICE driver close failed", logId, e);
        f.complete(null);
      }
    }, f);
    return f;
  }

  // ---------------------------------------------------------------- the loop

  private <T> CompletableFuture<T> call(java.util.concurrent.Callable<T> step) {
    CompletableFuture<T> f = new CompletableFuture<>();
    dispatch(() -> {
      if (closed) {
        f.completeExceptionally(new IllegalStateException("ICE transport closed"));
        return;
      }
      try {
        f.complete(step.call());
      } catch (Exception e) {
        f.completeExceptionally(e);
      } finally {
        step();
      }
    }, f);
    return f;
  }

  private void run(Runnable step) {
    dispatch(() -> {
      if (closed) {
        return;
      }
      try {
        step.run();
      } catch (RuntimeException e) {
        LOG.error("{} ICE driver step failed", logId, e);
      } finally {
        step();
      }
    }, null);
  }

  /**
   * Enqueues on the executor. An executor that was shut down (the connection is gone) drops
   * the task: inputs from I/O threads are lost as packets are, and {@code failed} is completed.
   */
  private void dispatch(Runnable task, CompletableFuture<?> failed) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("{} executor rejected an ICE task", logId);
      if (failed != null) {
        failed.completeExceptionally(new IllegalStateException("the connection's executor is shut down", e));
      }
    }
  }

  /** Monotonic per driver: inputs stamped on another thread never take the agent back in time. */
  private long now() {
    lastNow = Math.max(lastNow, clock.monotonicNanos());
    return lastNow;
  }

  private long now(long stamped) {
    lastNow = Math.max(lastNow, stamped);
    return lastNow;
  }

  // Called on an I/O thread.
  private void onHostDatagram(TransportAddress local, TransportAddress remote, byte[] data, long nowNanos) {
    if (hostInbound.add(new HostInbound.Datagram(local, remote, data, nowNanos))) {
      dispatch(this::drainHostInbound, null);
    }
  }

  /** On the executor: feeds up to {@link HostInbound#BATCH} queued host datagrams, then one step. */
  private void drainHostInbound() {
    hostInbound.beginDrain();
    if (closed) {
      hostInbound.clear();
      return;
    }
    try {
      HostInbound.Datagram d;
      for (int n = 0; n < HostInbound.BATCH && (d = hostInbound.poll()) != null; n++) {
        try {
          agent.handleInbound(d.data(), d.local(), d.remote(), now(d.nowNanos()));
        } catch (RuntimeException e) {
          LOG.error("{} ICE driver step failed", logId, e);
        }
      }
    } finally {
      step();
    }
    if (hostInbound.endDrain()) {
      dispatch(this::drainHostInbound, null);
    }
  }

  // Called on an I/O thread: a datagram from a TURN server over UDP, or bytes of its TCP/TLS stream.
  private void onTurnData(TurnAllocation a, byte[] data, long nowNanos) {
    run(() -> a.client.handleInbound(data, now(nowNanos)));
  }

  // Called on an I/O thread.
  private void onTurnConnectionLost(TurnAllocation a, String reason) {
    run(() -> {
      if (!a.lost) {
        // RFC 8656 §3.1: the allocation lives and dies with the connection.
        a.client.connectionLost(TurnClient.TIMEOUT_ERROR_CODE, reason, now());
      }
    });
  }

  private void onTimer(long seq) {
    if (closed || seq != timerSeq) {
      return; // a cancelled timer that had already fired
    }
    timer = null;
    timerDeadline = Long.MAX_VALUE;
    long now = now();
    agent.handleTimeout(now);
    for (TurnAllocation a : allocations) {
      a.client.handleTimeout(now);
    }
  }

  /** Drains every core until nothing is left, publishes the snapshots, re-arms the timer. */
  private void step() {
    if (closed) {
      return;
    }
    boolean progress = true;
    while (progress) {
      progress = false;
      Transmit t;
      while ((t = agent.pollTransmit()) != null) {
        progress = true;
        transmit(t);
      }
      for (TurnAllocation a : List.copyOf(allocations)) {
        byte[] d;
        while ((d = a.client.pollTransmit()) != null) {
          progress = true;
          if (!a.send(d)) {
            sendDrops.incrementAndGet();
          }
        }
        TurnEvent e;
        while ((e = a.client.pollEvent()) != null) {
          progress = true;
          onTurnEvent(a, e);
        }
      }
      IceEvent e;
      while ((e = agent.pollEvent()) != null) {
        progress = true;
        onAgentEvent(e);
      }
      if (!endSignalled && hostsAdded && pendingLookups == 0 && allocations.stream().allMatch(x -> x.settled)) {
        endSignalled = true;
        agent.endOfLocalCandidates(lastNow);
        progress = true;
      }
    }
    rearm();
  }

  private void transmit(Transmit t) {
    for (TurnAllocation a : allocations) {
      if (t.local().equals(a.relayed)) {
        try {
          // The relayed candidate's base is the relayed address: the TURN client carries it.
          a.client.send(t.remote().toSocketAddress(), t.data(), lastNow);
        } catch (IllegalStateException e) {
          sendDrops.incrementAndGet(); // the allocation is gone
        }
        return;
      }
    }
    boolean ok;
    if (muxConnection != null) {
      ok = muxConnection.send(t.local(), t.remote(), t.data());
    } else {
      UdpSocketDriver s = hostSockets.get(t.local());
      ok = s != null && s.send(t.remote(), t.data());
    }
    if (!ok) {
      sendDrops.incrementAndGet();
    }
  }

  private void onAgentEvent(IceEvent e) {
    if (e instanceof IceEvent.StateChanged) {
      state = ((IceEvent.StateChanged) e).state();
    } else if (e instanceof IceEvent.SelectedPairChanged) {
      selectedPair = ((IceEvent.SelectedPairChanged) e).pair();
      bindChannel(selectedPair);
    } else if (e instanceof IceEvent.CandidateGathered) {
      localCandidates = agent.localCandidates();
      IceEvent.CandidateGathered g = (IceEvent.CandidateGathered) e;
      Candidate c = g.candidate();
      for (TurnAllocation a : allocations) {
        if (c.type() == CandidateType.RELAYED && c.address().equals(a.relayed)) {
          e = new IceEvent.CandidateGathered(c, a.relayProtocol(), a.server.url()); // webrtc-pc relayProtocol, url
        }
      }
      if (c.type() == CandidateType.SERVER_REFLEXIVE && g.url() != null) {
        for (Map.Entry<TransportAddress, String> s : stunUrls.entrySet()) {
          if (g.url().equals("stun:" + hostPort(s.getKey()))) {
            e = new IceEvent.CandidateGathered(c, null, s.getValue()); // the server's URL as configured, by name
          }
        }
      }
    } else if (e instanceof IceEvent.GatheringError) {
      IceEvent.GatheringError g = (IceEvent.GatheringError) e;
      String url = stunUrls.get(g.server());
      if (url != null) {
        e = new IceEvent.GatheringError(g.base(), g.server(), g.errorCode(), g.errorText(), url); // as configured, by name
      }
    }
    deliver(e);
  }

  /**
   * RFC 8656 §12: a selected pair on a relayed candidate gets a channel, so that data goes as
   * ChannelData (4 bytes of overhead) rather than Send/Data indications (36 bytes).
   */
  private void bindChannel(CandidatePair pair) {
    for (TurnAllocation a : allocations) {
      if (pair.local().address().equals(a.relayed) && !a.lost) {
        try {
          a.client.channelBind(pair.remote().address().toSocketAddress(), lastNow);
        } catch (IllegalStateException ex) {
          LOG.debug("{} no channel on {}: {}", logId, a.serverAddress, ex.getMessage());
        }
      }
    }
  }

  /** {@code host:port} as jrtc-ice writes a server into a {@code stun:} URL (IPv6 in brackets). */
  private static String hostPort(TransportAddress a) {
    String h = a.address().getHostAddress();
    return (a.isIpv6() ? "[" + h + "]" : h) + ":" + a.port();
  }

  private void deliver(IceEvent e) {
    try {
      listener.onEvent(e);
    } catch (RuntimeException ex) {
      listenerErrors.incrementAndGet();
      LOG.error("{} ICE listener failed on {}", logId, e, ex);
    }
  }

  private void rearm() {
    long next = agent.pollTimeoutNanos();
    for (TurnAllocation a : allocations) {
      next = Math.min(next, a.client.pollTimeoutNanos());
    }
    if (next == timerDeadline && timer != null) {
      return;
    }
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    timerDeadline = next;
    if (next == Long.MAX_VALUE) {
      return;
    }
    long seq = ++timerSeq;
    long delay = Math.max(0, next - clock.monotonicNanos());
    timer = scheduler.schedule(() -> dispatch(() -> {
      try {
        onTimer(seq);
      } catch (RuntimeException ex) {
        LOG.error("{} ICE timer step failed", logId, ex);
      } finally {
        step(); // after a stale timer this only finds the current timer armed
      }
    }, null), delay, TimeUnit.NANOSECONDS);
  }

  // ---------------------------------------------------------------- gathering

  private void startGathering() throws IOException {
    if (gathering) {
      return;
    }
    gathering = true;
    long now = now();
    hostAddresses = HostAddressGatherer.gather(interfaces, network);
    List<TransportAddress> bases = new ArrayList<>();
    if (mux != null) {
      muxConnection = mux.register(agent.localCredentials().ufrag(), this::onHostDatagram);
      bases.addAll(muxConnection.localAddresses());
    } else {
      for (HostAddressGatherer.HostAddress h : hostAddresses) {
        try {
          UdpSocketDriver s = UdpSocketDriver.bind(io, h.address(), network.portMin(), network.portMax(), clock,
              this::onHostDatagram);
          hostSockets.put(s.localAddress(), s);
          bases.add(s.localAddress());
        } catch (IOException e) {
          LOG.warn("{} cannot bind UDP on {}: {}", logId, h.address().getHostAddress(), e.getMessage());
        }
      }
      if (bases.isEmpty() && !hostAddresses.isEmpty()) {
        throw new IOException("could not bind UDP on any of " + hostAddresses.size() + " local addresses");
      }
    }
    if (!relayOnly) {
      for (TransportAddress base : bases) {
        agent.addLocalCandidate(base, now);
      }
      for (InetSocketAddress s : stunServers) {
        addStunServer(s, now);
      }
    }
    for (TurnServer t : turnServers) {
      addTurnServer(t, now);
    }
    hostsAdded = true;
  }

  /**
   * A STUN server by address, or by name once looked up: the agent queries it from every host
   * candidate of the same family (RFC 8445 §5.1.1.2). A failed lookup is a 701 error with
   * Chromium's text and no address (webrtc-pc {@code icecandidateerror}).
   */
  private void addStunServer(InetSocketAddress server, long now) {
    if (!server.isUnresolved()) {
      agent.addStunServer(TransportAddress.udp(server.getAddress(), server.getPort()), now);
      return;
    }
    String url = "stun:" + server.getHostString() + ":" + server.getPort();
    lookUp(server.getHostString(), addresses -> {
      for (InetAddress a : usable(addresses, true)) {
        TransportAddress address = TransportAddress.udp(a, server.getPort());
        stunUrls.put(address, url);
        agent.addStunServer(address, now());
      }
    }, () -> deliver(new IceEvent.GatheringError(NO_ADDRESS, NO_ADDRESS, 701, STUN_LOOKUP_ERROR, url)));
  }

  /** A TURN server by address, or by name once looked up (one allocation per server). */
  private void addTurnServer(TurnServer server, long now) {
    InetAddress literal = server.literal();
    if (literal != null) {
      allocate(server, List.of(literal), now);
      return;
    }
    lookUp(server.host(), addresses -> allocate(server, addresses, now()),
        () -> deliver(new IceEvent.GatheringError(NO_ADDRESS, NO_ADDRESS, 701, TURN_LOOKUP_ERROR, server.url())));
  }

  /**
   * Resolves {@code host} with {@link NetworkSettings#resolver()} off the loop; the outcome runs
   * on the executor. Gathering is not complete until every lookup has ended.
   */
  private void lookUp(String host, Consumer<List<InetAddress>> found, Runnable failed) {
    pendingLookups++;
    CompletableFuture<List<InetAddress>> f;
    try {
      f = Objects.requireNonNull(network.resolver().apply(host), "the resolver returned no future");
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete((addresses, error) -> run(() -> {
      pendingLookups--;
      if (error != null || addresses == null || addresses.isEmpty()) {
        LOG.warn("{} host lookup of {} failed: {}", logId, host,
            error != null ? String.valueOf(error.getMessage()) : "no address");
        failed.run();
      } else {
        LOG.debug("{} {} is {}", logId, host, addresses);
        found.accept(addresses);
      }
    }));
  }

  /**
   * The addresses of the families we have host addresses of, in the resolver's order: the first
   * of each family ({@code perFamily}) or all of them.
   */
  private List<InetAddress> usable(List<InetAddress> addresses, boolean perFamily) {
    List<InetAddress> out = new ArrayList<>();
    for (InetAddress a : addresses) {
      boolean local = false;
      for (HostAddressGatherer.HostAddress h : hostAddresses) {
        local |= h.address().getClass() == a.getClass();
      }
      boolean seen = false;
      for (InetAddress o : out) {
        seen |= o.getClass() == a.getClass();
      }
      if (local && !(perFamily && seen)) {
        out.add(a);
      }
    }
    return out;
  }

  /** Allocates on {@code server} at the first of {@code addresses} we have a local address for. */
  private void allocate(TurnServer server, List<InetAddress> addresses, long now) {
    List<InetAddress> usable = usable(addresses, true);
    if (usable.isEmpty()) {
      deliver(new IceEvent.GatheringError(NO_ADDRESS, NO_ADDRESS, 701,
          "no local address of the TURN server's address family", server.url()));
      return;
    }
    InetAddress remote = usable.get(0);
    InetAddress local = null;
    for (HostAddressGatherer.HostAddress h : hostAddresses) {
      if (local == null && h.address().getClass() == remote.getClass()) {
        local = h.address();
      }
    }
    TurnAllocation a;
    try {
      a = TurnAllocation.open(server, new InetSocketAddress(remote, server.port()), local, allocations.size(), io,
          network, clock, entropy, now, new TurnAllocation.Callbacks() {
            @Override
            public void onServerData(TurnAllocation allocation, byte[] data, long nowNanos) {
              onTurnData(allocation, data, nowNanos);
            }

            @Override
            public void onConnectionLost(TurnAllocation allocation, String reason) {
              onTurnConnectionLost(allocation, reason);
            }
          });
    } catch (IOException e) {
      deliver(new IceEvent.GatheringError(NO_ADDRESS, TransportAddress.udp(remote, server.port()), 701,
          "cannot open a socket to the TURN server: " + e.getMessage(), server.url()));
      return;
    }
    allocations.add(a);
  }

  private void onTurnEvent(TurnAllocation a, TurnEvent e) {
    if (e instanceof TurnEvent.Allocated) {
      TurnEvent.Allocated al = (TurnEvent.Allocated) e;
      a.relayed = TransportAddress.udp(al.relayed().getAddress(), al.relayed().getPort());
      a.settled = true;
      TransportAddress local = a.localAddress();
      TransportAddress related = al.mapped() != null
          ? TransportAddress.udp(al.mapped().getAddress(), al.mapped().getPort())
          : TransportAddress.udp(local.address(), local.port());
      // RFC 8445 §5.1.1.3 foundation per type, base, server and transport; §5.1.2.1 priority with
      // relay type preference 0 and a local preference ranking UDP > TCP > TLS to the server.
      agent.addLocalCandidate(IceAgent.relayedCandidate(a.relayServer(), local, a.relayed, related, a.index), lastNow);
    } else if (e instanceof TurnEvent.AllocationFailed) {
      TurnEvent.AllocationFailed f = (TurnEvent.AllocationFailed) e;
      a.settled = true;
      a.lost = true;
      LOG.debug("{} TURN allocation on {} failed: {} {}", logId, a.server.url(), f.errorCode(), f.reason());
      a.closeAsync();
      deliver(new IceEvent.GatheringError(a.localAddress(), a.serverAddress, f.errorCode(), f.reason(),
          a.server.url()));
    } else if (e instanceof TurnEvent.PeerData) {
      TurnEvent.PeerData d = (TurnEvent.PeerData) e;
      if (a.relayed != null) {
        agent.handleInbound(d.data(), a.relayed, TransportAddress.udp(d.peer().getAddress(), d.peer().getPort()),
            lastNow);
      }
    } else if (e instanceof TurnEvent.Expired) {
      // The TCP/TLS connection broke or no Refresh succeeded: the relayed candidate and its
      // permissions are gone (RFC 8656 §3.1, §7). Pairs on it stop getting answers and fail.
      a.lost = true;
      relaysLost.incrementAndGet();
      LOG.warn("{} TURN allocation on {} lost: relayed candidate {} no longer works", logId, a.server.url(),
          a.relayed);
      a.closeAsync();
      if (a.relayed != null) {
        agent.localCandidateFailed(a.relayed, lastNow); // its pairs fail now, not after their checks time out
      }
    }
  }

  // ---------------------------------------------------------------- mDNS

  // Called by the agent on the executor.
  private void resolveMdns(String hostname) {
    if (closed) {
      return;
    }
    if (mdns == null) {
      mdns = new MdnsResolverClient(io, hostAddresses, network, clock, scheduler,
          (name, address) -> run(() -> agent.handleMdnsResolved(name, address, now())), mdnsIpv4, mdnsIpv6);
    }
    mdns.resolve(hostname);
  }

  // ---------------------------------------------------------------- close

  private CompletableFuture<Void> doClose() {
    if (closed) {
      return closedSockets;
    }
    long now = now();
    agent.close(now);
    for (TurnAllocation a : allocations) {
      a.client.close(now); // RFC 8656 §7.3: Refresh with LIFETIME 0, before the link closes
      byte[] d;
      while ((d = a.client.pollTransmit()) != null) {
        a.send(d);
      }
    }
    IceEvent e;
    while ((e = agent.pollEvent()) != null) {
      onAgentEvent(e);
    }
    closed = true;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    List<CompletableFuture<Void>> released = new ArrayList<>();
    for (TurnAllocation a : allocations) {
      released.add(a.closeAsync());
    }
    for (UdpSocketDriver s : hostSockets.values()) {
      released.add(s.closeAsync());
    }
    if (muxConnection != null) {
      muxConnection.close();
    }
    if (mdns != null) {
      released.add(mdns.closeAsync());
    }
    closedSockets = CompletableFuture.allOf(released.toArray(new CompletableFuture<?>[0]));
    return closedSockets;
  }

  /** Builds an {@link IceTransportDriver}. */
  public static final class Builder {
    private final IceConfig config;
    private Executor executor;
    private ScheduledExecutorService scheduler;
    private IoThreads io;
    private Clock clock;
    private Entropy entropy;
    private NetworkSettings network;
    private NetworkInterfaces interfaces;
    private List<InetSocketAddress> stunServers = List.of();
    private List<TurnServer> turnServers = List.of();
    private boolean relayOnly;
    private UdpMux mux;
    private Listener listener;
    private TransportAddress mdnsIpv4 = MdnsResolverClient.MDNS_IPV4;
    private TransportAddress mdnsIpv6 = MdnsResolverClient.MDNS_IPV6;

    private Builder(IceConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The connection's serial executor (required): every agent step runs there. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The timer (default: {@link IoThreads#scheduler()}); its tasks only enqueue on the executor. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** The I/O threads (default: {@link IoThreads#shared()}). */
    public Builder io(IoThreads io) {
      this.io = io;
      return this;
    }

    /** The clock (default: {@link Clock#system()}). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The entropy (default: {@link Entropy#secure()}). */
    public Builder entropy(Entropy entropy) {
      this.entropy = entropy;
      return this;
    }

    /** Which addresses and ports to use (default: {@link NetworkSettings#defaults()}). */
    public Builder network(NetworkSettings network) {
      this.network = network;
      return this;
    }

    /** The interface list (tests); default: the machine's. */
    Builder interfaces(NetworkInterfaces interfaces) {
      this.interfaces = interfaces;
      return this;
    }

    /** Where mDNS queries go (tests: a responder on loopback); default RFC 6762 §3's groups. */
    Builder mdnsTargets(TransportAddress ipv4, TransportAddress ipv6) {
      this.mdnsIpv4 = ipv4;
      this.mdnsIpv6 = ipv6;
      return this;
    }

    /** STUN servers (resolved addresses) for server-reflexive candidates. */
    public Builder stunServers(List<InetSocketAddress> servers) {
      this.stunServers = List.copyOf(servers);
      return this;
    }

    /** TURN servers for relayed candidates. */
    public Builder turnServers(List<TurnServer> servers) {
      this.turnServers = List.copyOf(servers);
      return this;
    }

    /** W3C {@code iceTransportPolicy: "relay"}: signal relayed candidates only. */
    public Builder relayOnly(boolean relayOnly) {
      this.relayOnly = relayOnly;
      return this;
    }

    /** Use this shared port for host candidates instead of a socket per address. */
    public Builder mux(UdpMux mux) {
      this.mux = mux;
      return this;
    }

    /** The event listener (required), called on the executor. */
    public Builder listener(Listener listener) {
      this.listener = listener;
      return this;
    }

    /** The driver; nothing is bound until {@link IceTransportDriver#gather()}. */
    public IceTransportDriver build() {
      return new IceTransportDriver(this);
    }
  }
}
