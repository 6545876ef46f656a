package dev.jrtc.internal.transport;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.datachannel.ChannelParameters;
import dev.jrtc.dtls.CertificateFingerprint;
import dev.jrtc.dtls.DtlsCertificate;
import dev.jrtc.dtls.DtlsConfig;
import dev.jrtc.dtls.DtlsEndpoint;
import dev.jrtc.dtls.DtlsEvent;
import dev.jrtc.dtls.DtlsRole;
import dev.jrtc.dtls.DtlsState;
import dev.jrtc.ice.CandidateAttribute;
import dev.jrtc.ice.CandidateParseException;
import dev.jrtc.ice.CandidatePair;
import dev.jrtc.ice.IceConfig;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import dev.jrtc.internal.net.IceTransportDriver;
import dev.jrtc.internal.net.IoThreads;
import dev.jrtc.internal.net.NetworkSettings;
import dev.jrtc.internal.net.TurnServer;
import dev.jrtc.internal.net.UdpMux;
import dev.jrtc.sctp.SctpAssociation;
import dev.jrtc.sctp.SctpConfig;
import dev.jrtc.sctp.SctpEvent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BUNDLE transport of a peer connection: ICE ({@link IceTransportDriver} on real UDP), DTLS
 * ({@link DtlsEndpoint}), SCTP ({@link SctpAssociation}) and data channels
 * ({@link DataChannelProtocol}), composed and driven on one serial executor. Internal, not API:
 * the contract is in the package Javadoc ({@code package-info.java}).
 *
 * <p>Loop confinement: every method except the getters documented as "any thread" must be called
 * on the {@code loop} executor given to the builder; the listener is called there too.
 */
public final class PeerTransport {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.pc");

  /** WebRTC's SCTP port unless {@code a=sctp-port} says otherwise (RFC 8841 §5). */
  public static final int DEFAULT_SCTP_PORT = 5000;
  /**
   * Our {@code a=max-message-size} by default: Chromium's value (Firefox announces 1073741823).
   * Messages are delivered whole, so the SCTP receive window must hold the largest one: a larger
   * limit lets any peer pin that much memory per connection.
   */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 262_144;
  /** DTLS datagrams kept while the DTLS endpoint does not exist yet (remote description pending). */
  private static final int MAX_EARLY_DTLS = 32;

  /** Receives every {@link TransportEvent}, on the loop executor; must not block. */
  @FunctionalInterface
  public interface Listener {
    /** One event. */
    void onEvent(TransportEvent event);
  }

  // Settings.
  private final Executor loop;
  private final Listener listener;
  private final DtlsCertificate certificate;
  private final String logId;
  private final IoThreads io;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Entropy entropy;
  private final NetworkSettings network;
  // The ICE servers and policy for the next gathering phase (setIceServers; loop).
  private List<InetSocketAddress> stunServers;
  private List<TurnServer> turnServers;
  private boolean relayOnly;
  private final UdpMux mux;
  private final Executor handshakeExecutor;
  private final int localSctpPort;
  private final int localMaxMessageSize;
  private final int dtlsHandshakeTimeoutMillis;

  // Loop-confined state.
  private volatile IceTransportDriver ice;
  private boolean iceControlling;
  private boolean restartedSinceRemote;
  /**
   * Candidates gathered before {@link #gather()} (a pre-gathered pool, webrtc-pc
   * iceCandidatePoolSize): held until the local description is applied, then signalled.
   */
  private List<TransportEvent> pool;
  private volatile RemoteParameters remote;
  private DtlsEndpoint dtls;
  private boolean dtlsStarted;
  private final ArrayDeque<byte[]> earlyDtls = new ArrayDeque<>();
  /** DTLS datagrams produced before ICE selected a pair (a server answering early), sent once it has. */
  private final ArrayDeque<byte[]> heldDtls = new ArrayDeque<>();
  private boolean pairSelected;
  /** Inbound records were fed to SCTP and its output not polled yet (see {@link #deferDrain()}). */
  private boolean drainPending;
  private SctpAssociation sctp;
  private final ChannelTable table = new ChannelTable(this::emit);
  private boolean closing;
  private CompletableFuture<Void> closed;
  private long lastNow;
  private ScheduledFuture<?> timer;
  private long timerDeadline = Long.MAX_VALUE;
  private long timerSeq;

  // Published for any thread.
  private volatile IceCredentials iceCredentials;
  private volatile IceTransportState iceState = IceTransportState.NEW;
  private volatile DtlsState dtlsState = DtlsState.NEW;
  private volatile SctpTransportState sctpState;
  private volatile int maxChannels;
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final AtomicLong rtpDropped = new AtomicLong();
  private final AtomicLong otherDropped = new AtomicLong();

