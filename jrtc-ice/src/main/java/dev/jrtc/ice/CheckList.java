package dev.jrtc.ice;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The check list of one ICE session generation, RFC 8445 §6.1.2: candidate pairs ordered by
 * priority, their states, the triggered-check queue and foundation unfreezing.
 */
final class CheckList {
  /** RFC 8445 §6.1.2.5: limit on the number of pairs. */
  static final int MAX_PAIRS = 100;

  /** One pair and its checking state. */
  static final class Entry {
    final Candidate local;
    Candidate remote;
    long priority;
    CandidatePairState state = CandidatePairState.FROZEN;
    /** In the valid list (§7.2.5.3.2). */
    boolean valid;
    /** Nominated (§8.1.1). */
    boolean nominated;
    /** USE-CANDIDATE arrived before our own check succeeded (§7.3.1.5). */
    boolean nominateOnSuccess;
    /** The valid pair our successful check on this pair produced. */
    Entry validPair;
    /** Nominating checks on this pair that timed out (RFC 8445 §8.1.1 retries). */
    int nominationTimeouts;
    /** When a check on this pair was last sent, or {@code Long.MIN_VALUE}. */
    long lastCheckSentNanos = Long.MIN_VALUE;
    /** When a check on this pair last succeeded (its consent, RFC 7675), or {@code Long.MIN_VALUE}. */
    long lastResponseNanos = Long.MIN_VALUE;
    // webrtc-stats RTCIceCandidatePairStats counters (https://w3c.github.io/webrtc-stats/#candidatepair-dict*).
    long requestsSent;
    long requestsReceived;
    long responsesSent;
    long responsesReceived;
    long consentRequestsSent;
    long packetsSent;
    long packetsReceived;
    long bytesSent;
    long bytesReceived;
    long lastPacketSentNanos = Long.MIN_VALUE;
    long lastPacketReceivedNanos = Long.MIN_VALUE;
    long totalRoundTripNanos;
    long lastRoundTripNanos = -1;
    int roundTripMeasurements;

    CandidatePairStats stats(boolean selectedNow) {
      return new CandidatePairStats(pair(), state, nominated, selectedNow, packetsSent, packetsReceived, bytesSent,
          bytesReceived, lastPacketSentNanos, lastPacketReceivedNanos, requestsSent, requestsReceived,
          responsesSent, responsesReceived, consentRequestsSent, totalRoundTripNanos, lastRoundTripNanos,
          roundTripMeasurements);
    }

    Entry(Candidate local, Candidate remote) {
      this.local = local;
      this.remote = remote;
    }

    CandidatePair pair() {
      return new CandidatePair(local, remote);
    }

    String foundation() {
      return local.foundation() + ":" + remote.foundation();
    }

    void updatePriority(boolean controlling) {
      priority = pair().priority(controlling);
    }

    @Override
    public String toString() {
      return local.address() + " -> " + remote.address() + " " + state + (nominated ? " nominated" : "");
    }
  }

  private static final Comparator<Entry> BY_PRIORITY = Comparator.comparingLong((Entry e) -> e.priority).reversed();

  private final List<Entry> entries = new ArrayList<>();
  private final Deque<Entry> triggered = new ArrayDeque<>();

  List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** True when a local and a remote candidate may form a pair (§6.1.2.2). */
  static boolean compatible(Candidate local, Candidate remote) {
    return local.component() == remote.component()
        && local.address().protocol() == remote.address().protocol()
        && local.address().isIpv6() == remote.address().isIpv6()
        && local.address().address().isLinkLocalAddress() == remote.address().address().isLinkLocalAddress();
  }

  /**
   * Forms the pair, pruning redundant ones (§6.1.2.4: a server-reflexive local candidate is
   * replaced by its base, so it never pairs on its own). Returns the entry, an existing one with
   * the same base and remote address, or null when the pair is not formed (incompatible, or the
   * list is full of pairs that rank above it and cannot be discarded, §6.1.2.5).
   */
  Entry add(Candidate local, Candidate remote, boolean controlling) {
    return add(local, remote, controlling, false);
  }

