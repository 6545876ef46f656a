package dev.jrtc.testkit;

import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidatePair;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceAgent;
import dev.jrtc.ice.IceConfig;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import dev.jrtc.ice.RelayServer;
import dev.jrtc.ice.Transmit;
import dev.jrtc.ice.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test driver for one sans-IO {@link IceAgent} on a {@link SimNet}: one UDP socket (its host
 * candidate, and the base of the agent's own TURN allocation), an optional STUN server, an
 * optional TURN server ({@link IceAgent#addTurnServer}: the agent runs the TURN client, so every
 * transmit leaves from the socket), and in-memory trickle signaling to the peer with a delay. It
 * drains the agent after every input and re-arms one timer at the agent's deadline, like the
 * runtime driver will.
 *
 * <p>It also checks an invariant after every step: an agent that is not done (checking after
 * the peer's end-of-candidates, or connected, completed or disconnected) always has a timer; a
 * {@code Long.MAX_VALUE} deadline there means it would wait forever.
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
  /** The peer's end-of-candidates reached this agent. */
  boolean remoteEnded;
  private final boolean lite;
  private DeterministicScheduler.Task timer;
  private final long start;

  IcePeer(SimNet net, String name, SimHost host, IceConfig config) {
    this.name = name;
    this.net = net;
    this.start = net.scheduler().nowNanos();
    this.agent = IceAgent.create(config, net.entropy("ice " + name), now());
    this.lite = config.lite();
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
      String url = "turn:" + turnAt.address().getHostAddress() + ":" + turnAt.port() + "?transport=udp";
      agent.addTurnServer(RelayServer.udp(url, turnAt, user, password), socket.localAddress(), now());
    }
    agent.endOfLocalCandidates(now()); // complete once the STUN and TURN servers answered
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
    signal(() -> {
      remote.agent.endOfRemoteCandidates(remote.now());
      remote.remoteEnded = true;
    });
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
    agent.handleInbound(data, socket.localAddress(), from, now()); // TURN server datagrams included
    pump();
  }

  /** Drains the agent until it is quiet, then re-arms the timer. */
  void pump() {
    boolean progress = true;
    while (progress) {
      progress = false;
      Transmit t;
      while ((t = agent.pollTransmit()) != null) {
        progress = true;
        if (!t.local().equals(socket.localAddress())) {
          throw new AssertionError(name + ": transmit from unknown base " + t.local());
        }
        socket.send(t.remote(), t.data());
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
    checkHasTimer(due);
    if (due != Long.MAX_VALUE) {
      timer = net.scheduler().scheduleAt(due, () -> {
        agent.handleTimeout(now());
        pump();
      });
    }
  }

  /**
   * A full agent that is not done must have a deadline: without one it waits forever. (A lite
   * agent only answers; it may wait for the controlling peer's nomination without a timer.)
   */
  private void checkHasTimer(long due) {
    IceTransportState s = agent.state();
    boolean waitingForever = due == Long.MAX_VALUE && !lite && ((s == IceTransportState.CHECKING && remoteEnded
        && !agent.checkListSnapshot().isEmpty()) || s == IceTransportState.CONNECTED
        || s == IceTransportState.COMPLETED || s == IceTransportState.DISCONNECTED);
    if (waitingForever) {
      throw new AssertionError(name + " is " + s.value() + " with no timer; states " + stateLog + ", pairs "
          + agent.checkListSnapshot());
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
      signal(() -> {
        remote.agent.endOfRemoteCandidates(remote.now());
        remote.remoteEnded = true;
      });
    }
  }
}
