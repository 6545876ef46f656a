package dev.jrtc.ice;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunParseException;
import dev.jrtc.stun.StunRetransmission;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The local side of candidate gathering, RFC 8445 §5.1.1: host candidates the driver adds,
 * server-reflexive ones from STUN servers ({@link ServerReflexiveGatherer}), relayed ones from
 * TURN servers ({@link RelayedCandidates}), and the end of gathering (RFC 8838 §4.1) once the
 * driver is done and every server has answered or timed out.
 */
final class LocalGathering {
  /** What the agent does with the outcomes. */
  interface Listener {
    /**
     * A local candidate was found (again): when the current generation takes it, pair it, signal
     * it ({@link IceEvent.CandidateGathered} with the relay protocol and server URL, null for
     * host candidates) and return true; false when the generation has it already or its policy
     * excludes it.
     */
    boolean gathered(Candidate candidate, boolean relayedByUs, String relayProtocol, String url, long now);

    /** A server gave no candidate (W3C {@code icecandidateerror}). */
    void error(IceEvent.GatheringError error);

    /** Gathering is complete. */
    void complete();

    /** Data from {@code peer} arrived on our relayed candidate {@code relayed}. */
    void relayedData(TransportAddress relayed, TransportAddress peer, byte[] data, long now);

    /** Our relayed candidate {@code relayed} stopped working (its allocation is gone). */
    void relayLost(TransportAddress relayed, long now);
  }

  /** Whether the driver ended its candidates and whether completion was reported (one gathering phase). */
  record Phase(boolean endRequested, boolean complete) {}

  /** Every local candidate of every generation, one per address. */
  private final List<Candidate> candidates = new ArrayList<>();
  /** webrtc-pc relayProtocol and url of server-reflexive and relayed candidates, by address. */
  private final Map<TransportAddress, String[]> origins = new HashMap<>();
  private final ServerReflexiveGatherer stun;
  private final RelayedCandidates relays;
  private final Consumer<Transmit> out;
  private final Listener listener;
  private boolean endRequested;
  private boolean complete;

  LocalGathering(Entropy entropy, StunRetransmission stunTiming, Consumer<Transmit> out, Listener listener) {
    this.stun = new ServerReflexiveGatherer(entropy, stunTiming);
    this.out = out;
    this.listener = listener;
    this.relays = new RelayedCandidates(entropy, out, new RelayedCandidates.Listener() {
      @Override
      public void allocated(RelayedCandidates.Relay relay, long now) {
        add(relay.candidate, true, relay.server.transport().name().toLowerCase(java.util.Locale.ROOT),
            relay.server.url(), now);
        maybeComplete();
      }

      @Override
      public void failed(RelayedCandidates.Relay relay, int errorCode, String reason) {
        listener.error(new IceEvent.GatheringError(relay.base, relay.server.address(), errorCode, reason,
            relay.server.url()));
        maybeComplete();
      }

      @Override
      public void peerData(RelayedCandidates.Relay relay, TransportAddress peer, byte[] data, long now) {
        listener.relayedData(relay.candidate.address(), peer, data, now);
      }

      @Override
      public void lost(RelayedCandidates.Relay relay, long now) {
        listener.relayLost(relay.candidate.address(), now);
      }
    });
  }

  /** A stable foundation for a candidate type, base IP and protocol (RFC 8445 §5.1.1.3). */
  static String foundation(CandidateType type, InetAddress base, Protocol protocol) {
    String key = type.value() + "/" + base.getHostAddress() + "/" + protocol.value();
    return Integer.toUnsignedString(key.hashCode());
  }

  /** The local candidates of all generations so far (live view). */
  List<Candidate> candidates() {
    return candidates;
  }

  boolean complete() {
    return complete;
  }

  Phase phase() {
    return new Phase(endRequested, complete);
  }

  /** A rollback brings back the gathering phase of the generation it restores. */
  void restore(Phase phase) {
    endRequested = phase.endRequested();
    complete = phase.complete();
  }

  /**
   * A new gathering phase (an ICE restart, RFC 8445 §9): the server-reflexive candidates of the
   * {@code hosts} are asked for again from every STUN server, and completion is reported again
   * once the driver has called {@link #end()} again and every server answered.
   */
  void regather(List<Candidate> hosts, long now) {
    endRequested = false;
    complete = false;
    for (Candidate c : hosts) {
      if (c.type() == CandidateType.HOST) {
        stun.queryAll(c.address(), now).forEach(out);
      }
    }
  }

  /** The relay protocol and URL a candidate was gathered with ({null, null} for a host candidate). */
  String[] origin(TransportAddress address) {
    String[] o = origins.get(address);
    return o == null ? new String[2] : o;
  }

