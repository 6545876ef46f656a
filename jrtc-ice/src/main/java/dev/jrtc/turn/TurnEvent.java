package dev.jrtc.turn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** What a {@link TurnClient} reports, polled with {@link TurnClient#pollEvent()}. */
public sealed interface TurnEvent {

  /**
   * The allocation succeeded (RFC 8656 §7.3).
   *
   * @param relayed the relayed transport address (the relayed candidate)
   * @param mapped the client's server-reflexive address as the server saw it
   * @param lifetimeSeconds the granted lifetime
   */
  record Allocated(InetSocketAddress relayed, InetSocketAddress mapped, long lifetimeSeconds) implements TurnEvent {}

  /**
   * The allocation failed (e.g. 401 with wrong credentials, 486 quota, or a timeout as 701 in
   * the W3C {@code icecandidateerror} sense).
   *
   * @param errorCode the STUN error code, or 701 when the server did not answer
   * @param reason the reason phrase
   */
  record AllocationFailed(int errorCode, String reason) implements TurnEvent {}

  /** A permission for {@code peer} is installed (RFC 8656 §9). */
  record PermissionCreated(InetAddress peer) implements TurnEvent {}

  /** A CreatePermission failed. */
  record PermissionFailed(InetAddress peer, int errorCode, String reason) implements TurnEvent {}

  /** A channel is bound to {@code peer} (RFC 8656 §12). */
  record ChannelBound(InetSocketAddress peer, int channel) implements TurnEvent {}

  /** The allocation expired without a successful refresh. */
  record Expired() implements TurnEvent {}

  /** The allocation was released (Refresh with LIFETIME 0 answered or timed out). */
  record Closed() implements TurnEvent {}

  /**
   * Data from a peer, from a Data indication or ChannelData.
   *
   * @param peer the peer's transport address
   * @param data the bytes
   */
  record PeerData(InetSocketAddress peer, byte[] data) implements TurnEvent {
    @Override
    public boolean equals(Object o) {
      return o instanceof PeerData && ((PeerData) o).peer.equals(peer) && Arrays.equals(((PeerData) o).data, data);
    }

    @Override
    public int hashCode() {
      return peer.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "PeerData[" + peer + ", " + data.length + " bytes]";
    }
  }
}