  private PeerTransport(Builder b) {
    this.loop = Objects.requireNonNull(b.loop, "loop");
    this.listener = Objects.requireNonNull(b.listener, "listener");
    this.certificate = Objects.requireNonNull(b.certificate, "certificate");
    this.logId = b.logId;
    this.io = b.io != null ? b.io : IoThreads.shared();
    this.scheduler = b.scheduler != null ? b.scheduler : io.scheduler();
    this.clock = b.clock != null ? b.clock : Clock.system();
    this.entropy = b.entropy != null ? b.entropy : Entropy.secure();
    this.network = b.network != null ? b.network : NetworkSettings.defaults();
    this.stunServers = List.copyOf(b.stunServers);
    this.turnServers = List.copyOf(b.turnServers);
    this.relayOnly = b.relayOnly;
    this.mux = b.mux;
    this.handshakeExecutor = b.handshakeExecutor != null ? b.handshakeExecutor : HandshakePool.shared();
    this.localSctpPort = b.localSctpPort;
    this.localMaxMessageSize = b.localMaxMessageSize;
    this.dtlsHandshakeTimeoutMillis = b.dtlsHandshakeTimeoutMillis;
    this.iceCredentials = IceCredentials.random(entropy);
    this.lastNow = clock.monotonicNanos();
  }

  /** A builder; {@code loop}, {@code listener} and {@code certificate} are required. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ getters (any thread)

  /** The local ICE ufrag and password for the SDP (of the latest generation). Any thread. */
  public IceCredentials localIceCredentials() {
    return iceCredentials;
  }

  /** Our certificate's SHA-256 fingerprint for {@code a=fingerprint} (RFC 8122 §5). Any thread. */
  public CertificateFingerprint localFingerprint() {
    return CertificateFingerprint.of(certificate, "sha-256");
  }

  /** The ICE transport state. Any thread. */
  public IceTransportState iceState() {
    return iceState;
  }

  /** The DTLS transport state. Any thread. */
  public DtlsState dtlsState() {
    return dtlsState;
  }

  /** The SCTP transport state, or null before DTLS connected. Any thread. */
  public SctpTransportState sctpState() {
    return sctpState;
  }

  /** The SCTP association's counters (retransmissions, cwnd, RTT), or null without one. Loop only. */
  public dev.jrtc.sctp.SctpStats sctpStats() {
    return sctp == null ? null : sctp.stats();
  }

  /** The selected candidate pair, or null. Any thread. */
  public CandidatePair selectedPair() {
    IceTransportDriver d = ice;
    return d == null ? null : d.selectedPair();
  }

  /**
   * Bytes of a channel's messages queued in SCTP and not yet transmitted once, as of the loop's
   * last step (the SCTP part of W3C {@code bufferedAmount}; see
   * {@link TransportEvent.BufferedAmountDecreased}). Any thread.
   */
  public long bufferedAmount(int streamId) {
    return table.bufferedAmount(streamId);
  }

  /** The largest message {@link #send} accepts: {@code min(ours, the peer's)} max-message-size. Any thread. */
  public long maxMessageSize() {
    RemoteParameters r = remote;
    return r == null ? localMaxMessageSize : Math.min(localMaxMessageSize, r.sctpMaxMessageSize());
  }

  /** The number of usable data channel streams; 0 until SCTP is connected. Any thread. */
  public int maxChannels() {
    return maxChannels;
  }

  /** RTP/RTCP packets (first byte 128..191, RFC 7983) received and dropped: no media yet. Any thread. */
  public long rtpPacketsDropped() {
    return rtpDropped.get();
  }

  /**
   * Datagrams the ICE driver dropped on send (no selected pair, full socket buffer). Any thread.
   * DTLS datagrams produced before a pair is selected are held here rather than dropped there.
   */
  public long iceSendDrops() {
    IceTransportDriver d = ice;
    return d == null ? 0 : d.sendDropCount();
  }

  /** Datagrams that were neither STUN, DTLS nor RTP, or DTLS before the endpoint existed, dropped. Any thread. */
  public long unknownPacketsDropped() {
    return otherDropped.get();
  }

  // ------------------------------------------------------------------ lifecycle (loop)

  /**
   * Starts gathering local candidates ({@link TransportEvent.LocalCandidate}, then
   * {@link TransportEvent.GatheringComplete}). Call after the local description is set. When
   * {@link #setRemoteParameters} was not called yet this side made the offer, so it takes the
   * controlling ICE role (RFC 8445 §6.1.1). The future fails when no socket could be bound.
   */
  public CompletableFuture<Void> gather() {
    requireOpen();
    IceTransportDriver d = ensureIce(remote == null || remote.iceControlling());
    if (pool != null) {
      // webrtc-pc §4.4.1.6 (iceCandidatePoolSize): pooled candidates are signalled once the
      // local description is set, with its ufrag (the pool was gathered with the same one).
      List<TransportEvent> held = pool;
      pool = null;
      emit(new TransportEvent.IceRoleChanged(iceControlling));
      for (TransportEvent e : held) {
        emit(e);
      }
    }
    // After an ICE restart the driver signals the new generation's candidates itself (those it
    // keeps, then those of the new gathering phase) and completes gathering again.
    return d.gather();
  }

