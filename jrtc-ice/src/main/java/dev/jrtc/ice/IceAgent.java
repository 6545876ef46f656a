package dev.jrtc.ice;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.Fingerprint;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.StunParseException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sans-IO ICE agent, RFC 8445 (full or lite, both roles), with trickle (RFC 8838), consent
 * freshness (RFC 7675) and ICE restarts.
 *
 * <p>Not thread-safe. Owned and driven by exactly one loop. Never blocks, never reads a clock:
 * the driver feeds datagrams with {@link #handleInbound}, time with {@link #handleTimeout},
 * then drains {@link #pollTransmit()} and {@link #pollEvent()} and re-arms one timer at
 * {@link #pollTimeoutNanos()}.
 *
 * <p>Timing: ordinary and triggered checks are paced at Ta = 50 ms (§14.2); a check is
 * retransmitted at 250 ms doubling to at most 1 s, 7 sends, and fails 5.75 s after the first
 * (§14.3 leaves this to the implementation; close to Chromium's 5 s). The controlling agent uses
 * regular nomination (§8.1.1): it nominates the best valid pair once no higher-priority pair is
 * pending, or 500 ms after the first valid pair; a nominating check that times out is sent once
 * more on the same pair before the pair fails and the next valid pair is nominated. Until a pair
 * is selected, and afterwards for the other valid pairs, each valid pair is checked again every
 * 5 s (every second while consent on the selected pair is missing), so that a path that died is
 * noticed (the agent then fails instead of waiting forever) and a backup pair is known to work. The check list keeps running after the nomination (RFC
 * 8838 §11): candidates trickled later are paired and checked. On the selected pair both sides
 * send consent checks every 5 s ± 20 % (RFC 7675 §5.1); when one has gone unanswered for 5 s the
 * agent moves to another valid pair that answered since (as Chromium does), or else turns
 * disconnected, and failed when no consent has arrived for 30 s (RFC 7675 §5.1). A Binding
 * indication keeps the pair alive if nothing was sent for Tr = 15 s (§11).
 *
 * <p>Candidates: the driver adds a host candidate per bound address
 * ({@link #addLocalCandidate(TransportAddress, long)}); the agent gathers server-reflexive ones
 * itself from STUN servers ({@link #addStunServer}) and relayed ones from TURN servers
 * ({@link #addTurnServer}): it runs the {@link dev.jrtc.turn.TurnClient} itself, so every
 * {@link Transmit} leaves from a base the driver bound (to a TURN server over TCP or TLS the
 * transmit's remote address is a TCP one: the driver writes the bytes to its connection to that
 * server and feeds what it reads back to {@link #handleInbound}). A driver that runs its own
 * TURN client instead adds the relayed candidate with {@link #addLocalCandidate(Candidate, long)}
 * ({@link #relayedCandidate} computes it), sends every {@link Transmit} whose local address is
 * the relayed one through {@code TurnClient.send}, and feeds the client's peer data to
 * {@link #handleInbound} with the relayed address as the local address. Remote mDNS names go
 * through {@link MdnsResolver}.
 */
public final class IceAgent {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.ice");
  static final long MS = 1_000_000L;
  /** RFC 8445 §14.2 pacing. */
  static final long TA_NANOS = 50 * MS;
  static final long NOMINATION_WAIT_NANOS = 500 * MS;
  /** Nominating checks sent on one pair before it fails (§8.1.1 leaves retries to us). */
  static final int NOMINATION_ATTEMPTS = 2;
  /** How often a valid pair that carries no consent checks is checked again. */
  static final long RECHECK_NANOS = 5000 * MS;
  /** The same while consent on the selected pair is missing (a backup must be known to work). */
  static final long RECHECK_WEAK_NANOS = 1000 * MS;

  /** RFC 7675 §5.1 consent check interval (randomized 0.8..1.2). */
  static final long CONSENT_INTERVAL_NANOS = 5000 * MS;
  static final long DISCONNECTED_TIMEOUT_NANOS = 5000 * MS;
  /** RFC 7675 §5.1 consent timeout. */
  static final long CONSENT_TIMEOUT_NANOS = 30_000 * MS;
  /** RFC 8445 §11 Tr. */
  static final long KEEPALIVE_NANOS = 15_000 * MS;

  final IceConfig config;
  final Entropy entropy;
  final long tieBreaker;
  boolean controlling;
  private boolean closed;
  final LocalGathering local;
  Generation gen;
  Generation previous;
  /**
   * The generation the last {@link #restart} replaced, kept while the new one has no remote
   * credentials, so that a JSEP rollback of the restarting offer can bring it back.
   */
  private Generation replaced;
  SelectedPair selected;
  final ConnectivityChecks checks;
  private final ArrayDeque<Transmit> transmits = new ArrayDeque<>();
  final ArrayDeque<IceEvent> events = new ArrayDeque<>();
  private final MdnsCandidates mdns;
  // The agent's parts that work on the state above (package-private for them).
  final InboundChecks inbound = new InboundChecks(this);
  final Nomination nomination = new Nomination(this);
  private IceTransportState state = IceTransportState.NEW;
  private long lastNow;
  long malformed;
  long unauthenticated;
  long stale;
  long unknownData;

  private IceAgent(IceConfig config, Entropy entropy, long nowNanos) {
    this.config = config;
    this.entropy = entropy;
    this.tieBreaker = entropy.nextLong();
    // RFC 8445 §6.1.1: a lite agent is always controlled.
    this.controlling = config.controlling() && !config.lite();
    this.gen = new Generation(config.credentials() != null ? config.credentials() : IceCredentials.random(entropy));
    this.lastNow = nowNanos;
    this.mdns = new MdnsCandidates(config.mdnsResolver());
    this.checks = new ConnectivityChecks(entropy, this::emit);
    this.local = new LocalGathering(entropy, config.stunRetransmission(), this::emit, new GatheringListener());
  }

  /** Creates an agent. */
  public static IceAgent create(IceConfig config, Entropy entropy, long nowNanos) {
    return new IceAgent(config, entropy, nowNanos);
  }

  /** The local ufrag and password of the current generation (put them in SDP). */
  public IceCredentials localCredentials() {
    return gen.local;
  }

  /** True while in the controlling role. */
  public boolean isControlling() {
    return controlling;
  }

  /** The tie-breaker sent in ICE-CONTROLLING / ICE-CONTROLLED. */
  public long tieBreaker() {
    return tieBreaker;
  }

  /** The transport state. */
  public IceTransportState state() {
    return state;
  }

  /** The selected pair, or null. */
  public CandidatePair selectedPair() {
    return selected == null ? null : selected.entry.pair();
  }

  /** The local candidates of the current generation (signalled with its ufrag) so far. */
  public List<Candidate> localCandidates() {
    return List.copyOf(gen.locals);
  }

  /** A snapshot of the pairs of the current generation and their states. */
  public Map<CandidatePair, CandidatePairState> checkListSnapshot() {
    Map<CandidatePair, CandidatePairState> m = new LinkedHashMap<>();
    for (CheckList.Entry e : gen.checkList.entries()) {
      m.put(e.pair(), e.state);
    }
    return m;
  }

  /** Counters of dropped or rejected input. */
  public IceStats stats() {
    return new IceStats(malformed, unauthenticated, stale, unknownData, checks.checksSent, checks.consentSent);
  }

  // ---------------------------------------------------------------- candidates

  /**
   * Adds a host candidate for an address the driver bound, computes its priority
   * (§5.1.2: type preference 126, local preference decreasing per candidate) and reports it as
   * {@link IceEvent.CandidateGathered}.
   */
  public Candidate addLocalCandidate(TransportAddress base, long nowNanos) {
    Candidate c = local.host(base);
    addLocalCandidate(c, nowNanos);
    return c;
  }

  /** Adds a local candidate gathered by the driver (host, server-reflexive or relayed). */
  public void addLocalCandidate(Candidate candidate, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    local.add(candidate, false, nowNanos);
    updateState();
  }

  /**
   * Gathers a server-reflexive candidate from {@code server} for every UDP host candidate, now
   * and for the ones added later (RFC 8445 §5.1.1.2).
   */
  public void addStunServer(TransportAddress server, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    local.addStunServer(server, gen.locals, nowNanos);
  }

  /**
   * Stops using a STUN server (webrtc-pc setConfiguration with other ICE servers): it is not
   * queried any more, its outstanding queries are dropped, and the server-reflexive candidates
   * of the next {@link #restart} generation come from the remaining servers only.
   */
  public void removeStunServer(TransportAddress server, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    local.removeStunServer(server);
    updateState();
  }

  /**
   * Gathers a relayed candidate (RFC 8445 §5.1.1.2) from a TURN server, from {@code base}: an
   * address the driver bound (for a server over UDP; it may be a host candidate's too), or over
   * TCP/TLS the local address the driver's connection to the server uses. The agent runs the
   * allocation (RFC 8656), creates permissions for the remote candidates, binds a channel for the
   * selected pair and reports {@link IceEvent.CandidateGathered} or, on failure (401 wrong
   * credentials, 701 no answer), an {@link IceEvent.GatheringError} carrying the server's URL.
   */
  public void addTurnServer(RelayServer server, TransportAddress base, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    local.addTurnServer(server, base, nowNanos);
    updateState();
  }

  /**
   * The relayed candidate for an allocation a driver made with its own TURN client (priority
   * and foundation as the agent computes them for {@link #addTurnServer}); {@code index} ranks
   * allocations on servers of the same transport, 0 first.
   *
   * @param mapped the client's address as the server saw it (the related address), or null
   */
  public static Candidate relayedCandidate(RelayServer server, TransportAddress base, TransportAddress relayed,
      TransportAddress mapped, int index) {
    return RelayedCandidates.candidate(server, base, relayed, mapped, index);
  }

  /** Receives the outcomes of gathering. */
  private final class GatheringListener implements LocalGathering.Listener {
    @Override
    public boolean gathered(Candidate candidate, boolean relayedByUs, String relayProtocol, String url, long now) {
      Generation g = gen;
      if (!g.admits(candidate) || g.hasLocal(candidate.address())) {
        return false;
      }
      g.locals.add(candidate);
      events.add(new IceEvent.CandidateGathered(candidate, relayProtocol, url));
      for (Candidate r : g.remoteCandidates) {
        g.checkList.add(candidate, r, controlling);
        if (relayedByUs) {
          local.permit(r, now); // RFC 8656 §9: before the peer's first check arrives
        }
      }
      return true;
    }

    @Override
    public void error(IceEvent.GatheringError error) {
      events.add(error);
    }

    @Override
    public void complete() {
      events.add(new IceEvent.GatheringComplete());
    }

    @Override
    public void relayedData(TransportAddress relayed, TransportAddress peer, byte[] data, long now) {
      handleInbound(data, relayed, peer, now);
    }

    @Override
    public void relayLost(TransportAddress relayed, long now) {
      localCandidateFailed(relayed, now);
    }
  }

  /**
   * The driver added every host (and relayed) candidate: {@link IceEvent.GatheringComplete}
   * follows once the STUN and TURN servers have answered or timed out.
   */
  public void endOfLocalCandidates(long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    local.end();
    updateState();
  }

  /** Sets the peer's ufrag and password (a full peer). */
  public void setRemoteCredentials(String ufrag, String pwd, long nowNanos) {
    setRemoteCredentials(ufrag, pwd, false, nowNanos);
  }

  /**
   * Sets the peer's ufrag and password for the current generation. With {@code iceLite} the
   * peer is a lite agent and this agent takes the controlling role (RFC 8445 §6.1.1).
   *
   * @throws IllegalStateException if other credentials are already set: call {@link #restart}
   */
  public void setRemoteCredentials(String ufrag, String pwd, boolean iceLite, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    IceCredentials creds = new IceCredentials(ufrag, pwd);
    if (gen.remote != null) {
      if (gen.remote.equals(creds)) {
        return;
      }
      throw new IllegalStateException("remote credentials changed without an ICE restart");
    }
    gen.remote = creds;
    gen.remoteLite = iceLite;
    replaced = null; // the restart is answered: no rollback to the old generation any more
    if (iceLite && !controlling && !config.lite()) {
      switchRole(true);
    }
    updateState();
  }

  /** Adds a remote candidate (trickled or from the SDP). */
  public void addRemoteCandidate(Candidate candidate, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    gen.addRemote(candidate, gen.locals, controlling);
    local.permit(candidate, nowNanos);
    updateState();
  }

  /**
   * Adds a remote candidate from its SDP attribute (RFC 8839 §5.1): an IP literal joins at
   * once, an mDNS name goes through the {@link MdnsResolver}.
   *
   * @throws CandidateParseException when the attribute cannot be used (unknown type, transport, ...)
   */
  public void addRemoteCandidate(CandidateAttribute attribute, long nowNanos) throws CandidateParseException {
    if (attribute.priority() > 0x7fffffffL) {
      throw new CandidateParseException("priority above 2^31-1: " + attribute.priority());
    }
    if (attribute.isMdns()) {
      if (!"host".equals(attribute.type())) {
        throw new CandidateParseException("an mDNS name on a " + attribute.type() + " candidate");
      }
      addRemoteMdnsCandidate(attribute.foundation(), attribute.component(), attribute.protocol(),
          attribute.priority(), attribute.address(), attribute.port(), CandidateType.HOST, nowNanos);
    } else {
      addRemoteCandidate(attribute.toCandidate(), nowNanos);
    }
  }

  /**
   * Adds a remote host candidate whose address is an mDNS name ({@code <uuid>.local}). The
   * agent asks the {@link MdnsResolver}; the candidate joins when
   * {@link #handleMdnsResolved} brings the address. Without a resolver it is dropped.
   */
  public void addRemoteMdnsCandidate(String foundation, int component, Protocol protocol, long priority,
      String hostname, int port, CandidateType type, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    mdns.request(hostname, foundation, component, protocol, priority, port, type);
  }

  /** The answer to an {@link MdnsResolver} query; {@code address} null means it failed. */
  public void handleMdnsResolved(String hostname, InetAddress address, long nowNanos) {
    if (closed) {
      return;
    }
    for (Candidate c : mdns.resolved(hostname, address)) {
      addRemoteCandidate(c, nowNanos);
    }
  }

  /**
   * A local candidate stopped working for good: a relayed candidate whose TURN allocation is
   * gone with its TCP/TLS connection (RFC 8656 §3.1) or expired. Its pairs fail at once instead
   * of after their checks time out; when the selected pair uses it, nothing can be sent on it
   * anymore (as when consent is lost, RFC 7675 §5.1): the agent moves to another valid pair, or
   * turns failed when there is none (an ICE restart recovers). The candidate stays signalled.
   */
  public void localCandidateFailed(TransportAddress address, long nowNanos) {
    lastNow = nowNanos;
    if (closed) {
      return;
    }
    for (Generation g : new Generation[] {gen, previous}) {
      if (g != null) {
        for (CheckList.Entry e : g.checkList.entries()) {
          if (e.local.address().equals(address)) {
            g.fail(e);
          }
        }
      }
    }
    SelectedPair s = selected;
    if (s != null && s.entry.local.address().equals(address)) {
      LOG.debug("{} ICE selected pair lost its local candidate", config.logId());
      s.disconnected = true;
      s.expired = true;
      nomination.maybeFallBack(nowNanos);
    }
    updateState();
  }

  /** The peer signalled end-of-candidates (RFC 8838 §4.2). */
  public void endOfRemoteCandidates(long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    gen.remoteEnded = true;
    updateState();
  }

  /**
   * ICE restart (RFC 8445 §9) with new random local credentials. The selected pair keeps
   * carrying data (and consent checks with the old credentials) until the new generation
   * selects a pair.
   */
  public IceCredentials restart(long nowNanos) {
    return restart(IceCredentials.random(entropy), nowNanos);
  }

  /**
   * ICE restart with the given new local credentials and the same policy, keeping every local
   * candidate (see {@link #restart(IceCredentials, boolean, Predicate, long)}).
   */
  public IceCredentials restart(IceCredentials credentials, long nowNanos) {
    return restart(credentials, gen.relayOnly, c -> true, nowNanos);
  }

  /**
   * ICE restart (RFC 8445 §9) with the given new local credentials, which starts a new
   * gathering phase (RFC 8829 §3.5.3, §4.1.18: the ICE servers and the candidate policy of a
   * setConfiguration apply from there). The new generation takes the local candidates of the
   * current one that {@code keep} accepts (a driver drops the relayed candidates of TURN servers
   * no longer configured) and its policy admits: with {@code relayOnly} (webrtc-pc
   * iceTransportPolicy {@code relay}) only relayed ones. They are reported at once as
   * {@link IceEvent.CandidateGathered} again; server-reflexive candidates are asked for again
   * from the STUN servers. {@link IceEvent.GatheringComplete} follows again once the driver has
   * called {@link #endOfLocalCandidates} again and every server answered. The selected pair keeps
   * carrying data until the new generation selects one; then the old generation is gone.
   */
  public IceCredentials restart(IceCredentials credentials, boolean relayOnly, Predicate<Candidate> keep,
      long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    checks.cancelChecks();
    if (selected != null && selected.expired) {
      selected = null; // consent is gone: nothing to keep using
    }
    if (selected != null && relayOnly && selected.entry.local.type() != CandidateType.RELAYED) {
      // webrtc-pc iceTransportPolicy "relay" from this gathering phase on: no other path may
      // carry data, not even the old one until the new generation selects
      selected = null;
    }
    previous = selected != null ? selected.gen : null;
    Generation old = gen;
    replaced = old;
    old.gatheringPhase = local.phase();
    gen = new Generation(credentials, relayOnly);
    for (Candidate c : old.locals) {
      if (c.type() != CandidateType.SERVER_REFLEXIVE && gen.admits(c) && keep.test(c)) {
        gen.locals.add(c);
        String[] origin = local.origin(c.address());
        events.add(new IceEvent.CandidateGathered(c, origin[0], origin[1]));
      }
    }
    local.regather(gen.locals, nowNanos);
    updateState();
    return credentials;
  }

  /**
   * Sets the role while the peer's credentials are unknown: an agent that gathered before its
   * side of the offer/answer was known (webrtc-pc iceCandidatePoolSize) takes the role the
   * negotiation gives it (RFC 8445 §6.1.1). Once checks can run the role only changes through
   * role-conflict resolution (§7.3.1.1), so the call is then ignored.
   *
   * @return whether the agent now has the asked role
   */
  public boolean setControlling(boolean controlling, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    if (controlling == this.controlling) {
      return true;
    }
    if (gen.remote != null) {
      return false;
    }
    switchRole(controlling);
    return true;
  }

  /**
   * Undoes the last {@link #restart} while the peer has not answered it (no remote credentials
   * for the new generation): the replaced generation becomes current again with its check list,
   * remote candidates and selected pair, as if the restart had never happened. This is what a
   * JSEP rollback of a restarting offer needs (RFC 8829 §4.1.10.2: the state goes back to the
   * last stable one). Checks the restart cancelled are made waiting again.
   *
   * @return the credentials in force again, or null when there is no restart to undo
   */
  public IceCredentials rollbackRestart(long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    if (replaced == null || gen.remote != null) {
      return null;
    }
    checks.cancelChecks();
    gen = replaced;
    replaced = null;
    previous = null;
    local.restore(gen.gatheringPhase);
    for (CheckList.Entry e : gen.checkList.entries()) {
      if (e.state == CandidatePairState.IN_PROGRESS) {
        e.state = CandidatePairState.WAITING;
      }
    }
    updateState();
    return gen.local;
  }

  // ---------------------------------------------------------------- I/O

  /**
   * A datagram arrived on {@code local} from {@code remote}. STUN Binding messages are
   * processed; other STUN methods are ignored (a TURN client consumes them first); anything
   * else from a known remote candidate is reported as {@link IceEvent.ApplicationData}.
   * Malformed or unauthenticated input is dropped and counted in {@link #stats()}; it never
   * throws.
   *
   * @param local the local address the datagram arrived on: a candidate base the driver bound
   *     (not a wildcard address), or a relayed address for data from a TURN client
   * @param remote the sender
   */
  public void handleInbound(byte[] data, TransportAddress local, TransportAddress remote, long nowNanos) {
    lastNow = nowNanos;
    if (closed) {
      return;
    }
    if (this.local.handleRelayInbound(data, local, remote, nowNanos)) {
      updateState();
      return;
    }
    if (data.length > 0 && (data[0] & 0xff) < 4) { // RFC 7983 §7: 0..3 is STUN
      StunMessage m;
      try {
        m = StunMessage.parse(data);
      } catch (StunParseException e) {
        malformed++;
        LOG.debug("{} dropped malformed STUN: {}", config.logId(), e.getMessage());
        return;
      }
      if (!m.method().equals(StunMethod.BINDING)) {
        return;
      }
      if (m.has(Fingerprint.class) && !m.checkFingerprint()) {
        malformed++;
        return;
      }
      if (m.stunClass() == StunClass.REQUEST) {
        inbound.onRequest(m, local, remote, nowNanos);
      } else if (m.stunClass().isResponse() && !this.local.handleStunResponse(m, local, remote, nowNanos)) {
        inbound.onResponse(m, local, remote, nowNanos);
      }
      updateState();
      return;
    }
    if (isKnownRemote(remote)) {
      CheckList.Entry e = entryFor(local, remote);
      if (e != null) {
        e.packetsReceived++;
        e.bytesReceived += data.length;
        e.lastPacketReceivedNanos = nowNanos;
      }
      events.add(new IceEvent.ApplicationData(local, remote, data));
    } else {
      unknownData++;
    }
  }

  /** The pair data from {@code remote} to {@code local} belongs to (the selected one first), or null. */
  CheckList.Entry entryFor(TransportAddress local, TransportAddress remote) {
    if (selected != null && selected.entry.remote.address().equals(remote)) {
      return selected.entry;
    }
    for (CheckList.Entry e : gen.checkList.entries()) {
      if (e.remote.address().equals(remote) && e.local.base().equals(local)) {
        return e;
      }
    }
    return null;
  }

  /**
   * The counters of every pair of the current check list, and of the selected pair when an
   * older generation still carries the data (webrtc-stats candidate-pair entries).
   */
  public List<CandidatePairStats> pairStats() {
    List<CandidatePairStats> out = new ArrayList<>();
    CheckList.Entry sel = selected == null ? null : selected.entry;
    for (CheckList.Entry e : gen.checkList.entries()) {
      out.add(e.stats(e == sel));
    }
    if (sel != null && !gen.checkList.contains(sel)) {
      out.add(sel.stats(true));
    }
    return out;
  }

  private boolean isKnownRemote(TransportAddress remote) {
    return (selected != null && selected.entry.remote.address().equals(remote)) || gen.knowsRemote(remote)
        || (previous != null && previous.knowsRemote(remote));
  }

  /**
   * Sends application data on the selected pair.
   *
   * @return false when no pair is selected (or consent expired): the data was not sent
   */
  public boolean send(byte[] data) {
    if (closed || selected == null || selected.expired) {
      return false;
    }
    emit(new Transmit(selected.entry.local.base(), selected.entry.remote.address(), data));
    selected.lastSentNanos = lastNow;
    CheckList.Entry e = selected.entry;
    e.packetsSent++;
    e.bytesSent += data.length;
    e.lastPacketSentNanos = lastNow;
    return true;
  }

  /** Queues {@code t} for the driver, or sends it through the agent's TURN client for a relayed local. */
  void emit(Transmit t) {
    if (!local.route(t, lastNow)) {
      transmits.add(t);
    }
  }

  /** The next datagram to send, or null. */
  public Transmit pollTransmit() {
    return transmits.pollFirst();
  }

  /** The next event, or null. */
  public IceEvent pollEvent() {
    return events.pollFirst();
  }

  /** Closes the agent: no more transmissions; state closed. */
  public void close(long nowNanos) {
    if (closed) {
      return;
    }
    lastNow = nowNanos;
    closed = true;
    checks.clear();
    transmits.clear();
    local.close(nowNanos); // RFC 8656 §7.3: the deallocations are the last transmits
    updateState();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("ICE agent closed");
    }
  }

  void switchRole(boolean nowControlling) {
    LOG.debug("{} ICE role conflict: now {}", config.logId(), nowControlling ? "controlling" : "controlled");
    controlling = nowControlling;
    for (Generation g : new Generation[] {gen, previous}) {
      if (g != null) {
        g.checkList.setRole(controlling);
      }
    }
    events.add(new IceEvent.RoleChanged(controlling));
  }

  long consentInterval() {
    // RFC 7675 §5.1: uniformly random in [0.8, 1.2] times the interval.
    return CONSENT_INTERVAL_NANOS * 8 / 10 + (long) entropy.nextInt(401) * CONSENT_INTERVAL_NANOS / 1000;
  }

  // ---------------------------------------------------------------- time

  /** Advances time: retransmissions, paced checks, nomination, consent and keepalives. */
  public void handleTimeout(long nowNanos) {
    lastNow = nowNanos;
    if (closed) {
      return;
    }
    long now = nowNanos;
    for (PendingCheck p : checks.handleTimeout(now)) {
      if (p.kind == PendingCheck.Kind.CHECK && !p.cancelled) {
        p.gen.timedOut(p.entry, p.useCandidate);
      }
    }
    local.handleTimeout(now);
    Generation g = gen;
    if (!config.lite() && g.remote != null && now >= checks.lastCheckNanos + TA_NANOS) {
      CheckList.Entry e = g.nextCheck(now, this::recheckDue);
      if (e != null) {
        checks.check(g, e, false, controlling, tieBreaker, now);
      }
    }
    if (controlling && g.firstValidNanos >= 0) {
      nomination.maybeNominate(g, now);
    }
    SelectedPair s = selected;
    if (s != null && !s.expired) {
      if (!config.lite() && s.gen.remote != null && s.consentDue(now)) {
        checks.consent(s.gen, s.entry, controlling, tieBreaker, now);
        s.consentSent(now, consentInterval());
      }
      s.evaluate(now, !config.lite());
      nomination.maybeFallBack(now);
      s = selected;
      if (!s.expired && s.keepaliveDue(now)) {
        emit(new Transmit(s.entry.local.base(), s.entry.remote.address(), IceMessages.keepalive(entropy)));
        s.lastSentNanos = now;
      }
    }
    updateState();
  }

  /**
   * When valid pair {@code e} is to be checked again: {@link #RECHECK_NANOS} after its last
   * check, or {@link #RECHECK_WEAK_NANOS} once consent on the selected pair has been missing that
   * long, so that a backup has answered before the selected pair would count as disconnected.
   * Never for the pair being nominated, the selected one (consent covers it) or a busy one.
   */
  private long recheckDue(CheckList.Entry e) {
    if (e == gen.nominating || (selected != null && selected.entry == e) || checks.checking(e)) {
      return Long.MAX_VALUE;
    }
    long due = e.lastCheckSentNanos + RECHECK_NANOS;
    if (selected != null && selected.unansweredSinceNanos >= 0) {
      long weakSince = selected.unansweredSinceNanos + RECHECK_WEAK_NANOS;
      due = Math.min(due, Math.max(e.lastCheckSentNanos + RECHECK_WEAK_NANOS, weakSince));
    }
    return due;
  }

  /** The next time {@link #handleTimeout} must run; {@code Long.MAX_VALUE} when nothing is scheduled. */
  public long pollTimeoutNanos() {
    if (closed) {
      return Long.MAX_VALUE;
    }
    long t = Math.min(local.pollTimeoutNanos(), checks.pollTimeoutNanos());
    Generation g = gen;
    if (!config.lite() && g.remote != null) {
      long next = g.checkList.hasWork() ? Long.MIN_VALUE : g.nextRecheckNanos(this::recheckDue);
      if (next != Long.MAX_VALUE) {
        t = Math.min(t, Math.max(next, checks.lastCheckNanos + TA_NANOS));
      }
    }
    if (controlling && !config.lite() && g.firstValidNanos >= 0 && g.nominated == null && g.nominating == null
        && g.checkList.bestValid() != null) {
      t = Math.min(t, g.firstValidNanos + NOMINATION_WAIT_NANOS);
    }
    if (selected != null) {
      t = Math.min(t, selected.timeoutNanos(!config.lite()));
    }
    return t;
  }

  // ---------------------------------------------------------------- state

  private IceTransportState computeState() {
    Generation g = gen;
    SelectedPair s = selected;
    return IceStateMachine.next(state, new IceStateMachine.Facts(closed, s != null, s != null && s.expired,
        s != null && s.disconnected, s != null && s.gen == g, g.remoteEnded, local.complete(),
        g.checkList.anyPending(),
        // a generation with nothing to pair once both sides ended gathering (e.g. a relay-only
        // restart without a TURN server) has no pair left to succeed: it counts as checked out
        g.remote != null && (!g.checkList.entries().isEmpty() || g.remoteEnded && local.complete()),
        g.checkList.exhausted() && !checks.outstanding(g)));
  }

  private void updateState() {
    IceTransportState next = computeState();
    if (next == state) {
      return;
    }
    if (next == IceTransportState.COMPLETED && state != IceTransportState.CONNECTED
        && state != IceTransportState.DISCONNECTED) {
      // W3C RTCIceTransportState: "completed" follows "connected", which is reported first.
      moveTo(IceTransportState.CONNECTED);
    }
    moveTo(next);
  }

  private void moveTo(IceTransportState next) {
    if (!IceTransportState.isLegal(state, next)) {
      throw new AssertionError("illegal ICE state transition " + state + " -> " + next);
    }
    LOG.debug("{} ICE state {} -> {}", config.logId(), state.value(), next.value());
    state = next;
    events.add(new IceEvent.StateChanged(next));
  }
}
