package dev.jrtc.ice;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunTransaction;
import dev.jrtc.stun.TransactionId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The client side of connectivity and consent checks, RFC 8445 §7.2 and RFC 7675 §5.1: builds
 * the Binding requests, runs their retransmissions (§14.3) and hands back the ones that timed
 * out. What a response or a timeout means for the check list stays with the {@link IceAgent}.
 */
final class ConnectivityChecks {
  /** RFC 8445 §14.3 leaves check retransmission to the implementation: 250 ms doubling to 1 s, 7 sends. */
  static final long CHECK_RTO_NANOS = 250 * IceAgent.MS;
  static final long CHECK_RTO_MAX_NANOS = 1000 * IceAgent.MS;
  static final int CHECK_RC = 7;
  static final int CHECK_RM = 4;

  private final Entropy entropy;
  private final Consumer<Transmit> out;
  private final Map<TransactionId, PendingCheck> pending = new LinkedHashMap<>();
  /** When the last ordinary or triggered check went out (pacing, §14.2). */
  long lastCheckNanos = Long.MIN_VALUE / 2;
  long checksSent;
  long consentSent;

  ConnectivityChecks(Entropy entropy, Consumer<Transmit> out) {
    this.entropy = entropy;
    this.out = out;
  }

  /**
   * Sends a connectivity check on {@code e} (§7.2.2): PRIORITY carries the priority a
   * peer-reflexive candidate learned from it would have; USE-CANDIDATE when nominating.
   */
  void check(Generation g, CheckList.Entry e, boolean useCandidate, boolean controlling, long tieBreaker, long now) {
    long prflxPriority = prflxPriority(e);
    StunMessage request = IceMessages.check(entropy, g.local, g.remote, prflxPriority, controlling, tieBreaker,
        useCandidate);
    StunTransaction tx = StunTransaction.udp(request, CHECK_RTO_NANOS, CHECK_RC, CHECK_RM, CHECK_RTO_MAX_NANOS, now);
    pending.put(request.transactionId(),
        new PendingCheck(PendingCheck.Kind.CHECK, g, e, tx, controlling, useCandidate, prflxPriority, now));
    e.requestsSent++;
    if (e.state != CandidatePairState.SUCCEEDED) {
      e.state = CandidatePairState.IN_PROGRESS;
    }
    e.lastCheckSentNanos = now;
    out.accept(new Transmit(e.local.base(), e.remote.address(), tx.pollTransmit(now)));
    lastCheckNanos = now;
    checksSent++;
  }

  /** Sends a consent check (RFC 7675 §5.1: an ordinary Binding request, RFC 8489 retransmissions). */
  void consent(Generation g, CheckList.Entry e, boolean controlling, long tieBreaker, long now) {
    long prflxPriority = prflxPriority(e);
    StunMessage request = IceMessages.check(entropy, g.local, g.remote, prflxPriority, controlling, tieBreaker, false);
    StunTransaction tx = StunTransaction.udp(request, StunTransaction.RTO_INITIAL_NANOS, 4, 4, Long.MAX_VALUE, now);
    pending.put(request.transactionId(),
        new PendingCheck(PendingCheck.Kind.CONSENT, g, e, tx, controlling, false, prflxPriority, now));
    e.requestsSent++;
    e.consentRequestsSent++;
    out.accept(new Transmit(e.local.base(), e.remote.address(), tx.pollTransmit(now)));
    consentSent++;
  }

  private static long prflxPriority(CheckList.Entry e) {
    return Candidate.priority(CandidateType.PEER_REFLEXIVE, e.local.localPreference(), e.local.component());
  }

  /** The outstanding check a response answers, or null. */
  PendingCheck get(TransactionId id) {
    return pending.get(id);
  }

  /** The response to {@code p} arrived: no more retransmissions. */
  void answered(TransactionId id, PendingCheck p) {
    pending.remove(id);
    p.tx.handleResponse();
  }

  /** §7.3.1.4: an In-Progress ordinary check on {@code e} is superseded by a triggered one. */
  void cancelOrdinary(CheckList.Entry e) {
    for (PendingCheck p : pending.values()) {
      if (p.entry == e && p.kind == PendingCheck.Kind.CHECK && !p.useCandidate) {
        p.cancelled = true;
      }
    }
  }

  /** True while a check (not consent) on {@code e} is outstanding and not cancelled. */
  boolean checking(CheckList.Entry e) {
    for (PendingCheck p : pending.values()) {
      if (p.entry == e && p.kind == PendingCheck.Kind.CHECK && !p.cancelled) {
        return true;
      }
    }
    return false;
  }

  /** True while a check of generation {@code g} is outstanding. */
  boolean outstanding(Generation g) {
    for (PendingCheck p : pending.values()) {
      if (p.kind == PendingCheck.Kind.CHECK && p.gen == g) {
        return true;
      }
    }
    return false;
  }

  /** Stops every connectivity check (an ICE restart, §9); consent checks continue. */
  void cancelChecks() {
    Iterator<PendingCheck> it = pending.values().iterator();
    while (it.hasNext()) {
      PendingCheck p = it.next();
      if (p.kind == PendingCheck.Kind.CHECK) {
        p.tx.cancel();
        it.remove();
      }
    }
  }

  void clear() {
    pending.clear();
  }

  /** Retransmits what is due and returns the checks that timed out. */
  List<PendingCheck> handleTimeout(long now) {
    List<PendingCheck> timedOut = new ArrayList<>();
    Iterator<PendingCheck> it = pending.values().iterator();
    while (it.hasNext()) {
      PendingCheck p = it.next();
      p.tx.handleTimeout(now);
      byte[] b = p.tx.pollTransmit(now);
      if (b != null && !p.cancelled) {
        out.accept(new Transmit(p.entry.local.base(), p.entry.remote.address(), b));
      }
      if (p.tx.state() == StunTransaction.State.TIMED_OUT) {
        it.remove();
        timedOut.add(p);
      }
    }
    return timedOut;
  }

  long pollTimeoutNanos() {
    long t = Long.MAX_VALUE;
    for (PendingCheck p : pending.values()) {
      t = Math.min(t, p.tx.pollTimeoutNanos());
    }
    return t;
  }
}