  /**
   * Applies the remote description: ICE credentials and role, DTLS role and fingerprints, SCTP
   * port and max-message-size. Later calls (renegotiation) may change the ICE credentials after
   * {@link #restartIce()} and the fingerprints; the DTLS role cannot change. Channels opened
   * before get their stream ids now ({@link TransportEvent.ChannelIdAssigned}). The returned
   * future is already settled: it fails when the ICE credentials changed without
   * {@link #restartIce()} since the last call.
   */
  public CompletableFuture<Void> setRemoteParameters(RemoteParameters p) {
    requireOpen();
    Objects.requireNonNull(p, "p");
    RemoteParameters before = remote;
    if (before != null && before.dtlsRole() != p.dtlsRole()) {
      throw new IllegalStateException("the DTLS role cannot change on an existing transport");
    }
    boolean newCredentials = before == null || !before.iceUfrag().equals(p.iceUfrag())
        || !before.icePwd().equals(p.icePwd());
    if (newCredentials && before != null && !restartedSinceRemote) {
      // RFC 8445 §9: new remote credentials mean an ICE restart, which restarts our side too.
      return CompletableFuture.failedFuture(
          new IllegalStateException("remote ICE credentials changed without an ICE restart"));
    }
    IceTransportDriver d = ensureIce(p.iceControlling());
    if (newCredentials) {
      if (before != null && p.iceControlling() != iceControlling) {
        // RFC 8445 §9: the offer/answer that restarts ICE decides the roles anew (the restart's
        // offerer controls), as browsers do; the new generation has no remote credentials yet,
        // so the agent takes the role before any of its checks.
        iceControlling = p.iceControlling();
        d.setControlling(p.iceControlling());
      }
      restartedSinceRemote = false;
      d.setRemoteCredentials(p.iceUfrag(), p.icePwd(), p.iceLite()).whenComplete((v, e) -> {
        if (e != null && closed == null) {
          internalError("setting the remote ICE credentials", e);
        }
      });
    }
    remote = p;
    if (dtls == null) {
      DtlsConfig config = DtlsConfig.builder(certificate).remoteFingerprints(p.fingerprints()).logId(logId)
          .handshakeTimeoutMillis(dtlsHandshakeTimeoutMillis).build();
      dtls = DtlsEndpoint.create(p.dtlsRole(), config, entropy, handshakeExecutor, this::onDtlsWakeup);
      byte[] early;
      while ((early = earlyDtls.poll()) != null) {
        dtls.handleDatagram(early, now());
      }
      if (iceState == IceTransportState.CONNECTED || iceState == IceTransportState.COMPLETED) {
        startDtls();
      }
    } else if (!before.fingerprints().equals(p.fingerprints())) {
      dtls.setRemoteFingerprints(p.fingerprints());
    }
    if (sctp != null) {
      sctp.setRemoteMaxMessageSize(p.sctpMaxMessageSize()); // RFC 8841 §6, renegotiated
    }
    table.roleKnown(p.dtlsRole());
    drain();
    return CompletableFuture.completedFuture(null);
  }

  /** Adds a remote candidate (from the SDP or trickled); an mDNS name is resolved first. */
  public CompletableFuture<Void> addRemoteCandidate(CandidateAttribute candidate) {
    requireOpen();
    return ensureIce(remote == null || remote.iceControlling()).addRemoteCandidate(candidate);
  }

  /** The peer signalled end-of-candidates (RFC 8838 §4.2). */
  public CompletableFuture<Void> endOfRemoteCandidates() {
    requireOpen();
    return ensureIce(remote == null || remote.iceControlling()).endOfRemoteCandidates();
  }

  /**
   * ICE restart (RFC 8445 §9): new local credentials (returned, and from
   * {@link #localIceCredentials()}) for the next offer; the selected pair keeps carrying DTLS
   * until a new one is selected. Before gathering started, only new credentials are drawn. The
   * next {@link #gather()} (after the new local description is set) signals the candidates
   * again with the new ufrag, then {@link TransportEvent.GatheringComplete}.
   */
  public CompletableFuture<IceCredentials> restartIce() {
    requireOpen();
    restartedSinceRemote = true;
    if (ice == null) {
      iceCredentials = IceCredentials.random(entropy);
      return CompletableFuture.completedFuture(iceCredentials);
    }
    return ice.restart(null, stunServers, turnServers, relayOnly).thenApply(c -> {
      iceCredentials = c;
      return c;
    });
  }

  /**
   * Gathers candidates before there is a local description (webrtc-pc iceCandidatePoolSize):
   * sockets are bound and STUN/TURN servers asked now, so that {@link #gather()} can signal the
   * candidates at once. Nothing is reported until {@link #gather()}. The ICE role is provisional
   * (controlling) and follows the negotiation while the peer's credentials are unknown. Does
   * nothing when gathering already started.
   */
  public CompletableFuture<Void> preGather() {
    requireOpen();
    if (ice != null) {
      return CompletableFuture.completedFuture(null);
    }
    pool = new ArrayList<>();
    return ensureIce(true).gather();
  }

  /**
   * ICE restart (RFC 8445 §9) with the credentials of the local description that restarts: the
   * agent starts a new generation now (the selected pair keeps carrying DTLS until the new one
   * selects), and the next {@link #gather()} signals the candidates again with the new ufrag.
   */
  public CompletableFuture<IceCredentials> restartIce(IceCredentials credentials) {
    requireOpen();
    Objects.requireNonNull(credentials, "credentials");
    restartedSinceRemote = true;
    iceCredentials = credentials;
    if (ice == null) {
      return CompletableFuture.completedFuture(credentials);
    }
    return ice.restart(credentials, stunServers, turnServers, relayOnly);
  }

