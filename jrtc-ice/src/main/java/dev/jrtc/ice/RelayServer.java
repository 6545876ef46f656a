package dev.jrtc.ice;

import dev.jrtc.turn.TurnConfig;
import dev.jrtc.turn.TurnTransport;
import java.util.Objects;

/**
 * A TURN server the {@link IceAgent} allocates a relayed candidate from (RFC 8445 §5.1.1.2,
 * RFC 8656), as the W3C {@code RTCIceServer} names it.
 *
 * @param url the URL as configured (e.g. {@code turn:turn.example.org:3478?transport=udp}); it
 *     is reported in {@link IceEvent.GatheringError} for the W3C {@code icecandidateerror}
 * @param address the server's resolved transport address: UDP for {@link TurnTransport#UDP},
 *     TCP for {@link TurnTransport#TCP} and {@link TurnTransport#TLS}
 * @param transport how the agent's client reaches the server
 * @param config the long-term credentials and requested lifetime
 */
public record RelayServer(String url, TransportAddress address, TurnTransport transport, TurnConfig config) {

  /** Validates that the address protocol matches the transport. */
  public RelayServer {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(config, "config");
    Protocol expected = transport.isStream() ? Protocol.TCP : Protocol.UDP;
    if (address.protocol() != expected) {
      throw new IllegalArgumentException("a TURN server over " + transport + " needs a " + expected.value()
          + " address: " + address);
    }
  }

  /** A server over UDP with the default lifetime. */
  public static RelayServer udp(String url, TransportAddress address, String username, String password) {
    return new RelayServer(url, address, TurnTransport.UDP, TurnConfig.of(username, password));
  }
}
