package dev.jrtc.ice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** One ICE session between restarts (RFC 8445 §9): credentials, remote candidates, check list. */
final class Generation {
  final IceCredentials local;
  IceCredentials remote;
  boolean remoteLite;
  boolean remoteEnded;
  final List<Candidate> remoteCandidates = new ArrayList<>();
  final List<Candidate> prflxLocal = new ArrayList<>();
  final CheckList checkList = new CheckList();
  long firstValidNanos = -1;
  private boolean lastWasTriggered;
  /** Peer-reflexive remote candidates learned per generation (§7.3.1.3), beyond which checks add none. */
  static final int MAX_PEER_REFLEXIVE = 16;
  CheckList.Entry nominating;
  CheckList.Entry nominated;
  /**
   * The local candidates of this generation, signalled with its ufrag and paired with its remote
   * candidates: after a restart (§9) only those the new gathering phase keeps or finds.
   */
  final List<Candidate> locals = new ArrayList<>();
  /**
   * webrtc-pc iceTransportPolicy {@code relay} for this generation: only relayed local candidates
   * are used and signalled (JSEP, RFC 8829 §3.5.3).
   */
  final boolean relayOnly;
  /** The state of local gathering when this generation was replaced (a rollback restores it). */
  LocalGathering.Phase gatheringPhase;

  Generation(IceCredentials local) {
    this(local, false);
  }

  Generation(IceCredentials local, boolean relayOnly) {
    this.local = local;
    this.relayOnly = relayOnly;
  }

  /** True when {@code c} may be one of this generation's local candidates (its policy). */
  boolean admits(Candidate c) {
    return !relayOnly || c.type() == CandidateType.RELAYED;
  }

  /** True when one of this generation's local candidates has {@code address}. */
  boolean hasLocal(TransportAddress address) {
    for (Candidate c : locals) {
      if (c.address().equals(address)) {
        return true;
      }
    }
    return false;
  }