  /**
   * webrtc-pc "set a configuration" (https://w3c.github.io/webrtc-pc/#set-pc-configuration),
   * the ICE servers and iceTransportPolicy steps: they take effect at the next gathering phase
   * (RFC 8829 §4.1.18), the next {@link #restartIce} or the first {@link #gather()}; nothing
   * changes before. A pre-gathered pool (no local description yet) is discarded and gathered
   * again from the new servers, as the same steps say for a nonzero iceCandidatePoolSize.
   */
  public void setIceServers(List<InetSocketAddress> stun, List<TurnServer> turn, boolean relay) {
    requireOpen();
    boolean changed = !stun.equals(stunServers) || !turn.equals(turnServers) || relay != relayOnly;
    stunServers = List.copyOf(stun);
    turnServers = List.copyOf(turn);
    relayOnly = relay;
    if (changed && pool != null && ice != null && remote == null) {
      resetIce();
      preGather();
    }
  }

  /**
   * Undoes a {@link #restartIce(IceCredentials)} the peer has not answered (a JSEP rollback of
   * the restarting offer): the previous generation and its credentials ({@code previous}) are
   * in force again, and nothing is gathered or signalled.
   */
  public CompletableFuture<IceCredentials> rollbackRestart(IceCredentials previous) {
    requireOpen();
    restartedSinceRemote = false;
    iceCredentials = previous;
    if (ice == null) {
      return CompletableFuture.completedFuture(previous);
    }
    return ice.rollbackRestart();
  }

  /**
   * Forgets everything ICE did before any remote description (a JSEP rollback of the first
   * offer, webrtc-pc §4.4.1.5: the ICE gathering state goes back to "new"): the agent is closed
   * with its sockets, and the next {@link #gather()} starts afresh with the same credentials.
   * Does nothing once a remote description was applied.
   */
  public CompletableFuture<Void> resetIce() {
    requireOpen();
    if (remote != null || ice == null) {
      return CompletableFuture.completedFuture(null);
    }
    IceTransportDriver old = ice;
    ice = null;
    pool = null;
    iceState = IceTransportState.NEW;
    return old.closeAsync();
  }

  /**
   * Closes the transport, in this order: SCTP ABORT (RFC 9260 §9.1, what a browser's
   * {@code close()} sends), DTLS {@code close_notify} (RFC 5246 §7.2.1), ICE close (TURN
   * deallocations), sockets released; the future completes once the ports are free. Channels not
   * yet open are reported closed. Idempotent; nothing is reported after the final events.
   */
  public CompletableFuture<Void> close() {
    if (closed != null) {
      return closed;
    }
    closing = true;
    try {
      table.closePending(false, null);
      if (sctp != null && sctpState != SctpTransportState.CLOSED) {
        sctp.abort(now(), "peer connection closed");
      }
      drain();
      if (dtls != null) {
        dtls.close();
      }
      drain();
    } catch (RuntimeException e) {
      internalError("close", e);
    }
    cancelTimer();
    closed = ice != null ? ice.closeAsync() : CompletableFuture.completedFuture(null);
    return closed;
  }

  // ------------------------------------------------------------------ data channels (loop)

  /**
   * Opens a data channel (RFC 8832 DCEP, or no DCEP when {@code negotiated}). With
   * {@code parameters.id() == -1} a free id of our parity is chosen (RFC 8832 §6) as soon as the
   * DTLS role is known. Before SCTP is up the channel waits and opens when it is.
   *
   * @return the stream id, or a negative key until the DTLS role is known (then
   *     {@link TransportEvent.ChannelIdAssigned} maps it to the id)
   * @throws IllegalStateException when the transport is closed or no id is left
   * @throws IllegalArgumentException when the given id is in use
   */
  public int open(ChannelParameters parameters) {
    requireOpen();
    if (sctpState == SctpTransportState.CLOSED || dtlsState == DtlsState.FAILED || dtlsState == DtlsState.CLOSED) {
      throw new IllegalStateException("the SCTP transport is closed");
    }
    int key = table.open(now(), parameters, maxChannels);
    drain();
    return key;
  }

  /**
   * Sends one message on an open channel. An empty message goes out with the WebRTC String Empty
   * or Binary Empty PPID (RFC 8831 §6.6).
   *
   * @throws IllegalStateException when the channel is not open (W3C InvalidStateError)
   * @throws IllegalArgumentException when longer than {@link #maxMessageSize()} (W3C TypeError)
   */
  public void send(int streamId, byte[] data, boolean binary) {
    requireOpen();
    Objects.requireNonNull(data, "data");
    if (sctpState != SctpTransportState.CONNECTED) {
      throw new IllegalStateException("channel " + streamId + " is not open");
    }
    if (data.length > maxMessageSize()) {
      throw new IllegalArgumentException("message of " + data.length + " bytes exceeds maxMessageSize "
          + maxMessageSize());
    }
    table.send(now(), streamId, data, binary);
    drain();
  }

