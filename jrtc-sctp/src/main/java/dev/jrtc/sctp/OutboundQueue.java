package dev.jrtc.sctp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sending half of an association: messages waiting for a TSN, fragmentation (RFC 9260 §6.9),
 * the chunks sent and not yet acknowledged, SACK processing (§6.2.1), retransmission marking on
 * T3-rtx expiry (§6.3.3) and fast retransmit (§7.2.4), congestion control (§7.2: cwnd, ssthresh,
 * slow start, congestion avoidance, fast recovery), the peer's receive window (§6.1), partial
 * reliability (RFC 3758 §3.5) and per-stream buffered amounts.
 *
 * <p>A stream's buffered amount is the W3C one (webrtc-pc §6.2 {@code bufferedAmount}: "queued
 * using send() but not yet transmitted to the network"): the bytes of application data waiting
 * for their first transmission. A chunk's bytes leave it when the chunk is first sent (cwnd or the
 * peer's window may hold them back until then), or when its message is abandoned; not when the
 * chunk is acknowledged. The one-byte body of an empty message (RFC 8831 §6.6) is not
 * application data and never counts.
 *
 * <p>All fragments of a message get their TSNs together, so they are consecutive as §6.9 requires,
 * but not before the previous message's chunks have been sent: a TSN is taken as late as possible.
 * Streams with queued messages take turns one message at a time, so a bulk transfer on one data
 * channel delays another channel by at most one message.
 */
final class OutboundQueue {

  /** One application message. */
  static final class Message {
    final int streamId;
    final int ppid;
    final byte[] payload;
    final SendOptions options;
    final long enqueuedNanos;
    /** The bytes this message adds to its stream's buffered amount: 0 for an empty message. */
    final long bufferedSize;
    int firstTsn;
    int fragments;
    int ssn;
    boolean abandoned;

    Message(int streamId, int ppid, byte[] payload, SendOptions options, long enqueuedNanos) {
      this(streamId, ppid, payload, options, enqueuedNanos, false);
    }

    /**
     * A message; {@code emptyBody} marks the one-byte stand-in of an empty message (RFC 8831
     * §6.6), which is no application data and does not count in the buffered amount.
     */
    Message(int streamId, int ppid, byte[] payload, SendOptions options, long enqueuedNanos, boolean emptyBody) {
      this.streamId = streamId;
      this.ppid = ppid;
      this.payload = payload;
      this.options = options;
      this.enqueuedNanos = enqueuedNanos;
      this.bufferedSize = emptyBody ? 0 : payload.length;
    }

    boolean lifetimeExpired(long now) {
      long life = options.maxPacketLifeTimeMillis();
      return life >= 0 && now - enqueuedNanos >= life * 1_000_000L;
    }
  }

  /** One DATA chunk that has a TSN. */
  static final class Entry {
    final DataChunk chunk;
    final Message message;
    int transmissions;
    long lastSentNanos;
    boolean acked;
    boolean abandoned;
    boolean retransmit;
    boolean fastRetransmitted;
    boolean inFlight;
    boolean bufferReleased;
    int missingReports;

    Entry(DataChunk chunk, Message message) {
      this.chunk = chunk;
      this.message = message;
    }

    int tsn() {
      return chunk.tsn();
    }

    int size() {
      return chunk.userData().length();
    }
  }

  /** Told when a stream's buffered amount (bytes not yet sent once) drops to or below its threshold. */
  interface BufferedAmountListener {
    void bufferedAmountLow(int streamId, long amount);
  }

  private final int mtu;
  private final int maxFragment;
  private final BufferedAmountListener listener;
  /** Messages without TSNs, per stream; streams take turns (round robin, one message each). */
  private final Map<Integer, ArrayDeque<Message>> pending = new HashMap<>();
  private final ArrayDeque<Integer> streamTurns = new ArrayDeque<>();
  private final ArrayList<Entry> entries = new ArrayList<>();
  private int head;
  private int firstUnsent;
  private int nextTsn;
  private int cumulativeTsnAck;
  private int advancedPeerAckPoint;
  private final Map<Integer, Integer> nextSsn = new HashMap<>();
  private final Map<Integer, Long> buffered = new HashMap<>();
  private final Map<Integer, Long> thresholds = new HashMap<>();
  private long totalBuffered;
  private int retransmitCount;
  /** Chunks acknowledged by gap blocks and not yet by the cumulative TSN ack. */
  private int gapAcked;

