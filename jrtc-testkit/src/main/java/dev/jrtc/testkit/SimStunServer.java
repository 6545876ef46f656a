package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;

/**
 * An in-process STUN server (RFC 8489 §7.3, Binding only) on a {@link SimHost}: it answers each
 * Binding request with the XOR-MAPPED-ADDRESS it saw, so clients behind a {@link Nat} learn
 * their server-reflexive address. It keeps no state and needs no credentials.
 */
public final class SimStunServer {
  private final SimSocket socket;
  private long answered;
  private long dropped;

  private SimStunServer(SimSocket socket) {
    this.socket = socket;
    socket.onReceive(this::onDatagram);
  }

  /** Starts a server on {@code host}, port {@code port} (3478 is the STUN port, RFC 8489 §18.1). */
  public static SimStunServer start(SimHost host, int port) {
    return new SimStunServer(host.bind(port));
  }

  /** The server's transport address (give it to the client as its STUN server). */
  public TransportAddress address() {
    return socket.localAddress();
  }

  /** Binding requests answered. */
  public long requestsAnswered() {
    return answered;
  }

  /** Datagrams ignored: not STUN, malformed, bad FINGERPRINT, or not a Binding request. */
  public long dropped() {
    return dropped;
  }

  /** Closes the server's port. */
  public void stop() {
    socket.close();
  }

  private void onDatagram(TransportAddress from, TransportAddress to, byte[] data) {
    StunMessage m = StunReplies.parse(data);
    if (m == null || m.stunClass() != StunClass.REQUEST || !m.method().equals(StunMethod.BINDING)) {
      dropped++;
      return;
    }
    byte[] unknown = StunReplies.unknownAttributes(m, null);
    socket.send(from, unknown != null ? unknown : StunReplies.bindingSuccess(m, from));
    answered++;
  }
}
