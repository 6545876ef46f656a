package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * A host with one IP address on a {@link SimRouter}'s subnet. Bind ports on it with
 * {@link #bind(int)}. Datagrams to the host's own address loop back without touching a link.
 */
public final class SimHost implements SimNode {
  /** The first port {@link #bind(int) bind(0)} hands out (IANA dynamic range). */
  static final int FIRST_EPHEMERAL_PORT = 49152;

  private final SimNet net;
  private final SimRouter router;
  private final String name;
  private final InetAddress address;
  private final Map<Integer, SimSocket> sockets = new HashMap<>();
  private int nextEphemeral = FIRST_EPHEMERAL_PORT;

  SimHost(SimNet net, SimRouter router, String name, InetAddress address) {
    this.net = net;
    this.router = router;
    this.name = name;
    this.address = address;
  }

  @Override
  public String name() {
    return name;
  }

  /** The host's IP address. */
  public InetAddress address() {
    return address;
  }

  /** The router this host is attached to. */
  public SimRouter router() {
    return router;
  }

  /** The network. */
  public SimNet net() {
    return net;
  }

  /**
   * Binds a UDP port; 0 picks a free port from 49152 up, in order (deterministic).
   *
   * @throws IllegalStateException if the port is taken
   */
  public SimSocket bind(int port) {
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (port == 0) {
      for (int i = 0; i < 65536 - FIRST_EPHEMERAL_PORT && sockets.containsKey(nextEphemeral); i++) {
        nextEphemeral = nextEphemeral == 0xffff ? FIRST_EPHEMERAL_PORT : nextEphemeral + 1;
      }
      if (sockets.containsKey(nextEphemeral)) {
        throw new IllegalStateException("no ephemeral port left on " + name);
      }
      port = nextEphemeral;
      nextEphemeral = nextEphemeral == 0xffff ? FIRST_EPHEMERAL_PORT : nextEphemeral + 1;
    } else if (sockets.containsKey(port)) {
      throw new IllegalStateException("port " + port + " already bound on " + name);
    }
    SimSocket s = new SimSocket(this, TransportAddress.udp(address, port));
    sockets.put(port, s);
    return s;
  }

  void unbind(SimSocket s) {
    sockets.remove(s.localAddress().port(), s);
  }

  void send(Packet p) {
    if (p.destination().address().equals(address)) {
      net.scheduler().executor().execute(() -> deliver(p));
      return;
    }
    net.linkOf(this).transmit(p, true, q -> router.receive(q, false));
  }

  void deliver(Packet p) {
    SimSocket s = sockets.get(p.destination().port());
    if (s == null) {
      net.observe(name, p, SimPacket.Fate.NO_LISTENER);
      return;
    }
    net.observe(name, p, SimPacket.Fate.DELIVERED);
    s.deliver(p);
  }

  @Override
  public String toString() {
    return "SimHost[" + name + " " + address.getHostAddress() + "]";
  }
}