  // RFC 9260 §7.2 congestion state.
  private long cwnd;
  private long ssthresh;
  private long partialBytesAcked;
  private long flightSize;
  private long peerRwnd;
  private boolean fastRecovery;
  private int fastRecoveryExitPoint;
  private boolean fastRetransmitPending;

  // RFC 9260 §6.3.1 C5: one RTT measurement per round trip, never on a retransmitted chunk (Karn).
  private boolean rttPending;
  private int rttTsn;
  private long rttSentNanos;

  private boolean partialReliability;
  private boolean forwardTsnPending;
  private int lastForwardTsnSent;
  private long fastRetransmits;
  private long t3Expirations;

  OutboundQueue(int mtu, int initialTsn, long peerRwnd, BufferedAmountListener listener) {
    this.mtu = mtu;
    this.maxFragment = (mtu - SctpPacket.HEADER_SIZE - DataChunk.HEADER_SIZE) & ~3;
    this.listener = listener;
    this.nextTsn = initialTsn;
    this.cumulativeTsnAck = initialTsn - 1;
    this.advancedPeerAckPoint = cumulativeTsnAck;
    this.lastForwardTsnSent = cumulativeTsnAck;
    // RFC 9260 §7.2.1: initial cwnd = min(4*MTU, max(2*MTU, 4404)); initial ssthresh = peer's a_rwnd.
    this.cwnd = Math.min(4L * mtu, Math.max(2L * mtu, 4404));
    this.ssthresh = peerRwnd;
    this.peerRwnd = peerRwnd;
  }

  void setPartialReliability(boolean supported) {
    this.partialReliability = supported;
  }

  long fastRetransmits() {
    return fastRetransmits;
  }

  long t3Expirations() {
    return t3Expirations;
  }

  long cwnd() {
    return cwnd;
  }

  long ssthresh() {
    return ssthresh;
  }

  long flightSize() {
    return flightSize;
  }

  long peerRwnd() {
    return peerRwnd;
  }

  int nextTsn() {
    return nextTsn;
  }

  int cumulativeTsnAck() {
    return cumulativeTsnAck;
  }

  long bufferedAmount(int stream) {
    return buffered.getOrDefault(stream, 0L);
  }

  long totalBufferedAmount() {
    return totalBuffered;
  }

  void setBufferedAmountLowThreshold(int stream, long threshold) {
    thresholds.put(stream, threshold);
  }

  void enqueue(Message m) {
    ArrayDeque<Message> q = pending.get(m.streamId);
    if (q == null) {
      q = new ArrayDeque<>();
      pending.put(m.streamId, q);
      streamTurns.add(m.streamId);
    }
    q.add(m);
    addBuffered(m.streamId, m.bufferedSize);
  }

  boolean hasPendingFor(Collection<Integer> streams) {
    for (int s : streams) {
      if (pending.containsKey(s)) {
        return true;
      }
    }
    return false;
  }

  /** RFC 6525 §5.1.2: after an outgoing SSN reset, the stream's SSNs start at 0 again. */
  void resetSsn(Collection<Integer> streams) {
    for (int s : streams) {
      nextSsn.remove(s);
    }
  }

  /** Nothing waits to be sent or acknowledged. */
  boolean isEmpty() {
    return pending.isEmpty() && head == entries.size();
  }

  /** Chunks were sent and are neither cumulatively acknowledged nor removed. */
  boolean hasOutstanding() {
    return head < firstUnsent;
  }

  boolean hasRetransmissions() {
    return retransmitCount > 0;
  }

  boolean canSendNewData() {
    return firstUnsent < entries.size() || !pending.isEmpty();
  }

  /** RFC 3758 §3.5 C2: the peer must be told to skip abandoned TSNs. */
  boolean forwardTsnNeeded() {
    return partialReliability && Tsn.gt(advancedPeerAckPoint, cumulativeTsnAck);
  }

