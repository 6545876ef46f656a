package dev.jrtc.testkit;

import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidatePair;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceAgent;
import dev.jrtc.ice.IceConfig;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import dev.jrtc.ice.Transmit;
import dev.jrtc.ice.TransportAddress;
import dev.jrtc.turn.TurnClient;
import dev.jrtc.turn.TurnConfig;
import dev.jrtc.turn.TurnEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test driver for one sans-IO {@link IceAgent} on a {@link SimNet}: one UDP socket (its host
 * candidate), an optional STUN server, an optional TURN allocation whose relayed address is a
 * local candidate (transmits from it go through the {@link TurnClient}), and in-memory trickle
 * signaling to the peer with a delay. It drains the agent after every input and re-arms one timer
 * at the earliest deadline of the agent and the TURN client, like the runtime driver will.
 */
final class IcePeer {
  final String name;
  final SimNet net;
  final IceAgent agent;
  final SimSocket socket;
  final List<IceEvent> events = new ArrayList<>();
  /** "ms:state" (virtual ms since start) for every state change. */
  final List<String> stateLog = new ArrayList<>();
  final List<byte[]> received = new ArrayList<>();
  Duration signalDelay = Duration.ofMillis(20);
  IcePeer remote;
  private TurnClient turn;
  private TransportAddress turnServer;
  private TransportAddress relayed;
  private boolean turnEnded;
  private DeterministicScheduler.Task timer;
  private final long start;

  IcePeer(SimNet net, String name, SimHost host, IceConfig config) {
    this.name = name;
    this.net = net;
    this.start = net.scheduler().nowNanos();
    this.agent = IceAgent.create(config, net.entropy("ice " + name), now());
    this.socket = host.bind(0);
    socket.onReceive(this::onDatagram);
  }

  private long now() {
    return net.scheduler().nowNanos();
  }

  /** Wires two peers: credentials are signalled at once (as in the offer and answer). */
  static void pair(IcePeer a, IcePeer b) {
    a.remote = b;
    b.remote = a;
    a.signalCredentials();
    b.signalCredentials();
  }

  void signalCredentials() {
    IceCredentials c = agent.localCredentials();
    signal(() -> remote.agent.setRemoteCredentials(c.ufrag(), c.pwd(), remote.now()));
  }

  private void signal(Runnable onRemote) {
    IcePeer r = remote;
    net.scheduler().schedule(signalDelay, () -> {
      onRemote.run();
      r.pump();
    });
  }

  /** Starts gathering: the host candidate, srflx from {@code stun}, relay from {@code turnAt}. */
  void gather(TransportAddress stun, TransportAddress turnAt, String user, String password) {
    gather(stun, turnAt, user, password, false);
  }

  /** As above; {@code relayOnly} gathers the relayed candidate alone (W3C iceTransportPolicy "relay"). */
  void gather(TransportAddress stun, TransportAddress turnAt, String user, String password, boolean relayOnly) {
    if (relayOnly && turnAt == null) {
      throw new IllegalArgumentException("relay only needs a TURN server");
    }
    if (!relayOnly) {
      agent.addLocalCandidate(socket.localAddress(), now());
    }
    if (stun != null && !relayOnly) {
      agent.addStunServer(stun, now());
    }
    if (turnAt != null) {
      turnServer = turnAt;
      turn = TurnClient.allocate(TurnConfig.of(user, password), net.entropy("turn " + name), now());
    } else {
      agent.endOfLocalCandidates(now());
    }
    pump();
  }

  /** Sends application data on the selected pair; false when none. */
  boolean send(byte[] data) {
    boolean ok = agent.send(data);
    pump();
    return ok;
  }

  /** ICE restart on this side: new credentials, candidates signalled again (RFC 8445 §9). */
  void restart() {
    agent.restart(now());
    signalCredentials();
    for (Candidate c : agent.localCandidates()) {
      signal(() -> remote.agent.addRemoteCandidate(c, remote.now()));
    }
    signal(() -> remote.agent.endOfRemoteCandidates(remote.now()));
    pump();
  }

  IceTransportState state() {
    return agent.state();
  }

  boolean connected() {
    return state() == IceTransportState.CONNECTED || state() == IceTransportState.COMPLETED;
  }

  CandidatePair selected() {
    return agent.selectedPair();
  }

