package dev.jrtc.ice;

/**
 * The pair that carries data, with its consent freshness (RFC 7675) and keepalive
 * (RFC 8445 §11) bookkeeping.
 */
final class SelectedPair {
  final Generation gen;
  final CheckList.Entry entry;
  /** When consent was last granted (an authenticated response arrived). */
  long lastConsentNanos;
  /** When the oldest unanswered consent check was sent, or -1. */
  long unansweredSinceNanos = -1;
  long nextConsentNanos;
  long lastSentNanos;
  boolean disconnected;
  boolean expired;

  SelectedPair(Generation gen, CheckList.Entry entry, long now, long nextConsent) {
    this.gen = gen;
    this.entry = entry;
    this.lastConsentNanos = now;
    this.lastSentNanos = now;
    this.nextConsentNanos = nextConsent;
  }

  boolean consentDue(long now) {
    return now >= nextConsentNanos;
  }

  void consentSent(long now, long nextInterval) {
    if (unansweredSinceNanos < 0) {
      unansweredSinceNanos = now;
    }
    nextConsentNanos = now + nextInterval;
    lastSentNanos = now;
  }

  void refreshed(long now) {
    lastConsentNanos = now;
    unansweredSinceNanos = -1;
    disconnected = false;
  }

  /** Updates the disconnected and expired flags. */
  void evaluate(long now, boolean checksConsent) {
    if (unansweredSinceNanos >= 0 && now - unansweredSinceNanos >= IceAgent.DISCONNECTED_TIMEOUT_NANOS) {
      disconnected = true;
    }
    if (checksConsent && now - lastConsentNanos >= IceAgent.CONSENT_TIMEOUT_NANOS) {
      expired = true; // RFC 7675 §5.1: consent lost, stop sending on the pair
    }
  }

  /**
   * When consent is missing, the best other valid pair of this generation that answered a check
   * after this pair went quiet (RFC 7675 §5.1; Chromium switches to a writable backup the same
   * way); null when consent is not missing or no pair qualifies.
   */
  CheckList.Entry fallback() {
    if (!disconnected && !expired) {
      return null;
    }
    for (CheckList.Entry e : gen.checkList.validPairs()) {
      if (e != entry && e.lastResponseNanos > unansweredSinceNanos) {
        return e;
      }
    }
    return null;
  }

  boolean keepaliveDue(long now) {
    return now - lastSentNanos >= IceAgent.KEEPALIVE_NANOS;
  }

  long timeoutNanos(boolean checksConsent) {
    if (expired) {
      return Long.MAX_VALUE;
    }
    long t = lastSentNanos + IceAgent.KEEPALIVE_NANOS;
    if (checksConsent) {
      t = Math.min(t, nextConsentNanos);
      t = Math.min(t, lastConsentNanos + IceAgent.CONSENT_TIMEOUT_NANOS);
    }
    if (unansweredSinceNanos >= 0 && !disconnected) {
      t = Math.min(t, unansweredSinceNanos + IceAgent.DISCONNECTED_TIMEOUT_NANOS);
    }
    return t;
  }
}