  /**
   * The FORWARD TSN to bundle now, or null: sent when the ack point moved past what we last told
   * the peer, and again after each SACK or T3-rtx expiry that leaves it needed (RFC 3758 §3.5 C3).
   */
  ForwardTsnChunk forwardTsnToSend(int room) {
    if (!forwardTsnNeeded() || !forwardTsnPending && advancedPeerAckPoint == lastForwardTsnSent) {
      return null;
    }
    ForwardTsnChunk f = forwardTsnChunk();
    if (f.encodedSize() > room) {
      return null;
    }
    forwardTsnPending = false;
    lastForwardTsnSent = advancedPeerAckPoint;
    return f;
  }

  /** RFC 3758 §3.2: the FORWARD TSN with the last SSN skipped on each ordered stream. */
  ForwardTsnChunk forwardTsnChunk() {
    TreeMap<Integer, Integer> ssns = new TreeMap<>();
    for (int i = head; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (Tsn.gt(e.tsn(), advancedPeerAckPoint)) {
        break;
      }
      if (e.abandoned && !e.chunk.unordered()) {
        ssns.merge(e.chunk.streamId(), e.chunk.ssn(), (a, b) -> Tsn.ssnLt(a, b) ? b : a);
      }
    }
    List<ForwardTsnChunk.StreamSsn> list = new ArrayList<>();
    ssns.forEach((s, ssn) -> list.add(new ForwardTsnChunk.StreamSsn(s, ssn)));
    return new ForwardTsnChunk(advancedPeerAckPoint, list);
  }

  private Entry entry(int tsn) {
    if (head >= entries.size()) {
      return null;
    }
    long idx = head + (long) (tsn - entries.get(head).tsn());
    return idx >= head && idx < entries.size() ? entries.get((int) idx) : null;
  }

  /** The next message in stream round-robin order, or null. */
  private Message pollPending() {
    Integer stream = streamTurns.poll();
    if (stream == null) {
      return null;
    }
    ArrayDeque<Message> q = pending.get(stream);
    Message m = q.poll();
    if (q.isEmpty()) {
      pending.remove(stream);
    } else {
      streamTurns.add(stream);
    }
    return m;
  }

  /** Gives TSNs (and an SSN) to the next pending message; drops messages already expired. */
  private boolean assignNext(long now) {
    Message m;
    while ((m = pollPending()) != null) {
      if (partialReliability && m.lifetimeExpired(now)) {
        // RFC 3758 §3.5 A2: abandoned before it got a TSN; nothing to tell the peer.
        m.abandoned = true;
        addBuffered(m.streamId, -m.bufferedSize);
        continue;
      }
      boolean unordered = m.options.unordered();
      m.ssn = unordered ? 0 : nextSsn.getOrDefault(m.streamId, 0);
      if (!unordered) {
        nextSsn.put(m.streamId, (m.ssn + 1) & 0xffff);
      }
      m.firstTsn = nextTsn;
      int len = m.payload.length;
      int n = Math.max(1, (len + maxFragment - 1) / maxFragment);
      m.fragments = n;
      for (int i = 0; i < n; i++) {
        int off = i * maxFragment;
        int part = Math.min(maxFragment, len - off);
        Bytes data = Bytes.wrap(m.payload).slice(off, part);
        DataChunk d = new DataChunk(false, unordered, i == 0, i == n - 1, nextTsn++, m.streamId, m.ssn, m.ppid, data);
        entries.add(new Entry(d, m));
      }
      return true;
    }
    return false;
  }

  /**
   * The next never-sent chunk that cwnd and the peer's window allow, of at most {@code room}
   * bytes encoded, or null. RFC 9260 §6.1 A/B and §7.2.
   */
  Entry nextNewChunk(long now, int room) {
    while (true) {
      if (firstUnsent == entries.size() && !assignNext(now)) {
        return null;
      }
      Entry e = entries.get(firstUnsent);
      if (e.abandoned) {
        firstUnsent++;
        continue;
      }
      if (partialReliability && e.message.lifetimeExpired(now)) {
        // RFC 3758 §3.5 A2 before the first transmission; abandon() moves firstUnsent past it.
        abandon(e.message);
        continue;
      }
      int size = e.chunk.encodedSize();
      if (size > room) {
        return null;
      }
      // §6.1 B: no new data when flightSize >= cwnd.
      if (flightSize >= cwnd) {
        return null;
      }
      // §6.1 A: respect the peer's rwnd, except the zero window probe with nothing in flight.
      if (e.size() > peerRwnd && flightSize > 0) {
        return null;
      }
      firstUnsent++;
      markSent(e, now);
      if (!rttPending) {
        rttPending = true;
        rttTsn = e.tsn();
        rttSentNanos = now;
      }
      return e;
    }
  }