  /**
   * As {@link #add(Candidate, Candidate, boolean)}; with {@code force} the pair is formed even
   * when it would be the one to discard (a triggered check for an incoming request, §7.3.1.4,
   * must have its pair: it may carry the nomination).
   */
  Entry add(Candidate local, Candidate remote, boolean controlling, boolean force) {
    if (!compatible(local, remote) || local.type() == CandidateType.SERVER_REFLEXIVE
        || local.type() == CandidateType.PEER_REFLEXIVE) {
      return null;
    }
    Entry existing = find(local.base(), remote.address());
    if (existing != null) {
      return existing;
    }
    Entry e = new Entry(local, remote);
    e.updatePriority(controlling);
    if (entries.size() >= MAX_PAIRS && !makeRoomFor(e, force)) {
      return null;
    }
    // §6.1.2.6 initial states, applied as pairs trickle in (RFC 8838 §10): the first pair of a
    // foundation waits, the others stay frozen until a pair of that foundation succeeds.
    boolean foundationActive = false;
    for (Entry o : entries) {
      if (o.foundation().equals(e.foundation()) && (o.state == CandidatePairState.WAITING
          || o.state == CandidatePairState.IN_PROGRESS || o.state == CandidatePairState.FROZEN)) {
        foundationActive = true;
        break;
      }
    }
    e.state = foundationActive ? CandidatePairState.FROZEN : CandidatePairState.WAITING;
    insert(e);
    return e;
  }

  /** Adds a valid pair made from a peer-reflexive local candidate (§7.2.5.3.2). */
  Entry addValid(Candidate local, Candidate remote, boolean controlling) {
    for (Entry o : entries) {
      if (o.local.address().equals(local.address()) && o.remote.address().equals(remote.address())) {
        return o;
      }
    }
    Entry e = new Entry(local, remote);
    e.updatePriority(controlling);
    e.state = CandidatePairState.SUCCEEDED;
    if (entries.size() >= MAX_PAIRS) {
      makeRoomFor(e, true); // a valid pair is never the one discarded
    }
    insert(e);
    return e;
  }

  /**
   * RFC 8445 §6.1.2.5: at the limit, discards the lowest-priority pair that may go, Failed pairs
   * first, then Frozen or Waiting ones; never one that is In-Progress, Succeeded, valid or
   * nominated. Returns false when {@code candidate} itself ranks lowest (and is not forced) or
   * nothing can be discarded.
   */
  private boolean makeRoomFor(Entry candidate, boolean force) {
    Entry victim = null;
    for (Entry o : entries) {
      if (discardable(o) && (victim == null || discardRank(o, victim) < 0)) {
        victim = o;
      }
    }
    if (victim == null) {
      return force; // over the limit rather than losing a pair the peer is checking
    }
    if (!force && discardRank(candidate, victim) < 0) {
      return false;
    }
    remove(victim);
    return true;
  }

  private static boolean discardable(Entry e) {
    return !e.valid && !e.nominated && (e.state == CandidatePairState.FAILED
        || e.state == CandidatePairState.FROZEN || e.state == CandidatePairState.WAITING);
  }

  /** Negative when {@code a} should be discarded before {@code b}. */
  private static int discardRank(Entry a, Entry b) {
    boolean af = a.state == CandidatePairState.FAILED;
    boolean bf = b.state == CandidatePairState.FAILED;
    if (af != bf) {
      return af ? -1 : 1;
    }
    return Long.compare(a.priority, b.priority);
  }

  /** True while {@code e} is in this list (a pair may have been discarded, §6.1.2.5). */
  boolean contains(Entry e) {
    return entries.contains(e);
  }

  private void remove(Entry e) {
    entries.remove(e);
    triggered.remove(e);
    for (Entry o : entries) {
      if (o.validPair == e) {
        o.validPair = null;
      }
    }
  }

  private void insert(Entry e) {
    int i = 0;
    while (i < entries.size() && entries.get(i).priority >= e.priority) {
      i++;
    }
    entries.add(i, e);
  }

  /** The pair sending from {@code localBase} to {@code remote} whose local is not peer-reflexive. */
  Entry find(TransportAddress localBase, TransportAddress remote) {
    for (Entry e : entries) {
      if (e.local.type() != CandidateType.PEER_REFLEXIVE && e.local.base().equals(localBase)
          && e.remote.address().equals(remote)) {
        return e;
      }
    }
    return null;
  }

