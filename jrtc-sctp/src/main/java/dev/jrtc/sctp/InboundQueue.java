package dev.jrtc.sctp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The receiving half of an association: which TSNs arrived (cumulative TSN, gaps and duplicates for
 * the SACK, RFC 9260 §6.2 and §3.3.4), reassembly of fragmented messages (§6.9), per-stream ordered
 * delivery by SSN (§6.6), unordered delivery (§6.6), FORWARD TSN (RFC 3758 §3.6) and incoming SSN
 * resets (RFC 6525 §5.2.2).
 */
final class InboundQueue {
  /** A reassembled message ready for the application. */
  record Message(int streamId, int ppid, byte[] payload) {}

  enum Result { NEW, DUPLICATE, DROPPED }

  private static final int MAX_DUPLICATES_REPORTED = 32;
  private static final int MAX_GAP_BLOCKS = 128;
  /** Marks an SSN whose message was dropped, so ordered delivery steps over it. */
  private static final byte[] SKIPPED = new byte[0];

  private int cumulativeTsn;
  private int highestTsn;
  private final TreeSet<Integer> received = new TreeSet<>(Tsn.ORDER);
  private final List<Integer> duplicates = new ArrayList<>();
  /** Fragments of incomplete messages by TSN; looked up by exact TSN only, hence a hash map. */
  private final HashMap<Integer, DataChunk> fragments = new HashMap<>();
  private final Map<Integer, TreeMap<Integer, Message>> orderedPending = new HashMap<>();
  private final Map<Integer, Integer> nextSsn = new HashMap<>();
  private final ArrayDeque<Message> ready = new ArrayDeque<>();
  private final long window;
  private final int maxMessageSize;
  private long bufferedBytes;
  private long oversizedMessagesDropped;

  InboundQueue(int peerInitialTsn, long window, int maxMessageSize) {
    this.cumulativeTsn = peerInitialTsn - 1;
    this.highestTsn = cumulativeTsn;
    this.window = window;
    this.maxMessageSize = maxMessageSize;
  }

  int cumulativeTsn() {
    return cumulativeTsn;
  }

  boolean hasGaps() {
    return !received.isEmpty();
  }

  long oversizedMessagesDropped() {
    return oversizedMessagesDropped;
  }

  /** RFC 9260 §6.2: a_rwnd is the free receive buffer. */
  int advertisedReceiverWindow() {
    return (int) Math.max(0, window - bufferedBytes);
  }

  Message pollReady() {
    return ready.poll();
  }

  /** RFC 9260 §6.2: records one DATA chunk and delivers what became complete. */
  Result receive(DataChunk d) {
    int tsn = d.tsn();
    if (Tsn.le(tsn, cumulativeTsn) || received.contains(tsn)) {
      if (duplicates.size() < MAX_DUPLICATES_REPORTED) {
        duplicates.add(tsn);
      }
      return Result.DUPLICATE;
    }
    // RFC 9260 §6.2: with no buffer space left, drop new DATA above the highest TSN received, so
    // that holes can still be filled and the window can open again.
    if (bufferedBytes + d.userData().length() > window && Tsn.gt(tsn, highestTsn)) {
      return Result.DROPPED;
    }
    // A peer that ignores a_rwnd could still fill every hole below its highest TSN; cap memory at
    // twice the window, but always take the next expected TSN so delivery can make progress.
    if (bufferedBytes + d.userData().length() > 2 * window && tsn != cumulativeTsn + 1) {
      return Result.DROPPED;
    }
    // Do not track TSNs so far ahead that a gap block offset (16 bits) cannot name them.
    if (tsn - cumulativeTsn > 0xffff) {
      return Result.DROPPED;
    }
    highestTsn = Tsn.max(highestTsn, tsn);
    if (tsn == cumulativeTsn + 1) {
      cumulativeTsn = tsn;
      advanceCumulative();
    } else {
      received.add(tsn);
    }
    if (d.beginning() && d.ending()) {
      complete(d.streamId(), d.unordered(), d.ssn(), d.ppid(), d.userData().toByteArray());
    } else {
      fragments.put(tsn, d);
      bufferedBytes += d.userData().length();
      // A message can only have become complete if this chunk ends it or joins it to later
      // fragments; skipping the walk otherwise keeps in-order arrival linear in the fragment count.
      if (d.ending() || fragments.containsKey(tsn + 1)) {
        tryReassemble(tsn);
      }
    }
    return Result.NEW;
  }