  /**
   * The earliest chunk marked for retransmission that fits, or null. Fast retransmit sends one
   * packet regardless of cwnd (§7.2.4 step 3); otherwise cwnd limits retransmissions too.
   */
  Entry nextRetransmission(long now, int room) {
    if (retransmitCount == 0) {
      return null;
    }
    boolean ignoreCwnd = fastRetransmitPending;
    if (!ignoreCwnd && flightSize >= cwnd) {
      return null;
    }
    for (int i = head; i < firstUnsent; i++) {
      Entry e = entries.get(i);
      if (!e.retransmit) {
        continue;
      }
      if (e.chunk.encodedSize() > room) {
        return null;
      }
      e.retransmit = false;
      retransmitCount--;
      markSent(e, now);
      if (rttPending && e.tsn() == rttTsn) {
        rttPending = false;
      }
      return e;
    }
    return null;
  }

  /** Ends the "one packet regardless of cwnd" allowance after that packet is built. */
  void packetDone() {
    fastRetransmitPending = false;
  }

  private void markSent(Entry e, long now) {
    e.transmissions++;
    e.lastSentNanos = now;
    // webrtc-pc §6.2 bufferedAmount: the bytes are "transmitted to the network" now, on the first
    // transmission; a retransmission does not bring them back.
    releaseBuffer(e);
    if (!e.inFlight) {
      e.inFlight = true;
      flightSize += e.size();
    }
    peerRwnd = Math.max(0, peerRwnd - e.size());
  }

  /** What one SACK changed. */
  record SackResult(boolean cumulativeAdvanced, long rttSampleNanos, boolean newlyAcked) {}

  /** RFC 9260 §6.2.1 and §7.2: processes a SACK. */
  SackResult onSack(SelectiveAckChunk sack, long now) {
    int cum = sack.cumulativeTsnAck();
    if (Tsn.lt(cum, cumulativeTsnAck) || Tsn.ge(cum, nextTsn)) {
      // §6.2.1 D i: an old SACK, or one acknowledging TSNs never sent; ignored.
      return new SackResult(false, -1, false);
    }
    long flightBefore = flightSize;
    long bytesAcked = 0;
    long rttSample = -1;
    boolean advanced = Tsn.gt(cum, cumulativeTsnAck);
    // Cumulatively acknowledged chunks leave the queue.
    while (head < firstUnsent && Tsn.le(entries.get(head).tsn(), cum)) {
      Entry e = entries.get(head);
      if (!e.acked && !e.abandoned) {
        bytesAcked += e.size();
      }
      release(e);
      entries.set(head, null);
      head++;
    }
    if (advanced) {
      cumulativeTsnAck = cum;
      if (Tsn.lt(advancedPeerAckPoint, cum)) {
        advancedPeerAckPoint = cum;
      }
    }
    List<SelectiveAckChunk.GapAckBlock> blocks = sack.gapAckBlocks();
    // §6.2.1 / §6.3.2 R4: a chunk gap-acknowledged before and missing from this SACK was reneged;
    // it counts as outstanding again and T3-rtx will resend it.
    if (gapAcked > 0) {
      for (int i = head; i < firstUnsent; i++) {
        Entry e = entries.get(i);
        if (e.acked && !covered(blocks, e.tsn() - cum)) {
          e.acked = false;
          gapAcked--;
        }
      }
    }
    // Gap ack blocks: mark, and find the highest TSN newly acknowledged (§7.2.4 HTNA).
    int highestNewlyAcked = cum;
    boolean newlyAckedAny = bytesAcked > 0;
    int maxOffset = nextTsn - 1 - cum;
    for (SelectiveAckChunk.GapAckBlock b : blocks) {
      int last = Math.min(b.end(), maxOffset);
      for (int off = Math.max(1, b.start()); off <= last; off++) {
        Entry e = entry(cum + off);
        if (e == null || e.transmissions == 0) {
          continue;
        }
        if (!e.acked) {
          e.acked = true;
          gapAcked++;
          if (e.inFlight) {
            e.inFlight = false;
            flightSize -= e.size();
          }
          if (e.retransmit) {
            e.retransmit = false;
            retransmitCount--;
          }
          if (!e.abandoned) {
            bytesAcked += e.size();
          }
          newlyAckedAny = true;
          highestNewlyAcked = Tsn.max(highestNewlyAcked, e.tsn());
        }
      }
    }
    if (rttPending && Tsn.le(rttTsn, cum)) {
      rttSample = now - rttSentNanos;
      rttPending = false;
    } else if (rttPending) {
      Entry e = entry(rttTsn);
      if (e != null && e.acked) {
        rttSample = now - rttSentNanos;
        rttPending = false;
      }
    }
    compact();
    // §6.2.1 D iv: rwnd = a_rwnd - bytes still outstanding.
    peerRwnd = Math.max(0, (sack.advertisedReceiverWindowCredit() & 0xffffffffL) - flightSize);
    if (fastRecovery && Tsn.ge(cum, fastRecoveryExitPoint)) {
      fastRecovery = false;
    }
    // §7.2.1 / §7.2.2: grow cwnd only when the cumulative ack advanced and outside fast recovery.
    if (advanced && !fastRecovery && bytesAcked > 0) {
      if (cwnd <= ssthresh) {
        if (flightBefore + mtu >= cwnd) {
          cwnd += Math.min(bytesAcked, mtu);
        }
      } else {
        partialBytesAcked += bytesAcked;
        if (partialBytesAcked >= cwnd && flightBefore + mtu >= cwnd) {
          partialBytesAcked -= cwnd;
          cwnd += mtu;
        }
      }
    }
    if (flightSize == 0) {
      partialBytesAcked = 0;
    }
    // §7.2.4: miss indications for TSNs below the highest newly acknowledged one.
    if (newlyAckedAny && !sack.gapAckBlocks().isEmpty()) {
      countMissingReports(highestNewlyAcked, now);
    }
    advanceAckPoint();
    forwardTsnPending |= forwardTsnNeeded(); // RFC 3758 §3.5 C3
    return new SackResult(advanced, rttSample, newlyAckedAny);
  }

