package dev.jrtc.ice;

import static dev.jrtc.ice.TestNet.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import dev.jrtc.turn.FakeTurnServer;
import dev.jrtc.turn.TurnConfig;
import dev.jrtc.turn.TurnTransport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Relayed candidates the agent gathers itself ({@link IceAgent#addTurnServer}): RFC 8445
 * §5.1.1.2 with RFC 8656, over UDP and TCP to the server, permissions before the peer's first
 * check, channels for the selected pair, and errors reported with the server's URL (W3C
 * {@code icecandidateerror}).
 */
class IceAgentTurnTest {
  private static final long S = 1000 * MS;
  private static final TransportAddress RELAYED = TestNet.udp("198.51.100.50", 49152);

  private TestNet net;
  private TestNet.Node a;
  private TestNet.Node b;

  private void setUp(long seed) {
    net = new TestNet(seed);
    a = net.add("a", IceAgent.create(IceConfig.of(true), Entropy.seeded(seed * 2 + 1), net.now),
        TestNet.udp("192.0.2.10", 5000));
    b = net.add("b", IceAgent.create(IceConfig.of(false), Entropy.seeded(seed * 2 + 2), net.now),
        TestNet.udp("192.0.2.20", 6000));
  }

  private static TransportAddress tcp(String ip, int port) {
    TransportAddress u = TestNet.udp(ip, port);
    return new TransportAddress(u.address(), port, Protocol.TCP);
  }

  private static boolean usable(IceTransportState s) {
    return s == IceTransportState.CONNECTED || s == IceTransportState.COMPLETED;
  }

  /** A relays through its own allocation, B has a host candidate; the direct path is blocked. */
  private FakeTurnServer connectThroughRelay(RelayServer server) {
    FakeTurnServer turn = net.turnServer(a, server.address(), RELAYED, "user", "pass");
    net.block(a.address, b.address);
    a.peer = b;
    b.peer = a;
    a.agent.addLocalCandidate(a.address, net.now);
    a.agent.addTurnServer(server, a.address, net.now);
    b.agent.addLocalCandidate(b.address, net.now);
    net.signal(a, () -> b.agent.setRemoteCredentials(a.agent.localCredentials().ufrag(),
        a.agent.localCredentials().pwd(), net.now));
    net.signal(b, () -> a.agent.setRemoteCredentials(b.agent.localCredentials().ufrag(),
        b.agent.localCredentials().pwd(), net.now));
    a.agent.endOfLocalCandidates(net.now);
    b.agent.endOfLocalCandidates(net.now);
    return turn;
  }

  private void assertDataFlows() {
    int ra = a.received.size();
    int rb = b.received.size();
    assertThat(a.agent.send("ping".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(b.agent.send("pong".getBytes(StandardCharsets.UTF_8))).isTrue();
    net.run(100 * MS);
    assertThat(b.received).hasSize(rb + 1);
    assertThat(a.received).hasSize(ra + 1);
  }

  @ParameterizedTest(name = "to the server over {0}")
  @EnumSource(value = TurnTransport.class, names = {"UDP", "TCP"})
  @DisplayName("RFC 8445 §5.1.1.2: the agent allocates, signals the relayed candidate and connects through it")
  void connectsThroughItsOwnAllocation(TurnTransport transport) {
    setUp(31);
    TransportAddress serverAddress = transport == TurnTransport.UDP ? TestNet.udp("198.51.100.50", 3478)
        : tcp("198.51.100.50", 3478);
    String url = "turn:198.51.100.50:3478?transport=" + transport.name().toLowerCase();
    RelayServer server = new RelayServer(url, serverAddress, transport, TurnConfig.of("user", "pass"));
    FakeTurnServer turn = connectThroughRelay(server);
    assertThat(net.runUntil(() -> usable(a.agent.state()) && usable(b.agent.state()), 20 * S)).isTrue();
    Candidate relayed = a.agent.selectedPair().local();
    assertThat(relayed.type()).isEqualTo(CandidateType.RELAYED);
    assertThat(relayed.address()).isEqualTo(RELAYED);
    assertThat(relayed).isEqualTo(IceAgent.relayedCandidate(server, a.address, RELAYED, a.address, 0));
    // webrtc-pc RTCIceCandidate.relayProtocol and url travel with the gathered candidate.
    assertThat(a.events(IceEvent.CandidateGathered.class)).contains(
        new IceEvent.CandidateGathered(relayed, transport.name().toLowerCase(), url));
    assertThat(b.agent.selectedPair().remote().address()).isEqualTo(RELAYED);
    assertDataFlows();
    net.run(1 * S);
    assertThat(turn.channelBinds).as("a channel for the selected pair (RFC 8656 §12)").isEqualTo(1);
    assertDataFlows();
    net.run(400 * S); // permissions, channel and allocation refreshed; consent through the relay
    assertThat(usable(a.agent.state()) && usable(b.agent.state())).isTrue();
    assertDataFlows();
    assertThat(a.events(IceEvent.GatheringError.class)).isEmpty();
  }

  @Test
  @DisplayName("RFC 8656 §9: a permission for a known remote candidate exists before the peer's first check arrives")
  void permissionBeforeThePeersFirstCheck() {
    setUp(36);
    TransportAddress serverAddress = TestNet.udp("198.51.100.50", 3478);
    net.turnServer(a, serverAddress, RELAYED, "user", "pass");
    net.block(a.address, b.address);
    a.peer = b;
    b.peer = a;
    a.agent.addTurnServer(RelayServer.udp("turn:x", serverAddress, "user", "pass"), a.address, net.now);
    b.agent.addLocalCandidate(b.address, net.now);
    // A knows B's candidate at once but gets B's credentials only after 2 s, so A sends no check
    // (which would install a permission as a side effect) before B's checks reach the relay.
    a.agent.addRemoteCandidate(b.agent.localCandidates().get(0), net.now);
    b.agent.setRemoteCredentials(a.agent.localCredentials().ufrag(), a.agent.localCredentials().pwd(), net.now);
    b.signalDelayNanos = 2 * S;
    net.signal(b, () -> a.agent.setRemoteCredentials(b.agent.localCredentials().ufrag(),
        b.agent.localCredentials().pwd(), net.now));
    assertThat(net.runUntil(() -> b.agent.checkListSnapshot().containsValue(CandidatePairState.SUCCEEDED), S))
        .as("B's check through A's relay succeeded before A could check").isTrue();
    assertThat(net.relayDropped).isZero();
    assertThat(net.runUntil(() -> usable(a.agent.state()) && usable(b.agent.state()), 10 * S)).isTrue();
  }

  @Test
  @DisplayName("one server for STUN and TURN on one address: the Binding answer gives srflx, the Allocate a relay")
  void stunAndTurnOnTheSameAddress() {
    setUp(37);
    TransportAddress server = TestNet.udp("198.51.100.50", 3478);
    net.stunServer(server);
    net.turnServer(a, server, RELAYED, "user", "pass");
    net.nat(a.address, TestNet.udp("203.0.113.10", 40000));
    a.agent.addLocalCandidate(a.address, net.now);
    a.agent.addStunServer(server, net.now);
    a.agent.addTurnServer(RelayServer.udp("turn:x", server, "user", "pass"), a.address, net.now);
    a.agent.endOfLocalCandidates(net.now);
    net.run(2 * S);
    assertThat(a.agent.localCandidates()).extracting(Candidate::type)
        .containsExactlyInAnyOrder(CandidateType.HOST, CandidateType.SERVER_REFLEXIVE, CandidateType.RELAYED);
    assertThat(a.events(IceEvent.GatheringError.class)).isEmpty();
    assertThat(a.events(IceEvent.GatheringComplete.class)).hasSize(1);
  }

  @Test
  @DisplayName("a TURN server over TCP is reached by transmits with a TCP remote address, from the given base")
  void tcpServerTransmitsCarryATcpRemote() {
    setUp(32);
    TransportAddress server = tcp("198.51.100.50", 443);
    a.agent.addTurnServer(new RelayServer("turns:198.51.100.50:443?transport=tcp", server, TurnTransport.TLS,
        TurnConfig.of("user", "pass")), a.address, net.now);
    Transmit t = a.agent.pollTransmit();
    assertThat(t.local()).isEqualTo(a.address);
    assertThat(t.remote()).isEqualTo(server);
    assertThat(t.data()[0]).as("a STUN Allocate request").isEqualTo((byte) 0);
    assertThat(a.agent.pollTimeoutNanos()).as("Ti = 39.5 s, no retransmission over a stream")
        .isEqualTo(net.now + 39_500 * MS);
  }

  @Test
  @DisplayName("W3C icecandidateerror: a wrong password gives TURN 401 with the server URL, then gathering completes")
  void wrongPasswordIsAGatheringErrorWithTheUrl() {
    setUp(33);
    TransportAddress serverAddress = TestNet.udp("198.51.100.50", 3478);
    net.turnServer(a, serverAddress, RELAYED, "user", "pass");
    a.agent.addLocalCandidate(a.address, net.now);
    a.agent.addTurnServer(RelayServer.udp("turn:turn.example.org", serverAddress, "user", "wrong"), a.address,
        net.now);
    a.agent.endOfLocalCandidates(net.now);
    net.run(2 * S);
    assertThat(a.events(IceEvent.GatheringError.class)).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo(401);
      assertThat(e.url()).isEqualTo("turn:turn.example.org");
      assertThat(e.server()).isEqualTo(serverAddress);
      assertThat(e.base()).isEqualTo(a.address);
    });
    assertThat(a.events(IceEvent.GatheringComplete.class)).hasSize(1);
    assertThat(a.agent.localCandidates()).extracting(Candidate::type).containsExactly(CandidateType.HOST);
  }

  @Test
  @DisplayName("W3C icecandidateerror: a TURN server that never answers gives 701 after RFC 8489 §6.2.1's 39.5 s")
  void silentServerIsA701WithTheUrl() {
    setUp(34);
    TransportAddress nobody = TestNet.udp("198.51.100.99", 3478);
    a.agent.addLocalCandidate(a.address, net.now);
    a.agent.addTurnServer(RelayServer.udp("turn:nobody.example.org:3478", nobody, "user", "pass"), a.address,
        net.now);
    a.agent.endOfLocalCandidates(net.now);
    net.run(39 * S);
    assertThat(a.events(IceEvent.GatheringComplete.class)).as("waits for the allocation").isEmpty();
    net.run(1 * S);
    assertThat(a.events(IceEvent.GatheringError.class)).containsExactly(new IceEvent.GatheringError(a.address,
        nobody, 701, "TURN allocate request timed out.", "turn:nobody.example.org:3478"));
    assertThat(a.events(IceEvent.GatheringComplete.class)).hasSize(1);
  }

  @Test
  @DisplayName("RFC 8656 §7.3: closing the agent releases its allocation")
  void closeDeallocates() {
    setUp(35);
    TransportAddress serverAddress = TestNet.udp("198.51.100.50", 3478);
    FakeTurnServer turn = net.turnServer(a, serverAddress, RELAYED, "user", "pass");
    a.agent.addTurnServer(RelayServer.udp("turn:x", serverAddress, "user", "pass"), a.address, net.now);
    net.run(1 * S);
    assertThat(a.agent.localCandidates()).extracting(Candidate::type).containsExactly(CandidateType.RELAYED);
    a.agent.close(net.now);
    assertThat(a.agent.state()).isEqualTo(IceTransportState.CLOSED);
    net.run(1 * S);
    assertThat(turn.deallocations).isEqualTo(1);
  }

  @Test
  @DisplayName("RFC 8445 §5.1.2: relayed candidates rank UDP above TCP above TLS to the server, all below srflx")
  void relayedPriorities() {
    TransportAddress base = TestNet.udp("192.0.2.10", 5000);
    TransportAddress relayed = TestNet.udp("198.51.100.50", 40000);
    Candidate udp = IceAgent.relayedCandidate(RelayServer.udp("turn:x", TestNet.udp("198.51.100.50", 3478), "u", "p"),
        base, relayed, null, 0);
    Candidate tcp = IceAgent.relayedCandidate(new RelayServer("turn:x?transport=tcp", tcp("198.51.100.50", 3478),
        TurnTransport.TCP, TurnConfig.of("u", "p")), base, relayed, null, 0);
    Candidate tls = IceAgent.relayedCandidate(new RelayServer("turns:x", tcp("198.51.100.50", 5349),
        TurnTransport.TLS, TurnConfig.of("u", "p")), base, relayed, null, 0);
    assertThat(udp.priority()).isGreaterThan(tcp.priority());
    assertThat(tcp.priority()).isGreaterThan(tls.priority());
    assertThat(udp.priority()).isLessThan(Candidate.priority(CandidateType.SERVER_REFLEXIVE, 0, 1));
    assertThat(udp.foundation()).isNotEqualTo(tcp.foundation());
    assertThatThrownBy(() -> new RelayServer("turn:x", TestNet.udp("198.51.100.50", 3478), TurnTransport.TCP,
        TurnConfig.of("u", "p"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("RFC 8656 §3.1: a relayed candidate that is gone fails its pairs at once; with no other path the agent fails")
  void lostRelayedCandidateFailsItsPairs() {
    setUp(41);
    RelayServer server = RelayServer.udp("turn:198.51.100.50", TestNet.udp("198.51.100.50", 3478), "user", "pass");
    connectThroughRelay(server);
    assertThat(net.runUntil(() -> usable(a.agent.state()) && usable(b.agent.state()), 20 * S)).isTrue();
    assertThat(a.agent.selectedPair().local().address()).isEqualTo(RELAYED);
    a.agent.localCandidateFailed(RELAYED, net.now);
    assertThat(a.agent.state()).isEqualTo(IceTransportState.FAILED);
    assertThat(a.agent.send(new byte[] {(byte) 0x80})).isFalse();
    assertThat(a.agent.checkListSnapshot().entrySet()).allSatisfy(e -> {
      if (e.getKey().local().address().equals(RELAYED)) {
        assertThat(e.getValue()).isEqualTo(CandidatePairState.FAILED);
      }
    });
    // An unknown address changes nothing.
    a.agent.localCandidateFailed(TestNet.udp("203.0.113.1", 1), net.now);
    assertThat(a.agent.state()).isEqualTo(IceTransportState.FAILED);
  }

  @Test
  @DisplayName("RFC 8656 §7.5: an allocation the server forgot (437 on Refresh) fails the agent's relayed path")
  void forgottenAllocationFailsTheRelayedPath() {
    setUp(43);
    RelayServer server = RelayServer.udp("turn:198.51.100.50", TestNet.udp("198.51.100.50", 3478), "user", "pass");
    FakeTurnServer turn = connectThroughRelay(server);
    assertThat(net.runUntil(() -> usable(a.agent.state()) && usable(b.agent.state()), 20 * S)).isTrue();
    turn.forget();
    // The Refresh a minute before the 600 s lifetime gets 437 Allocation Mismatch: the relayed
    // candidate is gone and, with the direct path blocked, so is the connection.
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.FAILED, 500 * S))
        .as("the relay still carries data until the Refresh").isFalse();
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.FAILED, 100 * S)).isTrue();
    assertThat(a.agent.send(new byte[] {(byte) 0x80})).isFalse();
  }
}
