package dev.jrtc.ice;

import java.util.Arrays;

/** What an {@link IceAgent} reports, polled with {@link IceAgent#pollEvent()}. */
public sealed interface IceEvent {

  /** A local candidate to signal to the peer (trickle, RFC 8838). */
  record CandidateGathered(Candidate candidate) implements IceEvent {}

  /**
   * A STUN server did not give a server-reflexive candidate (W3C {@code icecandidateerror}):
   * an error response's code, or 701 when it did not answer.
   *
   * @param base the host base the query was sent from
   * @param server the STUN server
   * @param errorCode the STUN error code or 701
   * @param errorText the reason
   */
  record GatheringError(TransportAddress base, TransportAddress server, int errorCode, String errorText)
      implements IceEvent {}

  /** Local gathering finished: signal end-of-candidates (RFC 8838 §4.1). */
  record GatheringComplete() implements IceEvent {}

  /** The transport state changed. */
  record StateChanged(IceTransportState state) implements IceEvent {}

  /** A new pair carries the data ({@link IceAgent#send(byte[])} uses it). */
  record SelectedPairChanged(CandidatePair pair) implements IceEvent {}

  /** The agent switched role, after a role conflict (RFC 8445 §7.3.1.1) or a 487 response. */
  record RoleChanged(boolean controlling) implements IceEvent {}

  /**
   * A non-STUN datagram (DTLS, SRTP, ...) from a known remote candidate.
   *
   * @param local where it arrived
   * @param remote where it came from
   * @param data the bytes
   */
  record ApplicationData(TransportAddress local, TransportAddress remote, byte[] data) implements IceEvent {
    @Override
    public boolean equals(Object o) {
      return o instanceof ApplicationData && ((ApplicationData) o).local.equals(local)
          && ((ApplicationData) o).remote.equals(remote) && Arrays.equals(((ApplicationData) o).data, data);
    }

    @Override
    public int hashCode() {
      return (local.hashCode() * 31 + remote.hashCode()) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "ApplicationData[" + remote + " -> " + local + ", " + data.length + " bytes]";
    }
  }
}