  private void countMissingReports(int highestNewlyAcked, long now) {
    boolean entered = false;
    for (int i = head; i < firstUnsent; i++) {
      Entry e = entries.get(i);
      if (Tsn.ge(e.tsn(), highestNewlyAcked)) {
        break;
      }
      if (e.acked || e.abandoned || e.transmissions == 0 || e.fastRetransmitted || e.retransmit) {
        continue;
      }
      e.missingReports++;
      if (e.missingReports >= 3) {
        // §7.2.4 step 1-2: fast retransmit, entering fast recovery once per window.
        e.missingReports = 0;
        e.fastRetransmitted = true;
        fastRetransmits++;
        if (!fastRecovery && !entered) {
          ssthresh = Math.max(cwnd / 2, 4L * mtu);
          cwnd = ssthresh;
          partialBytesAcked = 0;
          fastRecovery = true;
          fastRecoveryExitPoint = nextTsn - 1;
          entered = true;
        }
        if (!abandonIfExhausted(e, now)) {
          markForRetransmit(e);
          fastRetransmitPending = true;
        }
      }
    }
  }

  private void markForRetransmit(Entry e) {
    if (e.inFlight) {
      e.inFlight = false;
      flightSize -= e.size();
    }
    if (!e.retransmit) {
      e.retransmit = true;
      retransmitCount++;
    }
  }

  /** RFC 9260 §6.3.3 E1-E3 on T3-rtx expiry: cwnd collapses and every outstanding chunk is resent. */
  void onT3Expired(long now) {
    t3Expirations++;
    ssthresh = Math.max(cwnd / 2, 4L * mtu);
    cwnd = mtu;
    partialBytesAcked = 0;
    fastRecovery = false;
    rttPending = false;
    for (int i = head; i < firstUnsent; i++) {
      Entry e = entries.get(i);
      if (e.acked || e.abandoned || e.transmissions == 0) {
        continue;
      }
      if (!abandonIfExhausted(e, now)) {
        markForRetransmit(e);
      }
    }
    advanceAckPoint();
    forwardTsnPending |= forwardTsnNeeded();
  }