  boolean usesRelay() {
    CandidatePair p = selected();
    return p != null && (p.local().type() == CandidateType.RELAYED || p.remote().type() == CandidateType.RELAYED);
  }

  /** The virtual time (ms since this peer was created) of the first change to {@code s}, or -1. */
  long firstTimeOf(IceTransportState s) {
    for (String e : stateLog) {
      int colon = e.indexOf(':');
      if (e.substring(colon + 1).equals(s.value())) {
        return Long.parseLong(e.substring(0, colon));
      }
    }
    return -1;
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

  private void onDatagram(TransportAddress from, TransportAddress to, byte[] data) {
    if (turn != null && from.equals(turnServer)) {
      turn.handleInbound(data, now());
    } else {
      agent.handleInbound(data, socket.localAddress(), from, now());
    }
    pump();
  }

  /** Drains the agent and the TURN client until both are quiet, then re-arms the timer. */
  void pump() {
    boolean progress = true;
    while (progress) {
      progress = false;
      Transmit t;
      while ((t = agent.pollTransmit()) != null) {
        progress = true;
        route(t);
      }
      if (turn != null) {
        byte[] b;
        while ((b = turn.pollTransmit()) != null) {
          progress = true;
          socket.send(turnServer, b);
        }
        TurnEvent te;
        while ((te = turn.pollEvent()) != null) {
          progress = true;
          onTurnEvent(te);
        }
      }
      IceEvent e;
      while ((e = agent.pollEvent()) != null) {
        progress = true;
        onIceEvent(e);
      }
    }
    if (timer != null) {
      timer.cancel();
    }
    long due = agent.pollTimeoutNanos();
    if (turn != null) {
      due = Math.min(due, turn.pollTimeoutNanos());
    }
    if (due != Long.MAX_VALUE) {
      timer = net.scheduler().scheduleAt(due, () -> {
        agent.handleTimeout(now());
        if (turn != null) {
          turn.handleTimeout(now());
        }
        pump();
      });
    }
  }

  private void route(Transmit t) {
    if (relayed != null && t.local().equals(relayed)) {
      turn.send(t.remote().toSocketAddress(), t.data(), now()); // RFC 8445 §5.1.1.2: sent through the relay
    } else if (t.local().equals(socket.localAddress())) {
      socket.send(t.remote(), t.data());
    } else {
      throw new AssertionError(name + ": transmit from unknown base " + t.local());
    }
  }

  private void onTurnEvent(TurnEvent e) {
    if (e instanceof TurnEvent.Allocated) {
      TurnEvent.Allocated a = (TurnEvent.Allocated) e;
      relayed = TransportAddress.udp(a.relayed().getAddress(), a.relayed().getPort());
      TransportAddress mapped = a.mapped() == null ? null
          : TransportAddress.udp(a.mapped().getAddress(), a.mapped().getPort());
      agent.addLocalCandidate(new Candidate(Integer.toUnsignedString(("relay/" + turnServer).hashCode()), 1,
          relayed, Candidate.priority(CandidateType.RELAYED, 65535, 1), CandidateType.RELAYED, mapped), now());
      endTurnGathering();
    } else if (e instanceof TurnEvent.AllocationFailed) {
      endTurnGathering();
    } else if (e instanceof TurnEvent.PeerData) {
      TurnEvent.PeerData d = (TurnEvent.PeerData) e;
      agent.handleInbound(d.data(), relayed, TransportAddress.udp(d.peer().getAddress(), d.peer().getPort()), now());
    }
  }

  private void endTurnGathering() {
    if (!turnEnded) {
      turnEnded = true;
      agent.endOfLocalCandidates(now());
    }
  }

  private void onIceEvent(IceEvent e) {
    events.add(e);
    if (e instanceof IceEvent.StateChanged) {
      stateLog.add((now() - start) / 1_000_000L + ":" + ((IceEvent.StateChanged) e).state().value());
    } else if (e instanceof IceEvent.ApplicationData) {
      received.add(((IceEvent.ApplicationData) e).data());
    } else if (remote != null && e instanceof IceEvent.CandidateGathered) {
      Candidate c = ((IceEvent.CandidateGathered) e).candidate();
      signal(() -> remote.agent.addRemoteCandidate(c, remote.now()));
    } else if (remote != null && e instanceof IceEvent.GatheringComplete) {
      signal(() -> remote.agent.endOfRemoteCandidates(remote.now()));
    }
  }
}
