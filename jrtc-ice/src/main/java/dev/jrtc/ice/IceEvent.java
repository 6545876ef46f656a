package dev.jrtc.ice;

import java.util.Arrays;

/** What an {@link IceAgent} reports, polled with {@link IceAgent#pollEvent()}. */
public sealed interface IceEvent {

  /**
   * A local candidate to signal to the peer (trickle, RFC 8838).
   *
   * @param candidate the candidate
   * @param relayProtocol for a relayed candidate the transport to its TURN server, {@code "udp"},
   *     {@code "tcp"} or {@code "tls"} (webrtc-pc {@code RTCIceCandidate.relayProtocol}); null
   *     for other candidates or when unknown
   * @param url for a server-reflexive or relayed candidate the URL of the server it came from
   *     (webrtc-pc {@code RTCIceCandidate.url}), or null
   */
  record CandidateGathered(Candidate candidate, String relayProtocol, String url) implements IceEvent {
    /** A candidate without relay protocol or URL (host candidates). */
    public CandidateGathered(Candidate candidate) {
      this(candidate, null, null);
    }
  }

  /**
   * A STUN or TURN server did not give a candidate (W3C {@code icecandidateerror}): an error
   * response's code (e.g. TURN 401 for wrong credentials), or 701 when it did not answer.
   *
   * @param base the local address the request was sent from; the unspecified address 0.0.0.0
   *     with port 0 when none was used (a server name that did not resolve: the W3C event's
   *     address and port are null)
   * @param server the STUN or TURN server
   * @param errorCode the STUN error code or 701
   * @param errorText the reason
   * @param url the server's URL as configured (the event's {@code url}): {@code stun:host:port}
   *     for STUN servers, {@link RelayServer#url()} for TURN servers; null when unknown
   */
  record GatheringError(TransportAddress base, TransportAddress server, int errorCode, String errorText, String url)
      implements IceEvent {

    /** An error without a known URL. */
    public GatheringError(TransportAddress base, TransportAddress server, int errorCode, String errorText) {
      this(base, server, errorCode, errorText, null);
    }

    /** {@code host:port} of {@code a}, IPv6 literals in brackets (RFC 7064 URI syntax). */
    static String hostPort(TransportAddress a) {
      String h = a.address().getHostAddress();
      return (a.isIpv6() ? "[" + h + "]" : h) + ":" + a.port();
    }
  }

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
