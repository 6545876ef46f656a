package dev.jrtc.ice;

import java.util.ArrayList;
import java.util.List;

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
  CheckList.Entry nominating;
  CheckList.Entry nominated;

  Generation(IceCredentials local) {
    this.local = local;
  }

  /**
   * Adds a signalled remote candidate and pairs it (until a pair is nominated). A candidate
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
    if (nominated == null) {
      for (Candidate l : localCandidates) {
        checkList.add(l, candidate, controlling);
      }
    }
  }

  /**
   * RFC 8445 §7.3.1.3: a check from an address that is no remote candidate makes it a
   * peer-reflexive one, with the PRIORITY of the check, paired with the local candidates.
   */
  void learnRemote(TransportAddress source, long priority, List<Candidate> localCandidates, boolean controlling) {
    for (Candidate c : remoteCandidates) {
      if (c.address().equals(source)) {
        return;
      }
    }
    Candidate prflx = new Candidate(Integer.toUnsignedString(("prflx/" + source).hashCode()), 1, source, priority,
        CandidateType.PEER_REFLEXIVE, null);
    remoteCandidates.add(prflx);
    for (Candidate l : localCandidates) {
      checkList.add(l, prflx, controlling);
    }
  }

  /**
   * A check on {@code entry} succeeded with {@code mapped} as our reflexive address: marks it
   * and returns the valid pair (§7.2.5.3.2), built on a new peer-reflexive local candidate when
   * the mapped address is no local candidate (§7.2.5.3.1).
   */
  CheckList.Entry succeeded(CheckList.Entry entry, TransportAddress mapped, long priority,
      List<Candidate> localCandidates, boolean controlling) {
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
        localCandidate = new Candidate(IceAgent.foundation(CandidateType.PEER_REFLEXIVE, base.address(), base.protocol()),
            entry.local.component(), mapped, priority, CandidateType.PEER_REFLEXIVE, base);
        prflxLocal.add(localCandidate);
      }
      valid = localCandidate.equals(entry.local) ? entry : checkList.addValid(localCandidate, entry.remote, controlling);
    }
    entry.state = CandidatePairState.SUCCEEDED;
    valid.state = CandidatePairState.SUCCEEDED;
    valid.valid = true;
    entry.validPair = valid;
    return valid;
  }
}