  /** Sends a text message (UTF-8, WebRTC String PPID). */
  public void send(int streamId, String text) {
    send(streamId, text.getBytes(StandardCharsets.UTF_8), false);
  }

  /** Sets the level at or below which {@link TransportEvent.BufferedAmountLow} fires (W3C, default 0). */
  public void setBufferedAmountLowThreshold(int streamId, long threshold) {
    if (threshold < 0) {
      throw new IllegalArgumentException("threshold must not be negative: " + threshold);
    }
    table.setBufferedAmountLowThreshold(streamId, threshold);
  }

  /**
   * Closes a channel (RFC 8831 §6.7: its outgoing stream is reset, the peer resets its own, then
   * both see {@link TransportEvent.ChannelClosed}). A channel that never opened closes at once.
   * Unknown ids are ignored.
   */
  public void close(int streamIdOrKey) {
    requireOpen();
    table.close(now(), streamIdOrKey);
    drain();
  }

  // ------------------------------------------------------------------ ICE input (loop)

  private IceTransportDriver ensureIce(boolean controlling) {
    if (ice == null) {
      iceControlling = controlling;
      IceConfig config = new IceConfig(controlling, false, iceCredentials, null, logId);
      // Events of an agent that resetIce() replaced are stale: only the current one is heard.
      IceTransportDriver[] self = new IceTransportDriver[1];
      ice = IceTransportDriver.builder(config).executor(loop).scheduler(scheduler).io(io).clock(clock)
          .entropy(entropy).network(network).stunServers(stunServers).turnServers(turnServers)
          .relayOnly(relayOnly).mux(mux).listener(e -> {
            if (self[0] == null || self[0] == ice) {
              onIceEvent(e);
            }
          }).build();
      self[0] = ice;
      IceTransportDriver current = ice;
      ice.afterInboundBurst(() -> {
        if (current == ice) {
          drainIfPending();
        }
      });
      if (pool == null) { // a pre-gathered agent's role is reported with its candidates
        emit(new TransportEvent.IceRoleChanged(controlling));
      }
    } else if (controlling != iceControlling && remote == null) {
      // a pre-gathered agent learns its role from the negotiation (RFC 8445 §6.1.1)
      iceControlling = controlling;
      ice.setControlling(controlling);
    } else if (controlling != iceControlling) {
      // The agent's role is fixed when gathering starts; a disagreement is settled by RFC 8445
      // §7.3.1.1 role conflict resolution with the peer.
      LOG.debug("{} ICE role {} asked after the agent started; left to role conflict resolution", logId,
          controlling ? "controlling" : "controlled");
    }
    return ice;
  }

  private void onIceEvent(IceEvent e) {
    if (closed != null && !(e instanceof IceEvent.StateChanged)) {
      return;
    }
    try {
      if (e instanceof IceEvent.ApplicationData) {
        boolean established = dtls != null && dtls.state() == DtlsState.CONNECTED;
        onApplicationData(((IceEvent.ApplicationData) e).data());
        if (established) {
          // Records of an established session: hand them to SCTP now, but poll what SCTP wants
          // to send (SACKs, DATA the SACKs opened room for) once, after the burst of datagrams
          // the ICE driver is delivering in this task. One SACK then answers the whole burst.
          absorbDtlsEvents();
          deferDrain();
          return;
        }
      } else if (e instanceof IceEvent.StateChanged) {
        iceState = ((IceEvent.StateChanged) e).state();
        emit(new TransportEvent.IceStateChanged(iceState));
        if (iceState == IceTransportState.CONNECTED || iceState == IceTransportState.COMPLETED) {
          startDtls();
        }
      } else if (e instanceof IceEvent.CandidateGathered g) {
        signal(new TransportEvent.LocalCandidate(CandidateAttribute.parse(g.candidate().toSdp()),
            iceCredentials.ufrag(), g.relayProtocol(), g.url()));
      } else if (e instanceof IceEvent.GatheringComplete) {
        signal(new TransportEvent.GatheringComplete(iceCredentials.ufrag()));
      } else if (e instanceof IceEvent.GatheringError) {
        IceEvent.GatheringError g = (IceEvent.GatheringError) e;
        signal(new TransportEvent.GatheringError(g.url(), g.base().address().getHostAddress(), g.base().port(),
            g.errorCode(), g.errorText()));
      } else if (e instanceof IceEvent.SelectedPairChanged) {
        emit(new TransportEvent.SelectedPairChanged(((IceEvent.SelectedPairChanged) e).pair()));
        pairSelected = true;
        byte[] held;
        while ((held = heldDtls.poll()) != null) {
          ice.send(held);
        }
      } else if (e instanceof IceEvent.RoleChanged r) {
        LOG.debug("{} ICE role is now {}", logId, r.controlling() ? "controlling" : "controlled");
        iceControlling = r.controlling();
        emit(new TransportEvent.IceRoleChanged(r.controlling()));
      }
    } catch (CandidateParseException ex) {
      internalError("writing a local candidate", ex);
    } catch (RuntimeException ex) {
      internalError("handling " + e, ex);
    }
    if (closed == null) {
      drain();
    }
  }

