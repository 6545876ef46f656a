package dev.jrtc.sctp;

import dev.jrtc.common.Entropy;

/**
 * Path heartbeats, RFC 9260 §8.3: a HEARTBEAT every HB.interval + RTO while the association is up,
 * carrying our send time and a random nonce; its HEARTBEAT ACK gives an RTT measurement and shows
 * the peer is reachable.
 */
final class Heartbeats {
  private final Entropy entropy;
  private final long interval;
  private long deadline = Long.MAX_VALUE;
  private long nonce;
  private boolean outstanding;

  Heartbeats(Entropy entropy, long interval) {
    this.entropy = entropy;
    this.interval = interval;
  }

  long deadline() {
    return deadline;
  }

  void start(long now, long rto) {
    deadline = now + interval + rto;
  }

  void stop() {
    deadline = Long.MAX_VALUE;
  }

  /** True when the previous HEARTBEAT went unanswered (an error count for §8.1). */
  boolean unanswered() {
    return outstanding;
  }

  /** The next HEARTBEAT to send now. */
  HeartbeatChunk next(long now, long rto) {
    nonce = entropy.nextLong();
    ByteWriter w = new ByteWriter(16);
    w.u32((int) (now >>> 32)).u32((int) now).u32((int) (nonce >>> 32)).u32((int) nonce);
    outstanding = true;
    deadline = now + interval + rto;
    return new HeartbeatChunk(Bytes.wrap(w.toByteArray()));
  }

  /** The RTT the HEARTBEAT ACK measures, or -1 when it does not answer our last HEARTBEAT. */
  long onAck(HeartbeatAckChunk ack, long now) {
    if (ack.info().length() != 16 || !outstanding) {
      return -1;
    }
    try {
      ByteReader r = ack.info().reader();
      long sent = ((long) r.u32("time") << 32) | (r.u32("time") & 0xffffffffL);
      long n = ((long) r.u32("nonce") << 32) | (r.u32("nonce") & 0xffffffffL);
      if (n != nonce) {
        return -1;
      }
      outstanding = false;
      return Math.max(0, now - sent);
    } catch (SctpParseException e) {
      throw new AssertionError("16-byte heartbeat info failed to decode", e);
    }
  }
}
