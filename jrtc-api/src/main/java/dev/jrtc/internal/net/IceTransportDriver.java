package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateAttribute;
import dev.jrtc.ice.CandidatePair;
import dev.jrtc.ice.CandidatePairStats;
import dev.jrtc.ice.CandidateParseException;
import dev.jrtc.ice.IceAgent;
import dev.jrtc.ice.IceConfig;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import dev.jrtc.ice.Transmit;
import dev.jrtc.ice.TransportAddress;
import java.io.IOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sans-IO {@link IceAgent} on real UDP sockets. Internal, not API: the glue between
 * {@code RTCPeerConnection}/{@code RTCIceTransport} and jrtc-ice.
 *
 * <p>What it does: binds one UDP socket per allowed local address (or joins a shared
 * {@link UdpMux}) and adds them as host candidates; lets the agent gather server-reflexive
 * candidates from the STUN servers; allocates a relayed candidate on each TURN server with a
 * {@code TurnClient} over its own UDP socket, or a TCP connection with TLS for {@code turns:}
 * ({@link RelayAllocations}, RFC 8656 §3.1; relayed transmits go through the client, the
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
  /** The local address of an error that used none (a failed lookup), see {@link IceServerGathering}. */
  static final TransportAddress NO_ADDRESS = IceServerGathering.NO_ADDRESS;

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
  private final UdpMux mux;
  private final Listener listener;
  private final String logId;
  private final TransportAddress mdnsIpv4;
  private final TransportAddress mdnsIpv6;

  // Touched only on the executor.
  private final Map<TransportAddress, UdpSocketDriver> hostSockets = new LinkedHashMap<>();
  private UdpMux.Connection muxConnection;
  private final RelayAllocations relays;
  /** The ICE servers and policy of the latest gathering phase. */
  private final IceServerGathering servers;
  /** The host candidate bases (bound sockets or the shared port's addresses). */
  private List<TransportAddress> hostBases = List.of();
  private List<HostAddressGatherer.HostAddress> hostAddresses = List.of();
  private MdnsResolverClient mdns;
  private boolean gathering;
  private boolean hostsAdded;
  private boolean endSignalled;
  /** {@link #endSignalled} before the last restart, for its rollback. */
  private boolean endSignalledBeforeRestart;
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

  // Host datagrams from the I/O thread to the executor, in batches.
  private final HostInbound hostInbound = new HostInbound();
  /** Run on the executor after each batch of host datagrams was delivered (the owner's flush). */
  private Runnable afterInboundBurst = () -> { };
  private boolean inBurst;

  private IceTransportDriver(Builder b) {
    this.executor = Objects.requireNonNull(b.executor, "executor");
    this.io = b.io != null ? b.io : IoThreads.shared();
    this.scheduler = b.scheduler != null ? b.scheduler : io.scheduler();
    this.clock = b.clock != null ? b.clock : Clock.system();
    this.entropy = b.entropy != null ? b.entropy : Entropy.secure();
    this.network = b.network != null ? b.network : NetworkSettings.defaults();
    this.interfaces = b.interfaces != null ? b.interfaces : NetworkInterfaces.system();
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
    RelayAllocations.Loop loop = new RelayAllocations.Loop() {
      @Override
      public void run(Runnable step) {
        IceTransportDriver.this.run(step);
      }

      @Override
      public long now() {
        return IceTransportDriver.this.now();
      }

      @Override
      public long now(long stamped) {
        return IceTransportDriver.this.now(stamped);
      }

      @Override
      public void deliver(IceEvent e) {
        IceTransportDriver.this.deliver(e);
      }
    };
    this.relays = new RelayAllocations(agent, io, network, clock, entropy, logId, loop);
    this.servers = new IceServerGathering(agent, relays, network, logId, loop, b.stunServers, b.turnServers,
        b.relayOnly);
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
    return relays.lostCount();
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
    return call(() -> restartNow(credentials, null, null, false));
  }

  /**
   * ICE restart (RFC 8445 §9) that starts a new gathering phase with these ICE servers and
   * policy (webrtc-pc "set a configuration": they take effect at the next gathering phase, RFC
   * 8829 §4.1.18). The new generation keeps the host candidates (none with {@code relayOnly})
   * and the relayed candidates of TURN servers still configured, asks the STUN servers again,
   * allocates on the TURN servers that have no allocation, and signals its candidates with the
   * new ufrag, then completes gathering again. The previous generation keeps working until the
   * new one selects a pair; then the allocations on servers no longer configured are released.
   * Before gathering started this only records the servers for {@link #gather()}.
   *
   * @param credentials the new local credentials, or null for random ones
   */
  public CompletableFuture<IceCredentials> restart(IceCredentials credentials, List<InetSocketAddress> stun,
      List<TurnServer> turn, boolean relayOnly) {
    List<InetSocketAddress> s = List.copyOf(stun);
    List<TurnServer> t = List.copyOf(turn);
    return call(() -> restartNow(credentials, s, t, relayOnly));
  }

  /** With {@code stun} null: the servers and policy of the current gathering phase. */
  private IceCredentials restartNow(IceCredentials credentials, List<InetSocketAddress> stun, List<TurnServer> turn,
      boolean relay) {
    long now = now();
    IceCredentials c = credentials == null ? IceCredentials.random(entropy) : credentials;
    if (stun == null) {
      servers.restart(c, servers.stunServers(), servers.turnServers(), servers.relayOnly(), gathering, hostBases, now);
    } else {
      servers.restart(c, stun, turn, relay, gathering, hostBases, now);
    }
    if (gathering) {
      endSignalledBeforeRestart = endSignalled;
      endSignalled = false; // the new gathering phase completes again (RFC 8838 §4.1)
    }
    if (muxConnection != null) {
      muxConnection.addUfrag(c.ufrag());
    }
    localCredentials = c;
    localCandidates = agent.localCandidates(); // those the new generation keeps
    return c;
  }

  /** The TURN allocations in use (tests). */
  int allocationCount() {
    return relays.count();
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
        relays.cancelRetirement(); // the restored generation still uses them
        endSignalled = endSignalledBeforeRestart; // the restored generation's gathering phase
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
    relays.flush(sendDrops);
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
    inBurst = true;
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
      try {
        step(); // delivers the burst's ApplicationData events
      } finally {
        inBurst = false;
      }
    }
    if (hostInbound.endDrain()) {
      dispatch(this::drainHostInbound, null);
    }
    try {
      afterInboundBurst.run();
    } catch (RuntimeException e) {
      listenerErrors.incrementAndGet();
      LOG.error("{} ICE after-burst hook failed", logId, e);
    }
  }

  /**
   * Runs {@code hook} on the executor after each burst of host datagrams has been delivered
   * (as {@link IceEvent.ApplicationData} events, up to {@link HostInbound#BATCH} per burst): the
   * owner can then answer the whole burst at once (one SACK for many DATA packets) rather than
   * each datagram. Executor only.
   */
  public void afterInboundBurst(Runnable hook) {
    this.afterInboundBurst = Objects.requireNonNull(hook, "hook");
  }

  /** True while a burst of host datagrams is being delivered: the after-burst hook will run. Executor only. */
  public boolean deliveringInboundBurst() {
    return inBurst;
  }

  private void onTimer(long seq) {
    if (closed || seq != timerSeq) {
      return; // a cancelled timer that had already fired
    }
    timer = null;
    timerDeadline = Long.MAX_VALUE;
    long now = now();
    agent.handleTimeout(now);
    relays.handleTimeout(now);
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
      progress |= relays.drain(lastNow, sendDrops);
      IceEvent e;
      while ((e = agent.pollEvent()) != null) {
        progress = true;
        onAgentEvent(e);
      }
      if (!endSignalled && hostsAdded && servers.settled()) {
        endSignalled = true;
        agent.endOfLocalCandidates(lastNow);
        progress = true;
      }
    }
    rearm();
  }

  private void transmit(Transmit t) {
    if (relays.relay(t, lastNow, sendDrops)) {
      return;
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
      relays.releaseRetired(lastNow); // a pair is selected in the current generation only
      relays.bindChannel(selectedPair, lastNow);
    } else if (e instanceof IceEvent.CandidateGathered) {
      localCandidates = agent.localCandidates();
      // webrtc-pc relayProtocol and url: a relayed candidate's server; a STUN server as configured
      e = servers.withConfiguredUrl(relays.withOrigin((IceEvent.CandidateGathered) e));
    } else if (e instanceof IceEvent.GatheringError) {
      e = servers.withConfiguredUrl(e); // the URL as configured, by name
    }
    deliver(e);
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
    long next = Math.min(agent.pollTimeoutNanos(), relays.pollTimeoutNanos());
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
      hostSockets.putAll(HostSockets.bind(io, hostAddresses, network, clock, this::onHostDatagram, logId));
      bases.addAll(hostSockets.keySet());
    }
    hostBases = List.copyOf(bases);
    if (!servers.relayOnly()) {
      for (TransportAddress base : bases) {
        agent.addLocalCandidate(base, now);
      }
    }
    servers.start(hostAddresses, now);
    hostsAdded = true;
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
    relays.deallocate(now); // RFC 8656 §7.3: Refresh with LIFETIME 0, before the link closes
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
    relays.closeLinks(released);
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