  /** RFC 7983 §7 demultiplexing of what ICE delivers (STUN, 0..3, never reaches here). */
  private void onApplicationData(byte[] data) {
    int first = data.length == 0 ? -1 : data[0] & 0xff;
    if (first >= 20 && first <= 63) {
      if (dtls != null) {
        if (remote.dtlsRole() == DtlsRole.SERVER) {
          // The peer's ICE already found the path (ICE only delivers data from a known remote
          // candidate): a DTLS server works on its ClientHello at once rather than after our own
          // side of ICE turned connected; its answer is held until ICE has selected a pair.
          // Authentication does not depend on this (RFC 8842 §5.1).
          startDtls();
        }
        dtls.handleDatagram(data, now());
      } else if (earlyDtls.size() < MAX_EARLY_DTLS) {
        earlyDtls.add(data);
      } else {
        otherDropped.incrementAndGet();
      }
    } else if (first >= 128 && first <= 191) {
      rtpDropped.incrementAndGet(); // RTP/RTCP: no media path yet
    } else {
      otherDropped.incrementAndGet();
    }
  }

  /**
   * Feeds DTLS's events to SCTP (decrypted records) and the state; SCTP's output is left for
   * the next drain unless a state event follows records. True if there was any event.
   */
  private boolean absorbDtlsEvents() {
    boolean any = false;
    DtlsEvent de;
    while ((de = dtls.pollEvent()) != null) {
      any = true;
      if (!(de instanceof DtlsEvent.ApplicationData)) {
        // A close_notify or failure after records: what SCTP made of those records (an ABORT
        // and its cause) is reported first.
        pollSctp();
      }
      onDtlsEvent(de);
    }
    return any;
  }

  /**
   * Asks for a drain once the datagrams being delivered have all been fed: the ICE driver's
   * after-burst hook runs it for host datagrams; for other paths (TURN) a loop task queued
   * behind the current one does.
   */
  private void deferDrain() {
    if (drainPending) {
      return;
    }
    drainPending = true;
    if (!ice.deliveringInboundBurst()) {
      dispatch(this::drainIfPending);
    }
  }

  private void drainIfPending() {
    if (drainPending) {
      drainPending = false;
      if (closed == null) {
        drain();
      }
    }
  }

  private void startDtls() {
    if (dtls == null || dtlsStarted || closing) {
      return;
    }
    dtlsStarted = true;
    dtls.start(now());
    dtlsState = DtlsState.CONNECTING;
    emit(new TransportEvent.DtlsStateChanged(DtlsState.CONNECTING, null, null));
  }

  // Called on a DTLS handshake thread: only enqueues a drain, at most one pending.
  private void onDtlsWakeup() {
    if (wakeupPending.compareAndSet(false, true)) {
      dispatch(() -> {
        wakeupPending.set(false);
        if (closed == null) {
          drain();
        }
      });
    }
  }

