package dev.jrtc.ice;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.Fingerprint;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.StunParseException;
import dev.jrtc.stun.StunTransaction;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.UseCandidate;
import dev.jrtc.stun.XorMappedAddress;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * pending, or 500 ms after the first valid pair. On the selected pair both sides send consent
 * checks every 5 s ± 20 % (RFC 7675 §5.1); the state turns disconnected when a consent check has
 * gone unanswered for 5 s, and failed when no consent has arrived for 30 s (RFC 7675 §5.1). A
 * Binding indication keeps the pair alive if nothing was sent for Tr = 15 s (§11).
 *
 * <p>Candidates: the driver adds a host candidate per bound address
 * ({@link #addLocalCandidate(TransportAddress, long)}); the agent gathers server-reflexive ones
 * itself from STUN servers ({@link #addStunServer}). For a relayed candidate the driver runs a
 * {@link dev.jrtc.turn.TurnClient}, adds the relayed address with
 * {@link #addLocalCandidate(Candidate, long)}, sends every {@link Transmit} whose local address
 * is the relayed one through {@code TurnClient.send}, and feeds the client's peer data to
 * {@link #handleInbound} with the relayed address as the local address. Remote mDNS names go
 * through {@link MdnsResolver}.
 */
public final class IceAgent {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.ice");
  static final long MS = 1_000_000L;
  /** RFC 8445 §14.2 pacing. */
  static final long TA_NANOS = 50 * MS;
  static final long CHECK_RTO_NANOS = 250 * MS;
  static final long CHECK_RTO_MAX_NANOS = 1000 * MS;
  static final int CHECK_RC = 7;
  static final int CHECK_RM = 4;
  static final long NOMINATION_WAIT_NANOS = 500 * MS;
  /** RFC 7675 §5.1 consent check interval (randomized 0.8..1.2). */
  static final long CONSENT_INTERVAL_NANOS = 5000 * MS;
  static final long DISCONNECTED_TIMEOUT_NANOS = 5000 * MS;
  /** RFC 7675 §5.1 consent timeout. */
  static final long CONSENT_TIMEOUT_NANOS = 30_000 * MS;
  /** RFC 8445 §11 Tr. */
  static final long KEEPALIVE_NANOS = 15_000 * MS;

  private final IceConfig config;
  private final Entropy entropy;
  private final long tieBreaker;
  private boolean controlling;
  private boolean closed;
  private final List<Candidate> localCandidates = new ArrayList<>();
  private boolean localGatheringComplete;
  private boolean localEndRequested;
  private final ServerReflexiveGatherer gatherer;
  private Generation gen;
  private Generation previous;
  private SelectedPair selected;
  private final Map<TransactionId, PendingCheck> pending = new LinkedHashMap<>();
  private final ArrayDeque<Transmit> transmits = new ArrayDeque<>();
  private final ArrayDeque<IceEvent> events = new ArrayDeque<>();
  private final MdnsCandidates mdns;
  private IceTransportState state = IceTransportState.NEW;
  private long lastCheckNanos = Long.MIN_VALUE / 2;
  private long lastNow;
  private long malformed;
  private long unauthenticated;
  private long stale;
  private long unknownData;
  private long checksSent;
  private long consentSent;

  private IceAgent(IceConfig config, Entropy entropy, long nowNanos) {
    this.config = config;
    this.entropy = entropy;
    this.tieBreaker = entropy.nextLong();
    // RFC 8445 §6.1.1: a lite agent is always controlled.
    this.controlling = config.controlling() && !config.lite();
    this.gen = new Generation(config.credentials() != null ? config.credentials() : IceCredentials.random(entropy));
    this.lastNow = nowNanos;
    this.gatherer = new ServerReflexiveGatherer(entropy);
    this.mdns = new MdnsCandidates(config.mdnsResolver());
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

  /** The local candidates signalled so far. */
  public List<Candidate> localCandidates() {
    return List.copyOf(localCandidates);
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
    return new IceStats(malformed, unauthenticated, stale, unknownData, checksSent, consentSent);
  }

  // ---------------------------------------------------------------- candidates

  /** A stable foundation for a candidate type, base IP and protocol (RFC 8445 §5.1.1.3). */
  static String foundation(CandidateType type, InetAddress base, Protocol protocol) {
    String key = type.value() + "/" + base.getHostAddress() + "/" + protocol.value();
    return Integer.toUnsignedString(key.hashCode());
  }

  /**
   * Adds a host candidate for an address the driver bound, computes its priority
   * (§5.1.2: type preference 126, local preference decreasing per candidate) and reports it as
   * {@link IceEvent.CandidateGathered}.
   */
  public Candidate addLocalCandidate(TransportAddress base, long nowNanos) {
    int localPref = Math.max(0, 65535 - localCandidates.size());
    Candidate c = new Candidate(foundation(CandidateType.HOST, base.address(), base.protocol()), 1, base,
        Candidate.priority(CandidateType.HOST, localPref, 1), CandidateType.HOST, null);
    addLocalCandidate(c, nowNanos);
    return c;
  }

  /** Adds a local candidate gathered by the driver (host, server-reflexive or relayed). */
  public void addLocalCandidate(Candidate candidate, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    for (Candidate c : localCandidates) {
      if (c.address().equals(candidate.address())) {
        return;
      }
    }
    localCandidates.add(candidate);
    events.add(new IceEvent.CandidateGathered(candidate));
    if (candidate.type() == CandidateType.HOST) {
      transmits.addAll(gatherer.queryAll(candidate.address(), nowNanos));
    }
    for (Candidate r : gen.remoteCandidates) {
      gen.checkList.add(candidate, r, controlling);
    }
    updateState();
  }

  /**
   * Gathers a server-reflexive candidate from {@code server} for every UDP host candidate, now
   * and for the ones added later (RFC 8445 §5.1.1.2).
   */
  public void addStunServer(TransportAddress server, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    transmits.addAll(gatherer.addServer(server, localCandidates, nowNanos));
  }

  private void gathered(ServerReflexiveGatherer.Result r, long now) {
    if (r.mapped() == null) {
      events.add(new IceEvent.GatheringError(r.base(), r.server(), r.errorCode(), r.reason()));
    } else if (!r.mapped().equals(r.base())) {
      addLocalCandidate(r.candidate(localCandidates), now);
    }
    maybeGatheringComplete();
  }

  /**
   * The driver added every host (and relayed) candidate: {@link IceEvent.GatheringComplete}
   * follows once the STUN server queries have finished.
   */
  public void endOfLocalCandidates(long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    localEndRequested = true;
    maybeGatheringComplete();
  }

  private void maybeGatheringComplete() {
    if (localEndRequested && !localGatheringComplete && !gatherer.busy()) {
      localGatheringComplete = true;
      events.add(new IceEvent.GatheringComplete());
      updateState();
    }
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
    if (iceLite && !controlling && !config.lite()) {
      switchRole(true);
    }
    updateState();
  }

  /** Adds a remote candidate (trickled or from the SDP). */
  public void addRemoteCandidate(Candidate candidate, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    gen.addRemote(candidate, localCandidates, controlling);
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
    String lower = hostname.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".local") && !lower.endsWith(".local.")) {
      throw new IllegalArgumentException("not an mDNS name: " + hostname);
    }
    mdns.request(hostname, new Candidate(foundation, component,
        new TransportAddress(InetAddress.getLoopbackAddress(), port, protocol), priority, type, null));
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

  /** ICE restart with the given new local credentials. */
  public IceCredentials restart(IceCredentials credentials, long nowNanos) {
    checkOpen();
    lastNow = nowNanos;
    Iterator<PendingCheck> it = pending.values().iterator();
    while (it.hasNext()) {
      PendingCheck p = it.next();
      if (p.kind == PendingCheck.Kind.CHECK) {
        p.tx.cancel();
        it.remove();
      }
    }
    if (selected != null && selected.expired) {
      selected = null; // consent is gone: nothing to keep using
    }
    previous = selected != null ? selected.gen : null;
    gen = new Generation(credentials);
    updateState();
    return credentials;
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
        onRequest(m, local, remote, nowNanos);
      } else if (m.stunClass().isResponse() && gatherer.owns(m)) {
        ServerReflexiveGatherer.Result r = gatherer.handleResponse(m, local, remote);
        if (r != null) {
          gathered(r, nowNanos);
        }
      } else if (m.stunClass().isResponse()) {
        onResponse(m, local, remote, nowNanos);
      }
      updateState();
      return;
    }
    if (isKnownRemote(remote)) {
      events.add(new IceEvent.ApplicationData(local, remote, data));
    } else {
      unknownData++;
    }
  }

  private boolean isKnownRemote(TransportAddress remote) {
    if (selected != null && selected.entry.remote.address().equals(remote)) {
      return true;
    }
    for (Generation g : new Generation[] {gen, previous}) {
      if (g != null) {
        for (Candidate c : g.remoteCandidates) {
          if (c.address().equals(remote)) {
            return true;
          }
        }
      }
    }
    return false;
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
    transmits.add(new Transmit(selected.entry.local.base(), selected.entry.remote.address(), data));
    selected.lastSentNanos = lastNow;
    return true;
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
    pending.clear();
    transmits.clear();
    updateState();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("ICE agent closed");
    }
  }

  // ---------------------------------------------------------------- requests (RFC 8445 §7.3)

  private void onRequest(StunMessage m, TransportAddress local, TransportAddress remote, long now) {
    CheckResponder.Verdict v = CheckResponder.judge(m, gen, previous, config.lite(), controlling, tieBreaker);
    switch (v.outcome()) {
      case REJECT_UNAUTHENTICATED:
        unauthenticated++;
        transmits.add(new Transmit(local, remote, v.errorResponse()));
        return;
      case REJECT_MALFORMED:
        malformed++;
        transmits.add(new Transmit(local, remote, v.errorResponse()));
        return;
      case REJECT_ROLE_CONFLICT:
        transmits.add(new Transmit(local, remote, v.errorResponse()));
        return;
      case ACCEPT_AFTER_ROLE_SWITCH:
        switchRole(!controlling);
        break;
      default:
        break;
    }
    Generation g = v.generation();
    byte[] key = v.key();
    // §7.3.1.2 success response.
    transmits.add(new Transmit(local, remote, IceMessages.success(m, remote, key)));
    if (selected != null && selected.gen == g && selected.entry.remote.address().equals(remote)) {
      selected.lastSentNanos = now;
    }
    if (g != gen) {
      return; // the old generation only answers consent until the new one selects
    }
    g.learnRemote(remote, v.priority(), localCandidates, controlling); // §7.3.1.3
    CheckList.Entry entry = g.checkList.find(local, remote);
    if (entry == null) {
      return;
    }
    boolean useCandidate = m.has(UseCandidate.class);
    if (config.lite()) {
      // A lite agent does not check: the controlling peer's nomination selects the pair (§7.3.1.5).
      if (useCandidate) {
        entry.state = CandidatePairState.SUCCEEDED;
        entry.valid = true;
        entry.validPair = entry;
        nominate(g, entry, now);
      }
      return;
    }
    // §7.3.1.4 triggered checks; an In-Progress check is cancelled and triggered anew.
    if (g.nominated == null && entry.state == CandidatePairState.IN_PROGRESS) {
      for (PendingCheck p : pending.values()) {
        if (p.entry == entry && p.kind == PendingCheck.Kind.CHECK && !p.useCandidate) {
          p.cancelled = true;
        }
      }
      g.checkList.trigger(entry);
    } else if (g.nominated == null && (entry.state == CandidatePairState.FROZEN
        || entry.state == CandidatePairState.WAITING || entry.state == CandidatePairState.FAILED)) {
      g.checkList.trigger(entry);
    }
    // §7.3.1.5 nomination by the controlling peer.
    if (useCandidate && !controlling) {
      if (entry.state == CandidatePairState.SUCCEEDED && entry.validPair != null) {
        nominate(g, entry.validPair, now);
      } else {
        entry.nominateOnSuccess = true;
      }
    }
  }



  private void switchRole(boolean nowControlling) {
    LOG.debug("{} ICE role conflict: now {}", config.logId(), nowControlling ? "controlling" : "controlled");
    controlling = nowControlling;
    for (Generation g : new Generation[] {gen, previous}) {
      if (g != null) {
        g.checkList.setRole(controlling);
      }
    }
    events.add(new IceEvent.RoleChanged(controlling));
  }

  // ---------------------------------------------------------------- responses (RFC 8445 §7.2.5)

  private void onResponse(StunMessage m, TransportAddress local, TransportAddress remote, long now) {
    PendingCheck p = pending.get(m.transactionId());
    if (p == null) {
      stale++;
      return;
    }
    if (p.gen.remote == null || !m.checkMessageIntegrity(StunCredentials.shortTermKey(p.gen.remote.pwd()))) {
      unauthenticated++;
      return;
    }
    pending.remove(m.transactionId());
    p.tx.handleResponse();
    CheckList.Entry entry = p.entry;
    // §7.2.5.2.1 non-symmetric transport addresses fail the check (and grant no consent).
    boolean symmetric = remote.equals(entry.remote.address()) && local.equals(entry.local.base());
    if (p.kind == PendingCheck.Kind.CONSENT) {
      if (symmetric && m.stunClass() == StunClass.SUCCESS_RESPONSE && selected != null && selected.entry == entry) {
        consentRefreshed(now);
      }
      return;
    }
    if (!symmetric) {
      entry.state = CandidatePairState.FAILED;
      return;
    }
    if (m.stunClass() == StunClass.ERROR_RESPONSE) {
      int code = m.attribute(ErrorCode.class).map(ErrorCode::code).orElse(0);
      if (code == ErrorCode.ROLE_CONFLICT) {
        // §7.2.5.1: switch role (unless already switched) and retry the pair as a triggered check.
        if (p.controlling == controlling) {
          switchRole(!controlling);
        }
        p.gen.checkList.trigger(entry);
      } else {
        entry.state = CandidatePairState.FAILED;
      }
      if (p.gen.nominating == entry) {
        p.gen.nominating = null;
      }
      return;
    }
    XorMappedAddress mapped = m.attribute(XorMappedAddress.class).orElse(null);
    if (mapped == null) {
      entry.state = CandidatePairState.FAILED;
      return;
    }
    Generation g = p.gen;
    TransportAddress mappedAddress = new TransportAddress(mapped.address(), mapped.port(), local.protocol());
    CheckList.Entry valid = g.succeeded(entry, mappedAddress, p.priority, localCandidates, controlling);
    g.checkList.unfreeze(entry.foundation()); // §7.2.5.3.3
    if (g.firstValidNanos < 0) {
      g.firstValidNanos = now;
    }
    if (selected != null && selected.entry == valid) {
      consentRefreshed(now);
    }
    if (p.useCandidate) {
      g.nominating = null;
      nominate(g, valid, now); // §8.1.1 the nomination check succeeded
    } else if (!controlling && entry.nominateOnSuccess) {
      nominate(g, valid, now); // §7.3.1.5
    } else if (controlling) {
      maybeNominate(g, now);
    }
  }

  private void consentRefreshed(long now) {
    selected.refreshed(now);
  }

  /** Regular nomination by the controlling agent, RFC 8445 §8.1.1. */
  private void maybeNominate(Generation g, long now) {
    if (!controlling || config.lite() || g.nominated != null || g.nominating != null || g.remote == null) {
      return;
    }
    CheckList.Entry best = g.checkList.bestValid();
    if (best == null) {
      return;
    }
    if (g.checkList.anyPendingAbove(best.priority) && now < g.firstValidNanos + NOMINATION_WAIT_NANOS) {
      return;
    }
    g.nominating = best;
    sendCheck(g, best, true, now);
  }

  private void nominate(Generation g, CheckList.Entry valid, long now) {
    if (g.nominated != null && g.nominated.priority >= valid.priority) {
      valid.nominated = true;
      return;
    }
    valid.nominated = true;
    g.nominated = valid;
    g.checkList.finishChecking(); // §8.1.2
    if (g != gen) {
      return;
    }
    if (selected == null || selected.entry != valid) {
      selected = new SelectedPair(g, valid, now, now + consentInterval());
      previous = null; // a restart completes when the new generation selects (§9)
      LOG.debug("{} ICE selected pair {} -> {}", config.logId(), valid.local.type().value(),
          valid.remote.type().value());
      events.add(new IceEvent.SelectedPairChanged(valid.pair()));
    }
  }

  private long consentInterval() {
    // RFC 7675 §5.1: uniformly random in [0.8, 1.2] times the interval.
    return CONSENT_INTERVAL_NANOS * 8 / 10 + (long) entropy.nextInt(401) * CONSENT_INTERVAL_NANOS / 1000;
  }

  // ---------------------------------------------------------------- checks (RFC 8445 §7.2)

  private StunMessage checkRequest(Generation g, CheckList.Entry e, boolean useCandidate, long prflxPriority) {
    return IceMessages.check(entropy, g.local, g.remote, prflxPriority, controlling, tieBreaker, useCandidate);
  }

  private void sendCheck(Generation g, CheckList.Entry e, boolean useCandidate, long now) {
    // §7.2.2: PRIORITY carries the priority a peer-reflexive candidate from this check would have.
    long prflxPriority = Candidate.priority(CandidateType.PEER_REFLEXIVE, e.local.localPreference(),
        e.local.component());
    StunMessage request = checkRequest(g, e, useCandidate, prflxPriority);
    StunTransaction tx = StunTransaction.udp(request, CHECK_RTO_NANOS, CHECK_RC, CHECK_RM, CHECK_RTO_MAX_NANOS, now);
    pending.put(request.transactionId(),
        new PendingCheck(PendingCheck.Kind.CHECK, g, e, tx, controlling, useCandidate, prflxPriority));
    if (e.state != CandidatePairState.SUCCEEDED) {
      e.state = CandidatePairState.IN_PROGRESS;
    }
    transmits.add(new Transmit(e.local.base(), e.remote.address(), tx.pollTransmit(now)));
    lastCheckNanos = now;
    checksSent++;
  }

  private void sendConsent(long now) {
    SelectedPair s = selected;
    long prflxPriority = Candidate.priority(CandidateType.PEER_REFLEXIVE, s.entry.local.localPreference(),
        s.entry.local.component());
    StunMessage request = checkRequest(s.gen, s.entry, false, prflxPriority);
    StunTransaction tx = StunTransaction.udp(request, StunTransaction.RTO_INITIAL_NANOS, 4, 4,
        Long.MAX_VALUE, now);
    pending.put(request.transactionId(), new PendingCheck(PendingCheck.Kind.CONSENT, s.gen, s.entry, tx, controlling, false, prflxPriority));
    transmits.add(new Transmit(s.entry.local.base(), s.entry.remote.address(), tx.pollTransmit(now)));
    s.lastSentNanos = now;
    consentSent++;
  }

  // ---------------------------------------------------------------- time

  /** Advances time: retransmissions, paced checks, nomination, consent and keepalives. */
  public void handleTimeout(long nowNanos) {
    lastNow = nowNanos;
    if (closed) {
      return;
    }
    long now = nowNanos;
    Iterator<Map.Entry<TransactionId, PendingCheck>> it = pending.entrySet().iterator();
    while (it.hasNext()) {
      PendingCheck p = it.next().getValue();
      p.tx.handleTimeout(now);
      byte[] b = p.tx.pollTransmit(now);
      if (b != null && !p.cancelled) {
        transmits.add(new Transmit(p.entry.local.base(), p.entry.remote.address(), b));
      }
      if (p.tx.state() == StunTransaction.State.TIMED_OUT) {
        it.remove();
        if (p.kind == PendingCheck.Kind.CHECK && !p.cancelled) {
          p.entry.state = CandidatePairState.FAILED; // §7.2.5.2.4 (timeout)
          if (p.entry.validPair == p.entry) {
            p.entry.valid = false;
          }
          if (p.gen.nominating == p.entry) {
            p.gen.nominating = null;
          }
        }
      }
    }
    List<Transmit> retransmits = new ArrayList<>();
    for (ServerReflexiveGatherer.Result r : gatherer.handleTimeout(now, retransmits)) {
      gathered(r, now);
    }
    transmits.addAll(retransmits);
    Generation g = gen;
    if (!config.lite() && g.remote != null && now >= lastCheckNanos + TA_NANOS) {
      CheckList.Entry e = null;
      if (g.nominated == null) { // §8.1.2: checking ends with the nomination
        e = g.checkList.pollTriggered();
        if (e == null) {
          e = g.checkList.nextOrdinary();
        }
      }
      if (e != null) {
        sendCheck(g, e, false, now);
      }
    }
    if (controlling && g.firstValidNanos >= 0) {
      maybeNominate(g, now);
    }
    SelectedPair s = selected;
    if (s != null && !s.expired) {
      if (!config.lite() && s.gen.remote != null && s.consentDue(now)) {
        sendConsent(now);
        s.consentSent(now, consentInterval());
      }
      s.evaluate(now, !config.lite());
      if (!s.expired && s.keepaliveDue(now)) {
        transmits.add(new Transmit(s.entry.local.base(), s.entry.remote.address(), IceMessages.keepalive(entropy)));
        s.lastSentNanos = now;
      }
    }
    updateState();
  }

  /** The next time {@link #handleTimeout} must run; {@code Long.MAX_VALUE} when nothing is scheduled. */
  public long pollTimeoutNanos() {
    if (closed) {
      return Long.MAX_VALUE;
    }
    long t = gatherer.pollTimeoutNanos();
    for (PendingCheck p : pending.values()) {
      t = Math.min(t, p.tx.pollTimeoutNanos());
    }
    Generation g = gen;
    if (!config.lite() && g.remote != null && g.checkList.hasWork() && g.nominated == null) {
      t = Math.min(t, lastCheckNanos + TA_NANOS);
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
    boolean checksOutstanding = false;
    for (PendingCheck p : pending.values()) {
      checksOutstanding |= p.kind == PendingCheck.Kind.CHECK && p.gen == g;
    }
    return IceStateMachine.next(state, new IceStateMachine.Facts(closed, s != null, s != null && s.expired,
        s != null && s.disconnected, s != null && s.gen == g, g.remoteEnded, localGatheringComplete,
        g.checkList.anyPending(), g.remote != null && !g.checkList.entries().isEmpty(),
        g.checkList.allFailed() && !checksOutstanding));
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