  /** A host candidate (§5.1.2: type preference 126, local preference decreasing per candidate). */
  Candidate host(TransportAddress base) {
    int localPref = Math.max(0, 65535 - candidates.size());
    return new Candidate(foundation(CandidateType.HOST, base.address(), base.protocol()), 1, base,
        Candidate.priority(CandidateType.HOST, localPref, 1), CandidateType.HOST, null);
  }

  /**
   * Adds a candidate, or finds again the one with its address, and offers it to the current
   * generation; a host one the generation takes is also queried on every STUN server.
   */
  void add(Candidate candidate, boolean relayedByUs, long now) {
    add(candidate, relayedByUs, null, null, now);
  }

  /** {@link #add(Candidate, boolean, long)} with webrtc-pc's relayProtocol and url of the candidate. */
  void add(Candidate candidate, boolean relayedByUs, String relayProtocol, String url, long now) {
    Candidate known = null;
    for (Candidate c : candidates) {
      if (c.address().equals(candidate.address())) {
        known = c;
      }
    }
    if (known == null) {
      known = candidate;
      candidates.add(candidate);
    }
    if (relayProtocol != null || url != null) {
      origins.put(known.address(), new String[] {relayProtocol, url});
    }
    String[] o = origin(known.address());
    if (listener.gathered(known, relayedByUs, o[0], o[1], now) && known.type() == CandidateType.HOST) {
      stun.queryAll(known.address(), now).forEach(out);
    }
  }

  /** A STUN server, queried from the host candidates among {@code locals} (those of the current generation). */
  void addStunServer(TransportAddress server, List<Candidate> locals, long now) {
    stun.addServer(server, locals, now).forEach(out);
  }

  /** Forgets a STUN server: no more queries to it, and the ones outstanding are dropped. */
  void removeStunServer(TransportAddress server) {
    stun.removeServer(server);
    maybeComplete();
  }

  void addTurnServer(RelayServer server, TransportAddress base, long now) {
    relays.add(server, base, now);
  }

  /** The driver added all its candidates. */
  void end() {
    endRequested = true;
    maybeComplete();
  }

  private void maybeComplete() {
    if (endRequested && !complete && !stun.busy() && !relays.busy()) {
      complete = true;
      listener.complete();
    }
  }

  /** Consumes a response to a server-reflexive query; false when it is not one. */
  boolean handleStunResponse(StunMessage m, TransportAddress local, TransportAddress remote, long now) {
    if (!stun.owns(m)) {
      return false;
    }
    ServerReflexiveGatherer.Result r = stun.handleResponse(m, local, remote);
    if (r != null) {
      gathered(r, now);
    }
    return true;
  }

  private void gathered(ServerReflexiveGatherer.Result r, long now) {
    if (r.mapped() == null) {
      listener.error(new IceEvent.GatheringError(r.base(), r.server(), r.errorCode(), r.reason(),
          "stun:" + IceEvent.GatheringError.hostPort(r.server())));
    } else if (!r.mapped().equals(r.base())) {
      add(r.candidate(candidates), false, null, "stun:" + IceEvent.GatheringError.hostPort(r.server()), now);
    }
    maybeComplete();
  }

  /**
   * Consumes a datagram (or stream bytes) from one of our TURN servers; false otherwise, and
   * for the answer to a server-reflexive query: one server often serves STUN and TURN on the
   * same address (coturn on 3478), and the Binding response belongs to the query.
   */
  boolean handleRelayInbound(byte[] data, TransportAddress local, TransportAddress remote, long now) {
    if (stun.busy() && remote.protocol() == Protocol.UDP && StunMessage.isStun(data, 0, data.length)) {
      try {
        if (stun.owns(StunMessage.parse(data))) {
          return false;
        }
      } catch (StunParseException e) {
        // not ours either: the TURN client counts it
      }
    }
    return relays.handleInbound(data, local, remote, now);
  }

  /** Sends {@code t} through our relay when it leaves from our relayed candidate. */
  boolean route(Transmit t, long now) {
    return relays.route(t, now);
  }

  /** RFC 8656 §9: permissions for a remote candidate on our allocations. */
  void permit(Candidate remote, long now) {
    relays.permit(remote, now);
  }

  /** The selected pair changed: a channel if it uses our relayed candidate (RFC 8656 §12). */
  void selected(Candidate local, TransportAddress remote, long now) {
    relays.selected(local, remote, now);
  }

  void handleTimeout(long now) {
    List<Transmit> retransmits = new ArrayList<>();
    for (ServerReflexiveGatherer.Result r : stun.handleTimeout(now, retransmits)) {
      gathered(r, now);
    }
    retransmits.forEach(out);
    relays.handleTimeout(now);
  }

  long pollTimeoutNanos() {
    return Math.min(stun.pollTimeoutNanos(), relays.pollTimeoutNanos());
  }

  /** Releases our allocations (RFC 8656 §7.3). */
  void close(long now) {
    relays.close(now);
  }
}