  private void advanceCumulative() {
    while (!received.isEmpty() && received.first() == cumulativeTsn + 1) {
      cumulativeTsn = received.pollFirst();
    }
  }

  /** RFC 9260 §6.9: fragments carry consecutive TSNs from a B chunk to an E chunk. */
  private void tryReassemble(int tsn) {
    DataChunk d = fragments.get(tsn);
    int first = tsn;
    DataChunk f = d;
    while (!f.beginning()) {
      DataChunk prev = fragments.get(first - 1);
      if (prev == null || prev.streamId() != d.streamId() || prev.unordered() != d.unordered() || prev.ending()) {
        return;
      }
      first--;
      f = prev;
    }
    int last = tsn;
    f = d;
    while (!f.ending()) {
      DataChunk next = fragments.get(last + 1);
      if (next == null || next.streamId() != d.streamId() || next.unordered() != d.unordered() || next.beginning()) {
        return;
      }
      last++;
      f = next;
    }
    long size = 0;
    for (int t = first; t != last + 1; t++) {
      size += fragments.get(t).userData().length();
    }
    DataChunk head = fragments.get(first);
    byte[] payload = size <= maxMessageSize ? new byte[(int) size] : null;
    int at = 0;
    for (int t = first; t != last + 1; t++) {
      DataChunk part = fragments.remove(t);
      bufferedBytes -= part.userData().length();
      if (payload != null) {
        part.userData().copyTo(payload, at);
        at += part.userData().length();
      }
    }
    if (payload == null) {
      // RFC 8831 §6.6: the peer ignored our a=max-message-size; the message is not delivered.
      oversizedMessagesDropped++;
      if (!head.unordered()) {
        skipSsn(head.streamId(), head.ssn());
      }
      return;
    }
    complete(head.streamId(), head.unordered(), head.ssn(), head.ppid(), payload);
  }

  private void complete(int stream, boolean unordered, int ssn, int ppid, byte[] payload) {
    Message m = new Message(stream, ppid, payload);
    if (unordered) {
      ready.add(m);
      return;
    }
    TreeMap<Integer, Message> pending = orderedPending.computeIfAbsent(stream, s -> new TreeMap<>(Tsn.SSN_ORDER));
    pending.put(ssn, m);
    bufferedBytes += payload.length;
    deliverInOrder(stream);
  }

  /** RFC 9260 §6.6: ordered messages go up in SSN order. */
  private void deliverInOrder(int stream) {
    TreeMap<Integer, Message> pending = orderedPending.get(stream);
    if (pending == null) {
      return;
    }
    int next = nextSsn.getOrDefault(stream, 0);
    Message m;
    while ((m = pending.remove(next)) != null) {
      bufferedBytes -= m.payload().length;
      if (m.payload() != SKIPPED) {
        ready.add(m);
      }
      next = (next + 1) & 0xffff;
    }
    nextSsn.put(stream, next);
  }

  private void skipSsn(int stream, int ssn) {
    int next = nextSsn.getOrDefault(stream, 0);
    if (ssn == next) {
      nextSsn.put(stream, (next + 1) & 0xffff);
      deliverInOrder(stream);
    } else {
      orderedPending.computeIfAbsent(stream, s -> new TreeMap<>(Tsn.SSN_ORDER));
      // An SSN ahead of the next expected one: remember that it is skipped, so delivery passes it.
      orderedPending.get(stream).put(ssn, new Message(stream, 0, SKIPPED));
    }
  }

