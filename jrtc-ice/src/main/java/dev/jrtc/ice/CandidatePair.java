package dev.jrtc.ice;

/**
 * A local and a remote candidate, RFC 8445 §6.1.2.2, as reported in
 * {@link IceEvent.SelectedPairChanged}. Its checking state lives in the check list.
 *
 * @param local the local candidate
 * @param remote the remote candidate
 */
public record CandidatePair(Candidate local, Candidate remote) {

  /**
   * The pair priority, RFC 8445 §6.1.2.3: with G the controlling agent's candidate priority and
   * D the controlled agent's, {@code 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0)}.
   */
  public static long priority(long controllingPriority, long controlledPriority) {
    long g = controllingPriority;
    long d = controlledPriority;
    return (Math.min(g, d) << 32) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
  }

  /** This pair's priority for an agent in the given role. */
  public long priority(boolean localIsControlling) {
    return localIsControlling ? priority(local.priority(), remote.priority())
        : priority(remote.priority(), local.priority());
  }

  /** The pair foundation: the local and remote foundations joined (§6.1.2.6). */
  public String foundation() {
    return local.foundation() + ":" + remote.foundation();
  }
}
