package dev.jrtc.ice;

import dev.jrtc.stun.StunTransaction;

/** An outstanding connectivity or consent check and what it was sent with. */
final class PendingCheck {
  enum Kind { CHECK, CONSENT }

  final Kind kind;
  final Generation gen;
  final CheckList.Entry entry;
  final StunTransaction tx;
  /** Our role when the request was sent (RFC 8445 §7.2.5.1 compares it on a 487). */
  final boolean controlling;
  final boolean useCandidate;
  /** The PRIORITY sent: a peer-reflexive local candidate learned from the response gets it. */
  final long priority;
  /** When the request was first sent (round-trip time, webrtc-stats candidate-pair). */
  final long sentNanos;
  /**
   * RFC 8445 §7.3.1.4: superseded by a triggered check; no more retransmissions and no failure
   * on timeout, but a late response still counts.
   */
  boolean cancelled;

  PendingCheck(Kind kind, Generation gen, CheckList.Entry entry, StunTransaction tx, boolean controlling,
      boolean useCandidate, long priority, long sentNanos) {
    this.kind = kind;
    this.gen = gen;
    this.entry = entry;
    this.tx = tx;
    this.controlling = controlling;
    this.useCandidate = useCandidate;
    this.priority = priority;
    this.sentNanos = sentNanos;
  }
}
