package dev.jrtc.ice;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.MappedAddress;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.StunRetransmission;
import dev.jrtc.stun.StunTransaction;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.XorMappedAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-reflexive gathering, RFC 8445 §5.1.1.2: a Binding request from each host base to each
 * STUN server; the XOR-MAPPED-ADDRESS of the answer is a server-reflexive candidate.
 */
final class ServerReflexiveGatherer {
  /** The outcome of one query. */
  record Result(TransportAddress base, TransportAddress server, TransportAddress mapped, int errorCode,
      String reason) {

    /** The server-reflexive candidate (§5.1.2 priority with the base's local preference). */
    Candidate candidate(List<Candidate> localCandidates) {
      int localPreference = 65535;
      for (Candidate c : localCandidates) {
        if (c.address().equals(base)) {
          localPreference = c.localPreference();
        }
      }
      // §5.1.1.3: same type, base IP and server give the same foundation.
      String foundation = Integer.toUnsignedString(
          ("srflx/" + base.address().getHostAddress() + "/" + server).hashCode());
      return new Candidate(foundation, 1, mapped,
          Candidate.priority(CandidateType.SERVER_REFLEXIVE, localPreference, 1), CandidateType.SERVER_REFLEXIVE, base);
    }
  }

  private record Query(TransportAddress base, TransportAddress server, StunTransaction tx) {}

  /** Chromium's text for a Binding request that got no answer (W3C {@code icecandidateerror} 701). */
  static final String TIMEOUT_TEXT = "STUN binding request timed out.";

  private final Entropy entropy;
  private final StunRetransmission timing;
  private final List<TransportAddress> servers = new ArrayList<>();
  private final Map<TransactionId, Query> queries = new LinkedHashMap<>();

  ServerReflexiveGatherer(Entropy entropy, StunRetransmission timing) {
    this.entropy = entropy;
    this.timing = timing;
  }

  /** Adds a STUN server and queries it from every host candidate; returns the requests. */
  List<Transmit> addServer(TransportAddress server, List<Candidate> localCandidates, long now) {
    List<Transmit> out = new ArrayList<>();
    if (!servers.contains(server)) {
      servers.add(server);
      for (Candidate c : localCandidates) {
        if (c.type() == CandidateType.HOST) {
          Transmit t = query(c.address(), server, now);
          if (t != null) {
            out.add(t);
          }
        }
      }
    }
    return out;
  }

  /** Forgets {@code server}; its outstanding queries end without a result. */
  void removeServer(TransportAddress server) {
    servers.remove(server);
    queries.values().removeIf(q -> q.server.equals(server));
  }

  /** Queries every STUN server from a new host {@code base}; returns the requests. */
  List<Transmit> queryAll(TransportAddress base, long now) {
    List<Transmit> out = new ArrayList<>();
    for (TransportAddress server : servers) {
      Transmit t = query(base, server, now);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  boolean busy() {
    return !queries.isEmpty();
  }

  /** Starts a query from {@code base} to {@code server} if their families and protocols match. */
  Transmit query(TransportAddress base, TransportAddress server, long now) {
    if (base.isIpv6() != server.isIpv6() || base.protocol() != Protocol.UDP || server.protocol() != Protocol.UDP) {
      return null;
    }
    StunMessage request = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(entropy))
        .addFingerprint().build();
    StunTransaction tx = StunTransaction.udp(request, timing, now); // RFC 8489 §6.2.1
    queries.put(request.transactionId(), new Query(base, server, tx));
    return new Transmit(base, server, tx.pollTransmit(now));
  }

  /** Consumes a response to one of our queries; null when it is not ours. */
  Result handleResponse(StunMessage m, TransportAddress local, TransportAddress remote) {
    Query q = queries.get(m.transactionId());
    if (q == null || !q.server.equals(remote) || !q.base.equals(local)) {
      return null;
    }
    queries.remove(m.transactionId());
    q.tx.handleResponse();
    if (m.stunClass() == StunClass.ERROR_RESPONSE) {
      ErrorCode e = m.attribute(ErrorCode.class).orElse(new ErrorCode(ErrorCode.BAD_REQUEST, "error response"));
      return new Result(q.base, q.server, null, e.code(), e.reason());
    }
    TransportAddress mapped = m.attribute(XorMappedAddress.class)
        .map(x -> new TransportAddress(x.address(), x.port(), Protocol.UDP))
        .or(() -> m.attribute(MappedAddress.class).map(x -> new TransportAddress(x.address(), x.port(), Protocol.UDP)))
        .orElse(null);
    if (mapped == null) {
      return new Result(q.base, q.server, null, ErrorCode.SERVER_ERROR, "no mapped address in the response");
    }
    return new Result(q.base, q.server, mapped, 0, null);
  }

  /** True when {@code m} answers one of our queries. */
  boolean owns(StunMessage m) {
    return queries.containsKey(m.transactionId());
  }

  /** Retransmissions go to {@code out}; timed-out queries come back as 701 results. */
  List<Result> handleTimeout(long now, List<Transmit> out) {
    List<Result> failed = new ArrayList<>();
    Iterator<Query> it = queries.values().iterator();
    while (it.hasNext()) {
      Query q = it.next();
      q.tx.handleTimeout(now);
      byte[] b = q.tx.pollTransmit(now);
      if (b != null) {
        out.add(new Transmit(q.base, q.server, b));
      }
      if (q.tx.state() == StunTransaction.State.TIMED_OUT) {
        it.remove();
        failed.add(new Result(q.base, q.server, null, 701, TIMEOUT_TEXT));
      }
    }
    return failed;
  }

  long pollTimeoutNanos() {
    long t = Long.MAX_VALUE;
    for (Query q : queries.values()) {
      t = Math.min(t, q.tx.pollTimeoutNanos());
    }
    return t;
  }
}
