package dev.jrtc.ice;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A deterministic in-test link for ICE agents: virtual time, seeded loss, fixed delay plus
 * jitter, an optional 1:1 NAT, a switch that drops everything, and in-memory trickle signaling.
 * One thread, no sleeps. (The reusable virtual network belongs to the later testkit module.)
 */
final class TestNet {
  static final long MS = 1_000_000L;

  private record InFlight(long at, long seq, TransportAddress from, TransportAddress to, byte[] data) {}

  final class Node {
    final String name;
    final IceAgent agent;
    final TransportAddress address;
    Node peer;
    final List<IceEvent> events = new ArrayList<>();
    final List<byte[]> received = new ArrayList<>();
    final List<dev.jrtc.turn.TurnEvent> turnEvents = new ArrayList<>();
    /** Delay of trickled candidates from this node to its peer (signaling latency). */
    long signalDelayNanos;
    boolean trickle = true;
    /** Optional TURN client of this node (its datagrams go from {@link #address} to the server). */
    dev.jrtc.turn.TurnClient turn;
    TransportAddress turnServer;
    TransportAddress relayed;

    Node(String name, IceAgent agent, TransportAddress address) {
      this.name = name;
      this.agent = agent;
      this.address = address;
    }

    <T extends IceEvent> List<T> events(Class<T> type) {
      List<T> out = new ArrayList<>();
      for (IceEvent e : events) {
        if (type.isInstance(e)) {
          out.add(type.cast(e));
        }
      }
      return out;
    }

    List<IceTransportState> states() {
      List<IceTransportState> out = new ArrayList<>();
      for (IceEvent.StateChanged s : events(IceEvent.StateChanged.class)) {
        out.add(s.state());
      }
      return out;
    }
  }

  private record Signal(long at, long seq, Runnable action) {}

  long now = 1_000 * MS;
  final SplittableRandom random;
  double loss;
  long delayNanos = 10 * MS;
  long jitterNanos;
  boolean blackhole;

