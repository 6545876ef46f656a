package dev.jrtc.internal.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TURN server to allocate a relayed candidate on (RFC 8656, UDP to the server), with its
 * long-term credentials. Internal, not API: the connection builds it from an
 * {@code RTCIceServer} whose {@code turn:} URL it has already resolved to an address.
 *
 * @param address the server's resolved address and port
 * @param username the long-term username
 * @param password the long-term password
 */
public record TurnServer(InetSocketAddress address, String username, String password) {
  /** Validates the fields. */
  public TurnServer {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("TURN server address is not resolved: " + address);
    }
  }

  @Override
  public String toString() {
    return "TurnServer[" + address + ", username=" + username + ", password=<hidden>]";
  }
}