  /** True when one of this generation's local candidates has {@code base} as its base. */
  boolean hasLocalBase(TransportAddress base) {
    for (Candidate c : locals) {
      if (c.base().equals(base)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds a signalled remote candidate and pairs it, also after a nomination (RFC 8838 §11: the
   * check list keeps running, so later candidates can serve as backups). A candidate
   * with the address of a peer-reflexive one replaces it in place: the pairs keep their state
   * (RFC 8445 §7.3.1.3, RFC 8838 §11.4).
   */
  void addRemote(Candidate candidate, List<Candidate> localCandidates, boolean controlling) {
    for (int i = 0; i < remoteCandidates.size(); i++) {
      Candidate r = remoteCandidates.get(i);
      if (r.address().equals(candidate.address()) && r.component() == candidate.component()) {
        if (r.type() == CandidateType.PEER_REFLEXIVE && candidate.type() != CandidateType.PEER_REFLEXIVE) {
          remoteCandidates.set(i, candidate);
          for (CheckList.Entry e : checkList.entries()) {
            if (e.remote == r) {
              e.remote = candidate;
            }
          }
          checkList.resort(controlling);
        }
        return;
      }
    }
    remoteCandidates.add(candidate);
    for (Candidate l : localCandidates) {
      checkList.add(l, candidate, controlling);
    }
  }

  /** True when {@code address} is one of this generation's remote candidates. */
  boolean knowsRemote(TransportAddress address) {
    for (Candidate c : remoteCandidates) {
      if (c.address().equals(address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The pair for a check that arrived on {@code localBase} from {@code source} (§7.3.1.4),
   * formed if the list dropped it or never had it: the triggered check, which may carry the
   * peer's nomination, must have its pair even when the list is full (§6.1.2.5). Null when no
   * local candidate has that base.
   */
  CheckList.Entry pairForRequest(TransportAddress localBase, TransportAddress source, List<Candidate> localCandidates,
      boolean controlling) {
    CheckList.Entry e = checkList.find(localBase, source);
    if (e != null) {
      return e;
    }
    Candidate remote = null;
    for (Candidate c : remoteCandidates) {
      if (c.address().equals(source)) {
        remote = c;
      }
    }
    for (Candidate l : localCandidates) {
      if (remote != null && l.base().equals(localBase) && l.type() != CandidateType.SERVER_REFLEXIVE
          && l.type() != CandidateType.PEER_REFLEXIVE) {
        return checkList.add(l, remote, controlling, true);
      }
    }
    return null;
  }

  /**
   * RFC 8445 §7.3.1.3: a check from an address that is no remote candidate makes it a
   * peer-reflexive one, with the PRIORITY of the check, paired with the local candidates; at
   * most {@link #MAX_PEER_REFLEXIVE} of them unless the check nominates.
   */
  void learnRemote(TransportAddress source, long priority, List<Candidate> localCandidates, boolean controlling,
      boolean nominating) {
    int learned = 0;
    for (Candidate c : remoteCandidates) {
      if (c.address().equals(source)) {
        return;
      }
      learned += c.type() == CandidateType.PEER_REFLEXIVE ? 1 : 0;
    }
    if (learned >= MAX_PEER_REFLEXIVE && !nominating) {
      // Behind address-dependent mappings each check opens a new mapping, and each new mapping
      // would trigger a check that opens another one on the other side: an endless chain. The
      // request is still answered; only a nominating one adds a candidate past the limit.
      return;
    }
    Candidate prflx = new Candidate(Integer.toUnsignedString(("prflx/" + source).hashCode()), 1, source, priority,
        CandidateType.PEER_REFLEXIVE, null);
    remoteCandidates.add(prflx);
    for (Candidate l : localCandidates) {
      checkList.add(l, prflx, controlling);
    }
  }

  /**
   * A check on {@code entry} succeeded at {@code now} with {@code mapped} as our reflexive
   * address: marks it and returns the valid pair (§7.2.5.3.2), built on a new peer-reflexive
   * local candidate when the mapped address is no local candidate (§7.2.5.3.1). Both count as
   * freshly checked and answered (their consent, RFC 7675); the Frozen pairs of the foundation
   * wake up (§7.2.5.3.3).
   */
  CheckList.Entry succeeded(CheckList.Entry entry, TransportAddress mapped, long priority,
      List<Candidate> localCandidates, boolean controlling, long now) {
    CheckList.Entry valid = entry;
    if (!mapped.equals(entry.local.address())) {
      Candidate localCandidate = null;
      for (Candidate c : localCandidates) {
        if (c.address().equals(mapped)) {
          localCandidate = c;
        }
      }
      for (Candidate c : prflxLocal) {
        if (c.address().equals(mapped)) {
          localCandidate = c;
        }
      }
      if (localCandidate == null) {
        TransportAddress base = entry.local.base();
        String foundation = LocalGathering.foundation(CandidateType.PEER_REFLEXIVE, base.address(), base.protocol());
        localCandidate = new Candidate(foundation, entry.local.component(), mapped, priority,
            CandidateType.PEER_REFLEXIVE, base);
        prflxLocal.add(localCandidate);
      }
      valid = localCandidate.equals(entry.local) ? entry
          : checkList.addValid(localCandidate, entry.remote, controlling);
    }
    entry.state = CandidatePairState.SUCCEEDED;
    valid.state = CandidatePairState.SUCCEEDED;
    valid.valid = true;
    entry.validPair = valid;
    for (CheckList.Entry e : new CheckList.Entry[] {entry, valid}) {
      e.lastResponseNanos = now;
      e.lastCheckSentNanos = Math.max(e.lastCheckSentNanos, entry.lastCheckSentNanos);
      e.nominationTimeouts = 0;
    }
    checkList.unfreeze(entry.foundation());
    if (firstValidNanos < 0) {
      firstValidNanos = now;
    }
    return valid;
  }

  /**
   * A check on {@code e} timed out (§7.2.5.2.4): the pair fails, but a nominating check is
   * first sent once more (§8.1.1 leaves retries to us: {@link IceAgent#NOMINATION_ATTEMPTS}
   * in all), so that one lost answer does not cost the only valid pair.
   */
  void timedOut(CheckList.Entry e, boolean nominating) {
    if (nominating && this.nominating == e) {
      this.nominating = null; // the controlling agent nominates again on the best valid pair
      if (++e.nominationTimeouts < IceAgent.NOMINATION_ATTEMPTS && e.valid) {
        return;
      }
    }
    fail(e);
  }

  /**
   * The pair for the next paced check (§6.1.4.2), or null. Triggered checks come first, but
   * every other slot goes to an ordinary check when both wait, so a stream of triggered checks
   * (address-dependent mappings keep producing peer-reflexive candidates) cannot starve the pairs
   * that would work, e.g. relayed ones. With nothing else to do, a valid pair whose re-check is
   * due ({@code recheckDue}, {@code Long.MAX_VALUE} for never) is checked again, so a dead path
   * is noticed and a backup known to work.
   */
  CheckList.Entry nextCheck(long now, ToLongFunction<CheckList.Entry> recheckDue) {
    CheckList.Entry e = lastWasTriggered ? checkList.nextOrdinary() : null;
    lastWasTriggered = false;
    if (e == null) {
      e = checkList.pollTriggered();
      lastWasTriggered = e != null;
    }
    if (e == null) {
      e = checkList.nextOrdinary();
    }
    if (e == null) {
      for (CheckList.Entry v : checkList.validPairs()) {
        if (now >= recheckDue.applyAsLong(v)) {
          return v;
        }
      }
    }
    return e;
  }

  /** When the next valid pair is due for a re-check; {@code Long.MAX_VALUE} for none. */
  long nextRecheckNanos(ToLongFunction<CheckList.Entry> recheckDue) {
    long next = Long.MAX_VALUE;
    for (CheckList.Entry v : checkList.validPairs()) {
      next = Math.min(next, recheckDue.applyAsLong(v));
    }
    return next;
  }

  /**
   * A check from the peer arrived on {@code entry}, answered with success. §7.3.1.4: a check
   * is triggered on the pair, also after the nomination (RFC 8838 §11: the list keeps running),
   * unless it already succeeded and its valid pair still stands. §7.3.1.5: with
   * {@code nominatedByPeer} (USE-CANDIDATE, we are controlled) returns the valid pair to
   * nominate, or marks the pair to be nominated when our own check succeeds and returns null.
   */
  CheckList.Entry checkReceived(CheckList.Entry entry, boolean nominatedByPeer) {
    boolean validStands = entry.state == CandidatePairState.SUCCEEDED && entry.validPair != null
        && entry.validPair.valid;
    if (!validStands) {
      checkList.trigger(entry);
    }
    if (!nominatedByPeer) {
      return null;
    }
    if (validStands) {
      return entry.validPair;
    }
    entry.nominateOnSuccess = true;
    return null;
  }

  /**
   * A check on {@code e} failed (§7.2.5.2): the pair leaves the valid list, with the valid pair
   * it produced and the pairs that produced it (they share the path), so that a check from the
   * peer on any of them triggers a new check (§7.3.1.4).
   */
  void fail(CheckList.Entry e) {
    e.state = CandidatePairState.FAILED;
    e.valid = false;
    if (e.validPair != null && e.validPair != e) {
      e.validPair.valid = false;
      e.validPair.state = CandidatePairState.FAILED;
    }
    for (CheckList.Entry o : checkList.entries()) {
      if (o.validPair == e && o != e) {
        o.state = CandidatePairState.FAILED;
      }
    }
  }
}