  /** Recomputes priorities after a role change (§7.2.5.1, §7.3.1.1). */
  void setRole(boolean controlling) {
    for (Entry e : entries) {
      e.updatePriority(controlling);
    }
    entries.sort(BY_PRIORITY);
  }

  /** Re-sorts after a remote candidate's priority changed. */
  void resort(boolean controlling) {
    setRole(controlling);
  }

  /**
   * The next pair for an ordinary check (§6.1.4.2): the highest-priority Waiting pair, else the
   * highest-priority Frozen one (which is unfrozen), else null.
   */
  Entry nextOrdinary() {
    for (Entry e : entries) {
      if (e.state == CandidatePairState.WAITING) {
        return e;
      }
    }
    for (Entry e : entries) {
      if (e.state == CandidatePairState.FROZEN) {
        e.state = CandidatePairState.WAITING;
        return e;
      }
    }
    return null;
  }

  /** §7.2.5.3.3: a success unfreezes the Frozen pairs of the same foundation. */
  void unfreeze(String foundation) {
    for (Entry e : entries) {
      if (e.state == CandidatePairState.FROZEN && e.foundation().equals(foundation)) {
        e.state = CandidatePairState.WAITING;
      }
    }
  }

  /** Queues a triggered check (§7.3.1.4). */
  void trigger(Entry e) {
    e.state = CandidatePairState.WAITING;
    if (!triggered.contains(e)) {
      triggered.addLast(e);
    }
  }

  /** The next triggered check, or null. */
  Entry pollTriggered() {
    Entry e;
    while ((e = triggered.pollFirst()) != null) {
      if (e.state == CandidatePairState.WAITING) {
        return e;
      }
    }
    return null;
  }

  /** True when a check could be sent now (a triggered, Waiting or Frozen pair exists). */
  boolean hasWork() {
    if (!triggered.isEmpty()) {
      return true;
    }
    for (Entry e : entries) {
      if (e.state == CandidatePairState.WAITING || e.state == CandidatePairState.FROZEN) {
        return true;
      }
    }
    return false;
  }

  /** True when a pair is still Frozen, Waiting or In-Progress. */
  boolean anyPending() {
    for (Entry e : entries) {
      if (e.state == CandidatePairState.FROZEN || e.state == CandidatePairState.WAITING
          || e.state == CandidatePairState.IN_PROGRESS) {
        return true;
      }
    }
    return false;
  }

  /** True when a pending pair has a higher priority than {@code priority}. */
  boolean anyPendingAbove(long priority) {
    for (Entry e : entries) {
      if (e.priority > priority && (e.state == CandidatePairState.FROZEN || e.state == CandidatePairState.WAITING
          || e.state == CandidatePairState.IN_PROGRESS)) {
        return true;
      }
    }
    return false;
  }

  /** True when there are pairs and all of them failed. */
  boolean allFailed() {
    if (entries.isEmpty()) {
      return false;
    }
    for (Entry e : entries) {
      if (e.state != CandidatePairState.FAILED) {
        return false;
      }
    }
    return true;
  }

  /** The highest-priority valid pair, or null. */
  Entry bestValid() {
    Entry best = null;
    for (Entry e : entries) {
      if (e.valid && e.state == CandidatePairState.SUCCEEDED && (best == null || e.priority > best.priority)) {
        best = e;
      }
    }
    return best;
  }

  /**
   * True when nothing can come of this list any more: no pair is Frozen, Waiting or In-Progress,
   * no triggered check is queued and no pair is valid.
   */
  boolean exhausted() {
    if (!triggered.isEmpty()) {
      return false;
    }
    for (Entry e : entries) {
      if (e.valid || e.state == CandidatePairState.FROZEN || e.state == CandidatePairState.WAITING
          || e.state == CandidatePairState.IN_PROGRESS) {
        return false;
      }
    }
    return true;
  }

  /** The valid pairs, highest priority first. */
  List<Entry> validPairs() {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.valid && e.state == CandidatePairState.SUCCEEDED) {
        out.add(e);
      }
    }
    return out;
  }
}