  long delivered;
  /** Binding indications delivered (RFC 8445 §11 keepalives). */
  long keepalives;
  long dropped;
  /** Datagrams from peers a TURN server dropped for want of a permission (RFC 8656 §9). */
  long relayDropped;
  private long seq;
  private final Map<TransportAddress, Node> nodes = new LinkedHashMap<>();
  private final java.util.Set<TransportAddress> stunServers = new java.util.HashSet<>();
  /** TURN servers by their address, and by the relayed address they own. */
  private final Map<TransportAddress, dev.jrtc.turn.FakeTurnServer> turnServers = new HashMap<>();
  private final Map<TransportAddress, TransportAddress> relayToServer = new HashMap<>();
  private final Map<TransportAddress, TransportAddress> serverClient = new HashMap<>();
  /** Pairs of addresses that cannot reach each other (a firewall). */
  final java.util.Set<List<TransportAddress>> blocked = new java.util.HashSet<>();
  private final Map<TransportAddress, TransportAddress> natOutbound = new HashMap<>();
  private final Map<TransportAddress, TransportAddress> natInbound = new HashMap<>();
  private final PriorityQueue<InFlight> queue = new PriorityQueue<>(
      (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final PriorityQueue<Signal> signals = new PriorityQueue<>(
      (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));

  TestNet(long seed) {
    this.random = new SplittableRandom(seed);
  }

  static TransportAddress udp(String ip, int port) {
    try {
      return TransportAddress.udp(InetAddress.getByName(ip), port);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  Node add(String name, IceAgent agent, TransportAddress address) {
    Node n = new Node(name, agent, address);
    nodes.put(address, n);
    return n;
  }

  /** A 1:1 NAT: packets from {@code inside} leave as {@code outside} and vice versa. */
  void nat(TransportAddress inside, TransportAddress outside) {
    natOutbound.put(inside, outside);
    natInbound.put(outside, inside);
  }

  /** A STUN server at {@code address} answering Binding requests (RFC 8489 §7.3). */
  void stunServer(TransportAddress address) {
    stunServers.add(address);
  }

  /**
   * A TURN server at {@code server} for {@code node}'s host address, relaying from
   * {@code relayed}; the node allocates with a {@link dev.jrtc.turn.TurnClient} and adds the
   * relayed candidate when the allocation succeeds.
   */
  void turn(Node node, TransportAddress server, TransportAddress relayed) {
    turnServers.put(server, new dev.jrtc.turn.FakeTurnServer("user", "pass",
        node.address.toSocketAddress(), relayed.toSocketAddress()));
    relayToServer.put(relayed, server);
    serverClient.put(server, node.address);
    node.turnServer = server;
    node.turn = dev.jrtc.turn.TurnClient.allocate(dev.jrtc.turn.TurnConfig.of("user", "pass"),
        dev.jrtc.common.Entropy.seeded(node.name.hashCode()), now);
  }

  /**
   * A TURN server at {@code server} for {@code node}, relaying from {@code relayed}, without a
   * driver-side client: the node's agent allocates itself ({@link IceAgent#addTurnServer}).
   * A server address with protocol TCP stands for TURN over TCP: ChannelData to the client is
   * padded (RFC 8656 §12.5). Returns the server, to look at what it saw.
   */
  dev.jrtc.turn.FakeTurnServer turnServer(Node node, TransportAddress server, TransportAddress relayed, String user,
      String password) {
    dev.jrtc.turn.FakeTurnServer s = new dev.jrtc.turn.FakeTurnServer(user, password,
        node.address.toSocketAddress(), relayed.toSocketAddress());
    turnServers.put(server, s);
    relayToServer.put(relayed, server);
    serverClient.put(server, node.address);
    return s;
  }

  void block(TransportAddress x, TransportAddress y) {
    blocked.add(List.of(x, y));
    blocked.add(List.of(y, x));
  }

  /** Wires two nodes: host candidates, credentials and trickle in both directions. */
  void pair(Node a, Node b, boolean aLite, boolean bLite) {
    a.peer = b;
    b.peer = a;
    a.agent.addLocalCandidate(a.address, now);
    b.agent.addLocalCandidate(b.address, now);
    signal(a, () -> b.agent.setRemoteCredentials(a.agent.localCredentials().ufrag(),
        a.agent.localCredentials().pwd(), aLite, now));
    signal(b, () -> a.agent.setRemoteCredentials(b.agent.localCredentials().ufrag(),
        b.agent.localCredentials().pwd(), bLite, now));
    a.agent.endOfLocalCandidates(now);
    b.agent.endOfLocalCandidates(now);
  }

  /** Runs {@code action} after the node's signaling delay. */
  void signal(Node from, Runnable action) {
    signals.add(new Signal(now + from.signalDelayNanos, seq++, action));
  }

  private void drain() {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Node n : nodes.values()) {
        Transmit t;
        while ((t = n.agent.pollTransmit()) != null) {
          progress = true;
          if (n.relayed != null && t.local().equals(n.relayed)) {
            n.turn.send(t.remote().toSocketAddress(), t.data(), now); // the driver's job for relayed candidates
          } else {
            send(t);
          }
        }
        if (n.turn != null) {
          byte[] d;
          while ((d = n.turn.pollTransmit()) != null) {
            progress = true;
            send(new Transmit(n.address, n.turnServer, d));
          }
          dev.jrtc.turn.TurnEvent te;
          while ((te = n.turn.pollEvent()) != null) {
            progress = true;
            onTurnEvent(n, te);
          }
        }
        IceEvent e;
        while ((e = n.agent.pollEvent()) != null) {
          progress = true;
          n.events.add(e);
          onEvent(n, e);
        }
      }
    }
  }

  private void onTurnEvent(Node n, dev.jrtc.turn.TurnEvent e) {
    if (e instanceof dev.jrtc.turn.TurnEvent.Allocated) {
      dev.jrtc.turn.TurnEvent.Allocated a = (dev.jrtc.turn.TurnEvent.Allocated) e;
      n.relayed = TransportAddress.udp(a.relayed().getAddress(), a.relayed().getPort());
      TransportAddress mapped = TransportAddress.udp(a.mapped().getAddress(), a.mapped().getPort());
      n.agent.addLocalCandidate(new Candidate("relay1", 1, n.relayed,
          Candidate.priority(CandidateType.RELAYED, 65535, 1), CandidateType.RELAYED, mapped), now);
    } else if (e instanceof dev.jrtc.turn.TurnEvent.PeerData) {
      dev.jrtc.turn.TurnEvent.PeerData d = (dev.jrtc.turn.TurnEvent.PeerData) e;
      n.agent.handleInbound(d.data(), n.relayed, TransportAddress.udp(d.peer().getAddress(), d.peer().getPort()), now);
    }
    n.turnEvents.add(e);
  }

  private void onEvent(Node n, IceEvent e) {
    Node peer = n.peer;
    if (e instanceof IceEvent.ApplicationData) {
      n.received.add(((IceEvent.ApplicationData) e).data());
    }
    if (peer == null || !n.trickle) {
      return;
    }
    if (e instanceof IceEvent.CandidateGathered) {
      Candidate c = ((IceEvent.CandidateGathered) e).candidate();
      signal(n, () -> peer.agent.addRemoteCandidate(c, now));
    } else if (e instanceof IceEvent.GatheringComplete) {
      signal(n, () -> peer.agent.endOfRemoteCandidates(now));
    }
  }

  private void send(Transmit t) {
    TransportAddress src = natOutbound.getOrDefault(t.local(), t.local());
    if (blackhole || blocked.contains(List.of(src, t.remote())) || (loss > 0 && random.nextDouble() < loss)) {
      dropped++;
      return;
    }
    TransportAddress from = natOutbound.getOrDefault(t.local(), t.local());
    long at = now + delayNanos + (jitterNanos > 0 ? random.nextLong(jitterNanos) : 0);
    queue.add(new InFlight(at, seq++, from, t.remote(), t.data()));
  }

  /** Runs until {@code done} holds or {@code limitNanos} of virtual time passed; returns done. */
  boolean runUntil(BooleanSupplier done, long limitNanos) {
    long end = now + limitNanos;
    long lastNow = now;
    int spins = 0;
    while (true) {
      if (now == lastNow && ++spins > 100_000) {
        throw new AssertionError("an agent asks for a timeout it does not consume at " + now);
      } else if (now != lastNow) {
        lastNow = now;
        spins = 0;
      }
      drain();
      checkTimers();
      if (done.getAsBoolean()) {
        return true;
      }
      long next = Long.MAX_VALUE;
      for (Node n : nodes.values()) {
        next = Math.min(next, n.agent.pollTimeoutNanos());
      }
      if (!queue.isEmpty()) {
        next = Math.min(next, queue.peek().at);
      }
      if (!signals.isEmpty()) {
        next = Math.min(next, signals.peek().at);
      }
      if (next > end) {
        now = end;
        drain();
        return done.getAsBoolean();
      }
      now = Math.max(now, next);
      while (!signals.isEmpty() && signals.peek().at <= now) {
        signals.poll().action.run();
      }
      while (!queue.isEmpty() && queue.peek().at <= now) {
        InFlight f = queue.poll();
        if (stunServers.contains(f.to) && (!turnServers.containsKey(f.to) || isBindingRequest(f.data))) {
          answerStun(f); // one server may answer STUN Binding and TURN on the same address
          continue;
        }
        if (turnServers.containsKey(f.to) || relayToServer.containsKey(f.to)) {
          relay(f);
          continue;
        }
        TransportAddress to = natInbound.getOrDefault(f.to, f.to);
        Node n = nodes.get(to);
        if (n == null) {
          dropped++;
          continue;
        }
        delivered++;
        if (n.turn != null && f.from.equals(n.turnServer)) {
          n.turn.handleInbound(f.data, now);
          continue;
        }
        if (f.data.length >= 2 && f.data[0] == 0x00 && f.data[1] == 0x11) {
          keepalives++;
        }
        n.agent.handleInbound(f.data, to, f.from, now);
      }
      for (Node n : nodes.values()) {
        if (n.agent.pollTimeoutNanos() <= now) {
          n.agent.handleTimeout(now);
        }
      }
    }
  }

  private static boolean isBindingRequest(byte[] data) {
    return data.length >= 20 && data[0] == 0 && data[1] == 1;
  }

  /** A connected (or disconnected) agent always has a deadline: consent, keepalives, failure. */
  private void checkTimers() {
    for (Node n : nodes.values()) {
      IceTransportState s = n.agent.state();
      if ((s == IceTransportState.CONNECTED || s == IceTransportState.COMPLETED
          || s == IceTransportState.DISCONNECTED) && n.agent.pollTimeoutNanos() == Long.MAX_VALUE) {
        throw new AssertionError(n.name + " is " + s.value() + " with no timer");
      }
    }
  }

  /** The TURN server: requests from its client, and peer datagrams arriving at the relayed address. */
  private void relay(InFlight f) {
    try {
      if (turnServers.containsKey(f.to)) {
        dev.jrtc.turn.FakeTurnServer server = turnServers.get(f.to);
        for (byte[] r : server.handle(f.data)) {
          send(new Transmit(f.to, f.from, r));
        }
        TransportAddress relayed = null;
        for (Map.Entry<TransportAddress, TransportAddress> e : relayToServer.entrySet()) {
          if (e.getValue().equals(f.to)) {
            relayed = e.getKey();
          }
        }
        for (Object[] out : server.toPeers) {
          java.net.InetSocketAddress peer = (java.net.InetSocketAddress) out[0];
          send(new Transmit(relayed, TransportAddress.udp(peer.getAddress(), peer.getPort()), (byte[]) out[1]));
        }
        server.toPeers.clear();
      } else {
        TransportAddress serverAddress = relayToServer.get(f.to);
        byte[] toClient = turnServers.get(serverAddress).fromPeer(f.from.toSocketAddress(), f.data);
        if (toClient != null && serverAddress.protocol() == Protocol.TCP && (toClient[0] & 0xc0) == 0x40) {
          toClient = java.util.Arrays.copyOf(toClient, (toClient.length + 3) / 4 * 4); // RFC 8656 §12.5
        }
        if (toClient != null) {
          send(new Transmit(serverAddress, serverClient.get(serverAddress), toClient));
        } else {
          dropped++; // no permission (RFC 8656 §9)
          relayDropped++;
        }
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void answerStun(InFlight f) {
    try {
      dev.jrtc.stun.StunMessage m = dev.jrtc.stun.StunMessage.parse(f.data);
      byte[] response = dev.jrtc.stun.StunMessage.builder(dev.jrtc.stun.StunMethod.BINDING,
          dev.jrtc.stun.StunClass.SUCCESS_RESPONSE, m.transactionId())
          .add(new dev.jrtc.stun.XorMappedAddress(f.from.address(), f.from.port())).addFingerprint().build().encode();
      if (!blackhole) {
        queue.add(new InFlight(now + delayNanos, seq++, f.to, f.from, response));
      }
    } catch (dev.jrtc.stun.StunParseException e) {
      dropped++;
    }
  }

  /** Runs for {@code nanos} of virtual time. */
  void run(long nanos) {
    runUntil(() -> false, nanos);
  }
}
