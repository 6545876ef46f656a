package dev.jrtc.ice;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunParseException;
import dev.jrtc.stun.StunRetransmission;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
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
     * A new local candidate: pair it and signal it ({@link IceEvent.CandidateGathered} with the
     * relay protocol and server URL, null for host candidates).
     */
    void gathered(Candidate candidate, boolean relayedByUs, String relayProtocol, String url, long now);

    /** A server gave no candidate (W3C {@code icecandidateerror}). */
    void error(IceEvent.GatheringError error);

    /** Gathering is complete. */
    void complete();

    /** Data from {@code peer} arrived on our relayed candidate {@code relayed}. */
    void relayedData(TransportAddress relayed, TransportAddress peer, byte[] data, long now);

    /** Our relayed candidate {@code relayed} stopped working (its allocation is gone). */
    void relayLost(TransportAddress relayed, long now);
  }

  private final List<Candidate> candidates = new ArrayList<>();
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

  /** The local candidates so far (live view). */
  List<Candidate> candidates() {
    return candidates;
  }

  boolean complete() {
    return complete;
  }

  /** A host candidate (§5.1.2: type preference 126, local preference decreasing per candidate). */
  Candidate host(TransportAddress base) {
    int localPref = Math.max(0, 65535 - candidates.size());
    return new Candidate(foundation(CandidateType.HOST, base.address(), base.protocol()), 1, base,
        Candidate.priority(CandidateType.HOST, localPref, 1), CandidateType.HOST, null);
  }

  /** Adds a candidate unless one has its address; a host one is also queried on every STUN server. */
  void add(Candidate candidate, boolean relayedByUs, long now) {
    add(candidate, relayedByUs, null, null, now);
  }

  /** {@link #add(Candidate, boolean, long)} with webrtc-pc's relayProtocol and url of the candidate. */
  void add(Candidate candidate, boolean relayedByUs, String relayProtocol, String url, long now) {
    for (Candidate c : candidates) {
      if (c.address().equals(candidate.address())) {
        return;
      }
    }
    candidates.add(candidate);
    listener.gathered(candidate, relayedByUs, relayProtocol, url, now);
    if (candidate.type() == CandidateType.HOST) {
      stun.queryAll(candidate.address(), now).forEach(out);
    }
  }

  void addStunServer(TransportAddress server, long now) {
    stun.addServer(server, candidates, now).forEach(out);
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
