package dev.jrtc.ice;

/**
 * Derives the {@link IceTransportState} from the agent's facts, as W3C
 * {@code RTCIceTransportState} defines the states over RFC 8445 processing. A pure function,
 * table-tested in {@code IceStateMachineTest}.
 */
final class IceStateMachine {
  private IceStateMachine() {}

  /**
   * The facts the state depends on.
   *
   * @param closed the agent was closed
   * @param selected a pair is selected
   * @param consentExpired RFC 7675: no consent for 30 s on the selected pair
   * @param consentMissing a consent check on the selected pair is unanswered for too long
   * @param selectedInCurrentGeneration the selection is not a leftover from before a restart
   * @param remoteEnded the peer signalled end-of-candidates (RFC 8838)
   * @param localEnded local gathering is complete
   * @param pairsPending some pair is Frozen, Waiting or In-Progress
   * @param checking remote credentials are known and there are pairs
   * @param allPairsFailed every pair failed and no check is outstanding
   */
  record Facts(boolean closed, boolean selected, boolean consentExpired, boolean consentMissing,
      boolean selectedInCurrentGeneration, boolean remoteEnded, boolean localEnded, boolean pairsPending,
      boolean checking, boolean allPairsFailed) {}

  /** The state for {@code facts}, given the current one. */
  static IceTransportState next(IceTransportState current, Facts f) {
    if (f.closed()) {
      return IceTransportState.CLOSED;
    }
    if (f.selected()) {
      if (f.consentExpired()) {
        return IceTransportState.FAILED;
      }
      if (f.consentMissing()) {
        return IceTransportState.DISCONNECTED;
      }
      if (f.selectedInCurrentGeneration() && f.remoteEnded() && f.localEnded() && !f.pairsPending()) {
        return IceTransportState.COMPLETED;
      }
      return IceTransportState.CONNECTED;
    }
    if (f.checking()) {
      // RFC 8838 §8: no failure before the peer's end-of-candidates.
      return f.remoteEnded() && f.allPairsFailed() ? IceTransportState.FAILED : IceTransportState.CHECKING;
    }
    return current == IceTransportState.NEW ? IceTransportState.NEW : IceTransportState.CHECKING;
  }
}