  /** RFC 3758 §3.5 A1-A3 (RFC 8831 §6.6 policies): abandons a message that may not be resent. */
  private boolean abandonIfExhausted(Entry e, long now) {
    if (!partialReliability) {
      return false;
    }
    int maxRtx = e.message.options.maxRetransmits();
    boolean exhausted = (maxRtx >= 0 && e.transmissions > maxRtx) || e.message.lifetimeExpired(now);
    if (exhausted) {
      abandon(e.message);
    }
    return exhausted;
  }

  /** Abandons every fragment of a message (RFC 3758 §3.5: all or none). */
  private void abandon(Message m) {
    if (m.abandoned) {
      return;
    }
    m.abandoned = true;
    for (int k = 0; k < m.fragments; k++) {
      Entry e = entry(m.firstTsn + k);
      if (e == null || e.abandoned) {
        continue;
      }
      e.abandoned = true;
      if (e.inFlight) {
        e.inFlight = false;
        flightSize -= e.size();
      }
      if (e.retransmit) {
        e.retransmit = false;
        retransmitCount--;
      }
      releaseBuffer(e);
    }
    // Never-sent fragments of an abandoned message still hold TSNs and must be skipped too; mark
    // them as "sent" so the FORWARD TSN can cover them.
    while (firstUnsent < entries.size() && entries.get(firstUnsent).abandoned) {
      firstUnsent++;
    }
    advanceAckPoint();
  }

  /** RFC 3758 §3.5 C1-C2: moves the Advanced.Peer.Ack.Point over abandoned (or acked) chunks. */
  private void advanceAckPoint() {
    if (!partialReliability) {
      return;
    }
    if (Tsn.lt(advancedPeerAckPoint, cumulativeTsnAck)) {
      advancedPeerAckPoint = cumulativeTsnAck;
    }
    while (true) {
      Entry e = entry(advancedPeerAckPoint + 1);
      if (e == null || !(e.abandoned || (e.acked && e.transmissions > 0))) {
        return;
      }
      advancedPeerAckPoint = e.tsn();
    }
  }

  private static boolean covered(List<SelectiveAckChunk.GapAckBlock> blocks, int offset) {
    for (SelectiveAckChunk.GapAckBlock b : blocks) {
      if (offset >= b.start() && offset <= b.end()) {
        return true;
      }
    }
    return false;
  }

  private void release(Entry e) {
    if (e.acked) {
      gapAcked--;
    }
    if (e.inFlight) {
      e.inFlight = false;
      flightSize -= e.size();
    }
    if (e.retransmit) {
      e.retransmit = false;
      retransmitCount--;
    }
    releaseBuffer(e);
  }

  /** A chunk's bytes leave the stream's buffered amount once: when first sent, or abandoned unsent. */
  private void releaseBuffer(Entry e) {
    if (!e.bufferReleased) {
      e.bufferReleased = true;
      if (e.message.bufferedSize != 0) {
        addBuffered(e.message.streamId, -e.size());
      }
    }
  }

  private void compact() {
    if (head > 4096 && head * 2 > entries.size()) {
      entries.subList(0, head).clear();
      firstUnsent -= head;
      head = 0;
    }
  }

  private void addBuffered(int stream, long delta) {
    if (delta == 0) {
      return;
    }
    long before = buffered.getOrDefault(stream, 0L);
    long after = before + delta;
    if (after == 0) {
      buffered.remove(stream);
    } else {
      buffered.put(stream, after);
    }
    totalBuffered += delta;
    long threshold = thresholds.getOrDefault(stream, 0L);
    if (delta < 0 && before > threshold && after <= threshold) {
      listener.bufferedAmountLow(stream, after);
    }
  }

  /** Drops everything (the association ended). */
  void clear() {
    pending.clear();
    streamTurns.clear();
    entries.clear();
    head = 0;
    firstUnsent = 0;
    buffered.clear();
    totalBuffered = 0;
    retransmitCount = 0;
    gapAcked = 0;
    flightSize = 0;
  }

  /** Earliest outstanding TSN's send time, for logs. */
  Iterator<Entry> outstanding() {
    return entries.subList(head, firstUnsent).iterator();
  }
}
