package dev.jrtc.ice;

/** The state of a candidate pair in a check list, RFC 8445 §6.1.2.6. */
public enum CandidatePairState {
  /** Not checked yet, and not to be checked until unfrozen. */
  FROZEN,
  /** Ready to be checked when it is its turn. */
  WAITING,
  /** A check was sent and is outstanding. */
  IN_PROGRESS,
  /** A check succeeded. */
  SUCCEEDED,
  /** A check failed or the pair was removed. */
  FAILED
}