  /** RFC 3758 §3.6: the peer abandoned everything up to the new cumulative TSN. */
  void forwardTsn(ForwardTsnChunk f) {
    if (Tsn.le(f.newCumulativeTsn(), cumulativeTsn)) {
      return;
    }
    cumulativeTsn = f.newCumulativeTsn();
    highestTsn = Tsn.max(highestTsn, cumulativeTsn);
    while (!received.isEmpty() && Tsn.le(received.first(), cumulativeTsn)) {
      received.pollFirst();
    }
    advanceCumulative();
    dropUnfinishableFragments();
    for (ForwardTsnChunk.StreamSsn s : f.streams()) {
      int stream = s.streamId();
      int next = nextSsn.getOrDefault(stream, 0);
      if (Tsn.ssnLt(s.ssn(), next)) {
        continue;
      }
      // Messages up to the skipped SSN that did arrive complete are still delivered, in order.
      TreeMap<Integer, Message> pending = orderedPending.get(stream);
      if (pending != null) {
        Iterator<Map.Entry<Integer, Message>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<Integer, Message> e = it.next();
          if (Tsn.ssnLe(e.getKey(), s.ssn())) {
            it.remove();
            bufferedBytes -= e.getValue().payload().length;
            if (e.getValue().payload() != SKIPPED) {
              ready.add(e.getValue());
            }
          } else {
            break;
          }
        }
      }
      nextSsn.put(stream, (s.ssn() + 1) & 0xffff);
      deliverInOrder(stream);
    }
  }

  /**
   * After a FORWARD TSN: fragments at or below the cumulative TSN that can no longer form a whole
   * message are dropped. A run of consecutive fragments survives only if it starts with a B chunk
   * and reaches the cumulative TSN (its remaining fragments may still arrive above it).
   */
  private void dropUnfinishableFragments() {
    List<Integer> old = new ArrayList<>();
    for (int tsn : fragments.keySet()) {
      if (Tsn.le(tsn, cumulativeTsn)) {
        old.add(tsn);
      }
    }
    old.sort(Tsn.ORDER);
    int i = 0;
    while (i < old.size()) {
      int j = i;
      while (j + 1 < old.size() && old.get(j + 1) == old.get(j) + 1 && !fragments.get(old.get(j)).ending()) {
        j++;
      }
      boolean alive = fragments.get(old.get(i)).beginning() && old.get(j) == cumulativeTsn;
      if (!alive) {
        for (int k = i; k <= j; k++) {
          bufferedBytes -= fragments.remove(old.get(k)).userData().length();
        }
      }
      i = j + 1;
    }
  }

  /** RFC 6525 §5.2.2: the peer reset its outgoing streams; their next SSN is 0 again. */
  void resetStreams(List<Integer> streams) {
    for (int s : streams) {
      nextSsn.put(s, 0);
      deliverInOrder(s);
    }
  }

  /** The encoded size of {@link #sack()} as it would be built now, without building it. */
  int sackEncodedSize() {
    int blocks = 0;
    int previous = 0;
    boolean first = true;
    for (int tsn : received) {
      if (first || tsn != previous + 1) {
        blocks++;
        if (blocks == MAX_GAP_BLOCKS + 1) {
          blocks = MAX_GAP_BLOCKS;
          break;
        }
      }
      first = false;
      previous = tsn;
    }
    return SelectiveAckChunk.encodedSize(blocks, duplicates.size());
  }

  /** Builds the SACK for the current state and forgets the reported duplicates (§6.2). */
  SelectiveAckChunk sack() {
    List<SelectiveAckChunk.GapAckBlock> blocks = new ArrayList<>();
    int start = -1;
    int end = -1;
    for (int tsn : received) {
      int offset = tsn - cumulativeTsn;
      if (start >= 0 && offset == end + 1) {
        end = offset;
        continue;
      }
      if (start >= 0) {
        blocks.add(new SelectiveAckChunk.GapAckBlock(start, end));
        if (blocks.size() == MAX_GAP_BLOCKS) {
          start = -1;
          break;
        }
      }
      start = offset;
      end = offset;
    }
    if (start >= 0) {
      blocks.add(new SelectiveAckChunk.GapAckBlock(start, end));
    }
    SelectiveAckChunk s = new SelectiveAckChunk(cumulativeTsn, advertisedReceiverWindow(), blocks, duplicates);
    duplicates.clear();
    return s;
  }
}