  private void dispatch(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("{} loop executor rejected a transport task", logId);
    }
  }

  // ------------------------------------------------------------------ the drain loop

  /**
   * Moves everything forward until no core has output left: DTLS events and records, SCTP
   * packets and events, channel events; then publishes the buffered amounts and re-arms the
   * timer. Datagrams leave through the ICE driver in the order they were produced.
   */
  private void drain() {
    drainPending = false; // whatever was deferred is handled by this drain
    try {
      boolean progress = dtls != null;
      while (progress) {
        progress = false;
        progress |= absorbDtlsEvents();
        progress |= pollSctp();
        progress |= table.drainEvents();
        // Before the datagrams leave: the W3C bufferedAmount decrease is queued before the peer
        // can have the message (webrtc-pc §6.2).
        table.publishBuffered();
        byte[] datagram;
        while ((datagram = dtls.pollTransmit()) != null) {
          progress = true;
          if (pairSelected) {
            ice.sendOnExecutor(datagram); // we run on the ICE driver's executor: no copy, no task
          } else if (heldDtls.size() < MAX_EARLY_DTLS) {
            heldDtls.add(datagram); // the agent would drop it: no pair to send on yet
          } else {
            otherDropped.incrementAndGet();
          }
        }
      }
    } catch (RuntimeException e) {
      internalError("transport step", e);
    }
    rearm();
  }

  /** SCTP's packets to DTLS and its events to the channels; true if there was any. */
  private boolean pollSctp() {
    boolean any = false;
    if (sctp != null) {
      byte[] packet;
      while ((packet = sctp.pollTransmit()) != null) {
        any = true;
        if (dtls.state() == DtlsState.CONNECTED) {
          dtls.send(packet);
        }
      }
      SctpEvent se;
      while (sctp != null && (se = sctp.pollEvent()) != null) {
        any = true;
        onSctpEvent(se);
      }
    }
    return any;
  }

  private void onDtlsEvent(DtlsEvent e) {
    if (e instanceof DtlsEvent.ApplicationData) {
      if (sctp != null) {
        // The record's array is ours alone (DtlsEndpoint makes one per record): no copy.
        sctp.handleOwnedDatagram(now(), ((DtlsEvent.ApplicationData) e).data());
      }
    } else if (e instanceof DtlsEvent.Connected) {
      dtlsState = DtlsState.CONNECTED;
      emit(new TransportEvent.DtlsStateChanged(DtlsState.CONNECTED, (DtlsEvent.Connected) e, null));
      startSctp();
    } else if (e instanceof DtlsEvent.Closed) {
      dtlsState = DtlsState.CLOSED;
      emit(new TransportEvent.DtlsStateChanged(DtlsState.CLOSED, null, null));
      transportGone("DTLS transport closed");
    } else if (e instanceof DtlsEvent.Failed) {
      DtlsEvent.Failed f = (DtlsEvent.Failed) e;
      dtlsState = DtlsState.FAILED;
      emit(new TransportEvent.DtlsStateChanged(DtlsState.FAILED, null, f));
      transportGone("DTLS transport failed: " + f.reason());
    }
  }

  /** RFC 8261 §5: both peers start the association once DTLS is up (both send INIT). */
  private void startSctp() {
    if (remote.sctpPort() < 0 || sctp != null || closing) {
      return;
    }
    int mtu = Math.min(SctpConfig.defaults().mtu(), dtls.maxApplicationDataSize());
    SctpConfig config = SctpConfig.defaults().withPorts(localSctpPort, remote.sctpPort())
        .withLargeMessages(localMaxMessageSize, remote.sctpMaxMessageSize()).withMtu(mtu);
    sctp = SctpAssociation.client(config, entropy, now());
    table.associationStarted(sctp);
    sctpState = SctpTransportState.CONNECTING;
    emit(new TransportEvent.SctpStateChanged(SctpTransportState.CONNECTING, maxMessageSize(), 0, null, -1));
  }

  private void onSctpEvent(SctpEvent e) {
    table.handle(now(), e);
    if (e instanceof SctpEvent.Connected) {
      maxChannels = sctp.maxChannels();
      sctpState = SctpTransportState.CONNECTED;
      emit(new TransportEvent.SctpStateChanged(SctpTransportState.CONNECTED, maxMessageSize(), maxChannels, null,
          -1));
      table.associationConnected(now(), maxChannels);
    } else if (e instanceof SctpEvent.Closed) {
      sctpClosed(null, -1);
    } else if (e instanceof SctpEvent.Failed) {
      SctpEvent.Failed f = (SctpEvent.Failed) e;
      sctpClosed(f.reason(), f.causeCode());
    }
  }

  private void sctpClosed(String failure, int causeCode) {
    if (sctpState == SctpTransportState.CLOSED) {
      return;
    }
    sctpState = SctpTransportState.CLOSED;
    maxChannels = 0;
    emit(new TransportEvent.SctpStateChanged(SctpTransportState.CLOSED, maxMessageSize(), 0, failure, causeCode));
    table.drainEvents();
    table.associationClosed();
    sctp = null; // a new association needs a new DTLS session in WebRTC (RFC 8261 §6)
  }

  /** DTLS closed or failed under SCTP: the association and every channel are gone. */
  private void transportGone(String why) {
    table.closePending(true, why);
    if (sctp != null && sctpState != SctpTransportState.CLOSED) {
      table.associationLost(now(), why);
      sctpClosed(why, -1);
    }
  }

  // ------------------------------------------------------------------ timer

  /**
   * One timer for the SCTP association (the ICE driver runs its own; Bouncy Castle times DTLS
   * itself). A timer already armed earlier than needed is kept: it fires, the association finds
   * nothing due, and the timer is armed again, which costs less than re-scheduling on every SACK.
   */
  private void rearm() {
    if (closed != null || closing) {
      return;
    }
    long next = sctp != null ? sctp.pollTimeoutNanos() : Long.MAX_VALUE;
    if (next == Long.MAX_VALUE || (timer != null && timerDeadline <= next)) {
      return;
    }
    cancelTimer();
    timerDeadline = next;
    long seq = ++timerSeq;
    long delay = Math.max(0, next - clock.monotonicNanos());
    timer = scheduler.schedule(() -> dispatch(() -> onTimer(seq)), delay, TimeUnit.NANOSECONDS);
  }

  private void onTimer(long seq) {
    if (seq != timerSeq || closed != null) {
      return; // a cancelled timer that had already fired
    }
    timer = null;
    timerDeadline = Long.MAX_VALUE;
    try {
      if (sctp != null) {
        sctp.handleTimeout(now());
      }
    } catch (RuntimeException e) {
      internalError("SCTP timer", e);
    }
    drain();
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    timerDeadline = Long.MAX_VALUE;
    timerSeq++;
  }

  // ------------------------------------------------------------------ helpers

  private long now() {
    lastNow = Math.max(lastNow, clock.monotonicNanos());
    return lastNow;
  }

  private void requireOpen() {
    if (closing) {
      throw new IllegalStateException("the transport is closed");
    }
  }

  /**
   * The counters of the ICE agent's candidate pairs (webrtc-stats candidate-pair entries), empty
   * before gathering started. Any thread; the future completes on the loop.
   */
  public CompletableFuture<List<dev.jrtc.ice.CandidatePairStats>> pairStats() {
    IceTransportDriver d = ice;
    return d == null ? CompletableFuture.completedFuture(List.of()) : d.pairStats();
  }

  /** Now on the transport's monotonic clock (the time base of {@link #pairStats()}). */
  public long monotonicNanos() {
    return clock.monotonicNanos();
  }

  /** Whether the ICE agent is controlling, or null before it exists (tests). */
  CompletableFuture<Boolean> iceControlling() {
    IceTransportDriver d = ice;
    return d == null ? CompletableFuture.completedFuture(null) : d.isControlling();
  }

  /** Events held in the pre-gathered pool, or -1 when there is no pool (tests; on the loop). */
  int pooledEvents() {
    return pool == null ? -1 : pool.size();
  }

  /** A gathering event: reported, or held in the pool until {@link #gather()}. */
  private void signal(TransportEvent e) {
    if (pool != null) {
      pool.add(e);
    } else {
      emit(e);
    }
  }

  private void emit(TransportEvent e) {
    try {
      listener.onEvent(e);
    } catch (RuntimeException ex) {
      LOG.error("{} transport listener failed on {}", logId, e, ex);
    }
  }

  private void internalError(String what, Throwable e) {
    LOG.error("{} transport failed while {}", logId, what, e);
    emit(new TransportEvent.Error(what, e));
  }

  /** Builds a {@link PeerTransport}; nothing is bound or sent until {@link PeerTransport#gather()}. */
  public static final class Builder {
    private Executor loop;
    private Listener listener;
    private DtlsCertificate certificate;
    private String logId = "";
    private IoThreads io;
    private ScheduledExecutorService scheduler;
    private Clock clock;
    private Entropy entropy;
    private NetworkSettings network;
    private List<InetSocketAddress> stunServers = List.of();
    private List<TurnServer> turnServers = List.of();
    private boolean relayOnly;
    private UdpMux mux;
    private Executor handshakeExecutor;
    private int localSctpPort = DEFAULT_SCTP_PORT;
    private int localMaxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private int dtlsHandshakeTimeoutMillis = 30_000;

    private Builder() {}

    /** The connection's serial executor (required): every core runs there, the listener too. */
    public Builder loop(Executor loop) {
      this.loop = loop;
      return this;
    }

    /** The event listener (required). */
    public Builder listener(Listener listener) {
      this.listener = listener;
      return this;
    }

    /** The DTLS certificate (required; W3C {@code RTCCertificate}). */
    public Builder certificate(DtlsCertificate certificate) {
      this.certificate = certificate;
      return this;
    }

    /** The prefix of log lines (the peer connection id). */
    public Builder logId(String logId) {
      this.logId = Objects.requireNonNull(logId, "logId");
      return this;
    }

    /** I/O threads (default {@link IoThreads#shared()}). */
    public Builder io(IoThreads io) {
      this.io = io;
      return this;
    }

    /** The timer (default: the I/O threads' scheduler); its tasks only enqueue on the loop. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** The clock (default {@link Clock#system()}). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The entropy (default {@link Entropy#secure()}). */
    public Builder entropy(Entropy entropy) {
      this.entropy = entropy;
      return this;
    }

    /** Addresses and ports (default {@link NetworkSettings#defaults()}: no loopback). */
    public Builder network(NetworkSettings network) {
      this.network = network;
      return this;
    }

    /** STUN servers (resolved). */
    public Builder stunServers(List<InetSocketAddress> servers) {
      this.stunServers = List.copyOf(servers);
      return this;
    }

    /** TURN servers. */
    public Builder turnServers(List<TurnServer> servers) {
      this.turnServers = List.copyOf(servers);
      return this;
    }

    /** W3C {@code iceTransportPolicy: "relay"}. */
    public Builder relayOnly(boolean relayOnly) {
      this.relayOnly = relayOnly;
      return this;
    }

    /** A shared UDP port for host candidates. */
    public Builder mux(UdpMux mux) {
      this.mux = mux;
      return this;
    }

    /** The DTLS handshake pool (default: the JVM's shared one, see {@code HandshakePool}). */
    public Builder handshakeExecutor(Executor executor) {
      this.handshakeExecutor = executor;
      return this;
    }

    /** Our {@code a=sctp-port} (default 5000). */
    public Builder localSctpPort(int port) {
      if (port < 0 || port > 0xffff) {
        throw new IllegalArgumentException("sctp port out of range: " + port);
      }
      this.localSctpPort = port;
      return this;
    }

    /** Our {@code a=max-message-size} (default 262144). */
    public Builder localMaxMessageSize(int size) {
      if (size <= 0) {
        throw new IllegalArgumentException("max message size must be positive: " + size);
      }
      this.localMaxMessageSize = size;
      return this;
    }

    /** Give up a DTLS handshake after this long (default 30 s; wall clock, see {@link DtlsEndpoint}). */
    public Builder dtlsHandshakeTimeoutMillis(int millis) {
      this.dtlsHandshakeTimeoutMillis = millis;
      return this;
    }

    /** The transport. */
    public PeerTransport build() {
      return new PeerTransport(this);
    }
  }
}
