package dev.jrtc.turn;

/** The state of a {@link TurnClient}'s allocation, RFC 8656 §7. */
public enum TurnState {
  /** Allocate requests are outstanding (including the 401 challenge round). */
  ALLOCATING,
  /** The allocation exists and is being refreshed. */
  ALLOCATED,
  /** Deallocating: a Refresh with LIFETIME 0 is outstanding (§7.3). */
  CLOSING,
  /** Deallocated or abandoned. */
  CLOSED,
  /** The allocation failed or expired. */
  FAILED
}
