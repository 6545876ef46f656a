package dev.jrtc.ice;

import static dev.jrtc.ice.TestNet.MS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.StunRetransmission;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two agents over the deterministic {@link TestNet}: RFC 8445 connectivity in both role
 * assignments, role conflicts (§7.3.1.1), loss, restarts (§9), consent (RFC 7675), trickle
 * (RFC 8838), ice-lite peers (§2.5), peer-reflexive candidates (§7.2.5.3.1, §7.3.1.3) and mDNS.
 */
class IceAgentSimTest {
  private static final long S = 1000 * MS;

  private TestNet net;
  private TestNet.Node a;
  private TestNet.Node b;

  private void setUp(long seed, IceConfig ca, IceConfig cb) {
    net = new TestNet(seed);
    a = net.add("a", IceAgent.create(ca, Entropy.seeded(seed * 2 + 1), net.now), TestNet.udp("192.0.2.10", 5000));
    b = net.add("b", IceAgent.create(cb, Entropy.seeded(seed * 2 + 2), net.now), TestNet.udp("192.0.2.20", 6000));
  }

  private static boolean usable(IceTransportState s) {
    return s == IceTransportState.CONNECTED || s == IceTransportState.COMPLETED;
  }

  private boolean bothUsable() {
    return usable(a.agent.state()) && usable(b.agent.state());
  }

  private void assertDataFlows() {
    int ra = a.received.size();
    int rb = b.received.size();
    assertThat(a.agent.send("ping".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(b.agent.send("pong".getBytes(StandardCharsets.UTF_8))).isTrue();
    net.run(100 * MS);
    assertThat(b.received).hasSize(rb + 1);
    assertThat(new String(b.received.get(rb), StandardCharsets.UTF_8)).isEqualTo("ping");
    assertThat(a.received).hasSize(ra + 1);
  }

  @ParameterizedTest(name = "a controlling = {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("RFC 8445 two full agents connect in both role assignments")
  void connectsInBothRoles(boolean aControlling) {
    setUp(1, IceConfig.of(aControlling), IceConfig.of(!aControlling));
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.COMPLETED
        && b.agent.state() == IceTransportState.COMPLETED, 5 * S)).isTrue();
    assertThat(a.agent.isControlling()).isEqualTo(aControlling);
    assertThat(a.agent.selectedPair().local().address()).isEqualTo(a.address);
    assertThat(a.agent.selectedPair().remote().address()).isEqualTo(b.address);
    assertThat(b.agent.selectedPair().remote().address()).isEqualTo(a.address);
    assertThat(a.states()).containsExactly(IceTransportState.CHECKING, IceTransportState.CONNECTED,
        IceTransportState.COMPLETED);
    assertThat(a.events(IceEvent.SelectedPairChanged.class)).hasSize(1);
    assertThat(a.events(IceEvent.GatheringComplete.class)).hasSize(1);
    assertThat(a.events(IceEvent.CandidateGathered.class)).hasSize(1);
    assertDataFlows();
  }

  @ParameterizedTest(name = "both controlling = {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("RFC 8445 §7.3.1.1 role conflict is resolved by the tie-breakers")
  void roleConflict(boolean bothControlling) {
    setUp(2, IceConfig.of(bothControlling), IceConfig.of(bothControlling));
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    assertThat(a.agent.isControlling()).isNotEqualTo(b.agent.isControlling());
    boolean aWins = Long.compareUnsigned(a.agent.tieBreaker(), b.agent.tieBreaker()) >= 0;
    // The larger tie-breaker ends up controlling whichever role both started in.
    assertThat(a.agent.isControlling()).isEqualTo(aWins);
    TestNet.Node switched = a.agent.isControlling() != bothControlling ? a : b;
    TestNet.Node kept = switched == a ? b : a;
    assertThat(switched.events(IceEvent.RoleChanged.class)).hasSize(1);
    assertThat(kept.events(IceEvent.RoleChanged.class)).isEmpty();
    assertDataFlows();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3, 4, 5, 6, 7})
  @DisplayName("connects through 30 % loss with jitter")
  void connectsWithLoss(long seed) {
    setUp(seed, IceConfig.of(true), IceConfig.of(false));
    net.loss = 0.3;
    net.jitterNanos = 20 * MS;
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 30 * S)).isTrue();
    assertThat(net.dropped).isPositive();
    assertThat(a.agent.selectedPair().remote().address()).isEqualTo(b.address);
  }

  @Test
  @DisplayName("RFC 8445 §9 restart while connected keeps data on the old pair until the new one is selected")
  void restartWhileConnected() {
    setUp(8, IceConfig.of(true), IceConfig.of(false));
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    net.run(2 * S);
    IceCredentials oldA = a.agent.localCredentials();
    a.events.clear();
    b.events.clear();
    // Restart: new credentials on both sides; the answer (b's credentials) comes 1 s later.
    IceCredentials newA = a.agent.restart(net.now);
    IceCredentials newB = b.agent.restart(net.now);
    assertThat(newA).isNotEqualTo(oldA);
    b.agent.setRemoteCredentials(newA.ufrag(), newA.pwd(), net.now);
    // Data still flows on the old pair while the new generation has no remote candidates.
    assertDataFlows();
    net.run(1 * S);
    a.agent.setRemoteCredentials(newB.ufrag(), newB.pwd(), net.now);
    a.agent.addRemoteCandidate(b.agent.localCandidates().get(0), net.now);
    b.agent.addRemoteCandidate(a.agent.localCandidates().get(0), net.now);
    a.agent.endOfRemoteCandidates(net.now);
    b.agent.endOfRemoteCandidates(net.now);
    assertThat(net.runUntil(() -> !a.events(IceEvent.SelectedPairChanged.class).isEmpty()
        && !b.events(IceEvent.SelectedPairChanged.class).isEmpty(), 10 * S)).isTrue();
    net.run(1 * S);
    assertThat(a.states()).doesNotContain(IceTransportState.DISCONNECTED, IceTransportState.FAILED,
        IceTransportState.CHECKING);
    assertThat(b.states()).doesNotContain(IceTransportState.DISCONNECTED, IceTransportState.FAILED,
        IceTransportState.CHECKING);
    assertThat(bothUsable()).isTrue();
    assertDataFlows();
    // Consent with the new credentials keeps the pair alive well past the consent timeout.
    net.run(40 * S);
    assertThat(bothUsable()).isTrue();
  }

  @Test
  @DisplayName("RFC 7675 consent loss: disconnected, then failed 30 s after the last consent")
  void consentLossDisconnectsThenFails() {
    setUp(9, IceConfig.of(true), IceConfig.of(false));
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    net.run(20 * S);
    assertThat(bothUsable()).isTrue(); // consent keeps it alive
    long cut = net.now;
    net.blackhole = true;
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.DISCONNECTED, 20 * S)).isTrue();
    long disconnectedAfter = net.now - cut;
    assertThat(disconnectedAfter).isBetween(5 * S, 12 * S);
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.FAILED, 40 * S)).isTrue();
    long failedAfter = net.now - cut;
    assertThat(failedAfter).isBetween(24 * S, 31 * S);
    assertThat(a.agent.send(new byte[] {1})).isFalse();
    assertThat(a.states()).endsWith(IceTransportState.DISCONNECTED, IceTransportState.FAILED);
    assertThat(net.runUntil(() -> b.agent.state() == IceTransportState.FAILED, 10 * S)).isTrue();
  }

  @Test
  @DisplayName("RFC 7675 consent returns before 30 s: disconnected -> connected")
  void consentRecovers() {
    setUp(10, IceConfig.of(true), IceConfig.of(false));
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    net.blackhole = true;
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.DISCONNECTED, 20 * S)).isTrue();
    net.blackhole = false;
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    assertDataFlows();
  }

  @Test
  @DisplayName("RFC 8838 trickle: checks arrive before the candidates and credentials are signalled")
  void trickleOrder() {
    setUp(11, IceConfig.of(true), IceConfig.of(false));
    a.signalDelayNanos = 3 * S; // a's credentials and candidates reach b late
    net.pair(a, b, false, false);
    // a's checks reach b first: b answers with its own credentials and learns a peer-reflexive candidate.
    net.run(1 * S);
    assertThat(b.agent.checkListSnapshot().keySet()).anySatisfy(p ->
        assertThat(p.remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE));
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    net.run(3 * S);
    // Once signalled, the host candidate replaces the peer-reflexive one.
    assertThat(b.agent.checkListSnapshot().keySet()).allSatisfy(p ->
        assertThat(p.remote().type()).isEqualTo(CandidateType.HOST));
    assertThat(b.agent.selectedPair().remote().address()).isEqualTo(a.address);
    assertDataFlows();
  }

  @Test
  @DisplayName("RFC 8838: no failure before end-of-candidates; failure after it")
  void failsOnlyAfterEndOfCandidates() {
    setUp(12, IceConfig.of(true), IceConfig.of(false));
    a.peer = b;
    b.peer = a;
    a.trickle = false;
    a.agent.addLocalCandidate(a.address, net.now);
    a.agent.setRemoteCredentials(b.agent.localCredentials().ufrag(), b.agent.localCredentials().pwd(), net.now);
    // A candidate nobody listens on.
    a.agent.addRemoteCandidate(new Candidate("9", 1, TestNet.udp("198.51.100.1", 9), 1000, CandidateType.HOST, null),
        net.now);
    net.run(20 * S);
    assertThat(a.agent.state()).isEqualTo(IceTransportState.CHECKING);
    a.agent.endOfRemoteCandidates(net.now);
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.FAILED, 1 * S)).isTrue();
    assertThat(a.states()).containsExactly(IceTransportState.CHECKING, IceTransportState.FAILED);
  }

  @Test
  @DisplayName("RFC 8445 §2.5 an ice-lite peer: the full agent takes control and nominates")
  void iceLitePeer() {
    setUp(13, IceConfig.of(false), IceConfig.of(false).withLite(true));
    net.pair(a, b, false, true);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    assertThat(a.agent.isControlling()).isTrue();
    assertThat(b.agent.isControlling()).isFalse();
    assertThat(b.agent.stats().checksSent()).isZero();
    assertDataFlows();
    net.run(60 * S); // consent from the full agent, answered by the lite one
    assertThat(bothUsable()).isTrue();
    // The lite agent sends no consent checks; its answers to a's consent checks are traffic
    // enough, so no keepalive is needed (§11).
    assertThat(b.agent.stats().consentChecksSent()).isZero();
    assertThat(net.keepalives).isZero();
  }

  @Test
  @DisplayName("RFC 8445 §7.2.5.3.1 / §7.3.1.3 peer-reflexive candidates through a 1:1 NAT")
  void peerReflexiveThroughNat() {
    setUp(14, IceConfig.of(true), IceConfig.of(false));
    TransportAddress outside = TestNet.udp("203.0.113.7", 40000);
    net.nat(a.address, outside);
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    CandidatePair pa = a.agent.selectedPair();
    assertThat(pa.local().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
    assertThat(pa.local().address()).isEqualTo(outside);
    assertThat(pa.local().base()).isEqualTo(a.address);
    CandidatePair pb = b.agent.selectedPair();
    assertThat(pb.remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
    assertThat(pb.remote().address()).isEqualTo(outside);
    assertDataFlows();
  }

  @Test
  @DisplayName("mDNS host candidates are resolved through the driver's resolver")
  void mdnsCandidate() {
    List<String> asked = new ArrayList<>();
    setUp(15, IceConfig.of(true).withMdnsResolver(asked::add), IceConfig.of(false));
    a.peer = b;
    b.peer = a;
    a.trickle = true;
    b.trickle = false; // b's candidate reaches a as an mDNS name instead
    a.agent.addLocalCandidate(a.address, net.now);
    b.agent.addLocalCandidate(b.address, net.now);
    a.agent.setRemoteCredentials(b.agent.localCredentials().ufrag(), b.agent.localCredentials().pwd(), net.now);
    b.agent.setRemoteCredentials(a.agent.localCredentials().ufrag(), a.agent.localCredentials().pwd(), net.now);
    Candidate bc = b.agent.localCandidates().get(0);
    a.agent.addRemoteMdnsCandidate(bc.foundation(), 1, Protocol.UDP, bc.priority(),
        "1f4712db-ea17-4bcf-a596-105139dfd8bf.local", 6000, CandidateType.HOST, net.now);
    assertThat(asked).containsExactly("1f4712db-ea17-4bcf-a596-105139dfd8bf.local");
    a.agent.handleMdnsResolved("1f4712db-ea17-4bcf-a596-105139dfd8bf.local", b.address.address(), net.now);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    assertThat(a.agent.selectedPair().remote().address()).isEqualTo(b.address);
  }

  @Test
  @DisplayName("the same seed gives the same packet trace")
  void deterministic() {
    long[] counts = new long[2];
    for (int i = 0; i < 2; i++) {
      setUp(16, IceConfig.of(true), IceConfig.of(false));
      net.loss = 0.2;
      net.pair(a, b, false, false);
      net.run(20 * S);
      counts[i] = net.delivered * 1_000_000 + net.dropped;
    }
    assertThat(counts[0]).isEqualTo(counts[1]);
  }

  @Test
  @DisplayName("RFC 8445 §5.1.1.2 server-reflexive gathering through a NAT, then a connection")
  void serverReflexiveGathering() {
    setUp(17, IceConfig.of(true), IceConfig.of(false));
    TransportAddress outside = TestNet.udp("203.0.113.7", 40000);
    TransportAddress stun = TestNet.udp("198.51.100.99", 3478);
    net.nat(a.address, outside);
    net.stunServer(stun);
    a.agent.addStunServer(stun, net.now);
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    List<Candidate> gathered = new ArrayList<>();
    a.events(IceEvent.CandidateGathered.class).forEach(e -> gathered.add(e.candidate()));
    assertThat(gathered).hasSize(2);
    Candidate srflx = gathered.get(1);
    assertThat(srflx.type()).isEqualTo(CandidateType.SERVER_REFLEXIVE);
    assertThat(srflx.address()).isEqualTo(outside);
    assertThat(srflx.relatedAddress()).isEqualTo(a.address);
    assertThat(srflx.priority()).isEqualTo(Candidate.priority(CandidateType.SERVER_REFLEXIVE, 65535, 1));
    // GatheringComplete waits for the STUN answer.
    // webrtc-pc RTCIceCandidate.url: the STUN server the server-reflexive candidate came from.
    int srflxIndex = a.events.indexOf(new IceEvent.CandidateGathered(srflx, null, "stun:198.51.100.99:3478"));
    assertThat(srflxIndex).isNotNegative();
    assertThat(a.events.indexOf(new IceEvent.GatheringComplete())).isGreaterThan(srflxIndex);
    // b reaches a through its server-reflexive candidate, so b sees no peer-reflexive a.
    assertThat(b.agent.selectedPair().remote().address()).isEqualTo(outside);
    assertDataFlows();
  }

  @Test
  @DisplayName("an unreachable STUN server gives a 701 gathering error, then gathering completes")
  void stunServerTimeout() {
    setUp(18, IceConfig.of(true), IceConfig.of(false));
    TransportAddress stun = TestNet.udp("198.51.100.99", 3478); // nobody there
    a.agent.addLocalCandidate(a.address, net.now);
    a.agent.addStunServer(stun, net.now);
    a.agent.endOfLocalCandidates(net.now);
    net.run(30 * S);
    assertThat(a.events(IceEvent.GatheringComplete.class)).isEmpty();
    net.run(10 * S);
    assertThat(a.events(IceEvent.GatheringError.class)).containsExactly(
        new IceEvent.GatheringError(a.address, stun, 701, "STUN binding request timed out.", "stun:198.51.100.99:3478"));
    assertThat(a.events(IceEvent.GatheringComplete.class)).hasSize(1);
  }

  @Test
  @DisplayName("RFC 8489 §6.2.1: a configured RTO (50 ms, Rc 2, Rm 2) gives the 701 after 150 ms, not 39.5 s")
  void stunServerTimeoutWithConfiguredRto() {
    StunRetransmission fast = new StunRetransmission(50 * MS, 2, 2);
    setUp(18, IceConfig.of(true).withStunRetransmission(fast), IceConfig.of(false));
    TransportAddress stun = TestNet.udp("198.51.100.99", 3478); // nobody there
    a.agent.addLocalCandidate(a.address, net.now);
    a.agent.addStunServer(stun, net.now);
    a.agent.endOfLocalCandidates(net.now);
    net.run(140 * MS);
    assertThat(a.events(IceEvent.GatheringError.class)).isEmpty();
    net.run(20 * MS);
    assertThat(a.events(IceEvent.GatheringError.class)).containsExactly(
        new IceEvent.GatheringError(a.address, stun, 701, "STUN binding request timed out.", "stun:198.51.100.99:3478"));
    assertThat(a.events(IceEvent.GatheringComplete.class)).hasSize(1);
  }

  @Test
  @DisplayName("RFC 8656 + RFC 8445: only the relayed candidate works; data flows through TURN")
  void relayedThroughTurn() {
    setUp(19, IceConfig.of(true), IceConfig.of(false));
    TransportAddress server = TestNet.udp("198.51.100.50", 3478);
    TransportAddress relayed = TestNet.udp("198.51.100.50", 49152);
    net.block(a.address, b.address); // no direct path
    net.turn(a, server, relayed);
    a.peer = b;
    b.peer = a;
    a.agent.addLocalCandidate(a.address, net.now);
    b.agent.addLocalCandidate(b.address, net.now);
    a.agent.setRemoteCredentials(b.agent.localCredentials().ufrag(), b.agent.localCredentials().pwd(), net.now);
    b.agent.setRemoteCredentials(a.agent.localCredentials().ufrag(), a.agent.localCredentials().pwd(), net.now);
    assertThat(net.runUntil(this::bothUsable, 20 * S)).isTrue();
    assertThat(a.agent.selectedPair().local().type()).isEqualTo(CandidateType.RELAYED);
    assertThat(a.agent.selectedPair().local().address()).isEqualTo(relayed);
    assertThat(b.agent.selectedPair().remote().address()).isEqualTo(relayed);
    assertDataFlows();
    net.run(60 * S); // consent through the relay; TURN permissions refreshed by the client
    assertThat(bothUsable()).isTrue();
    assertDataFlows();
  }

  @Test
  @DisplayName("RFC 8445 §6.1.2 / §8.1.1 several interfaces: the best pair that works is nominated")
  void multipleInterfaces() {
    setUp(20, IceConfig.of(true), IceConfig.of(false));
    TransportAddress a6 = TestNet.udp("2001:db8::10", 5000);
    TransportAddress b6 = TestNet.udp("2001:db8::20", 6000);
    TransportAddress bLan = TestNet.udp("10.1.1.20", 6001); // not reachable from a
    net.add("a6", a.agent, a6);
    net.add("b6", b.agent, b6);
    net.add("bLan", b.agent, bLan);
    net.block(a.address, b.address); // the IPv4 path is broken: the best pair will fail
    net.block(a.address, bLan);
    a.peer = b;
    b.peer = a;
    a.agent.addLocalCandidate(a.address, net.now);
    a.agent.addLocalCandidate(a6, net.now);
    b.agent.addLocalCandidate(b.address, net.now);
    b.agent.addLocalCandidate(bLan, net.now);
    b.agent.addLocalCandidate(b6, net.now);
    a.agent.setRemoteCredentials(b.agent.localCredentials().ufrag(), b.agent.localCredentials().pwd(), net.now);
    b.agent.setRemoteCredentials(a.agent.localCredentials().ufrag(), a.agent.localCredentials().pwd(), net.now);
    a.agent.endOfLocalCandidates(net.now);
    b.agent.endOfLocalCandidates(net.now);
    // 2 x 2 IPv4 pairs and 1 IPv6 pair on each side.
    net.run(1);
    assertThat(a.agent.checkListSnapshot()).hasSize(3);
    long start = net.now;
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    assertThat(a.agent.selectedPair().local().address()).isEqualTo(a6);
    assertThat(a.agent.selectedPair().remote().address()).isEqualTo(b6);
    assertThat(b.agent.selectedPair().remote().address()).isEqualTo(a6);
    // The controlling agent waited for the higher-priority IPv4 pairs before nominating.
    assertThat(net.now - start).isGreaterThanOrEqualTo(IceAgent.NOMINATION_WAIT_NANOS);
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.COMPLETED, 10 * S)).isTrue();
    assertThat(a.agent.checkListSnapshot().values()).doesNotContain(CandidatePairState.WAITING,
        CandidatePairState.IN_PROGRESS, CandidatePairState.FROZEN);
  }

  @Test
  @DisplayName("RFC 8445 §9 restart after consent failure: failed -> checking -> connected")
  void restartAfterFailure() {
    setUp(21, IceConfig.of(true), IceConfig.of(false));
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    net.blackhole = true;
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.FAILED
        && b.agent.state() == IceTransportState.FAILED, 40 * S)).isTrue();
    net.blackhole = false;
    a.events.clear();
    IceCredentials newA = a.agent.restart(net.now);
    IceCredentials newB = b.agent.restart(net.now);
    assertThat(a.agent.selectedPair()).isNull();
    a.agent.setRemoteCredentials(newB.ufrag(), newB.pwd(), net.now);
    b.agent.setRemoteCredentials(newA.ufrag(), newA.pwd(), net.now);
    a.agent.addRemoteCandidate(b.agent.localCandidates().get(0), net.now);
    b.agent.addRemoteCandidate(a.agent.localCandidates().get(0), net.now);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    assertThat(a.states()).startsWith(IceTransportState.CHECKING, IceTransportState.CONNECTED);
    assertDataFlows();
  }

  @Test
  @DisplayName("an mDNS name that does not resolve adds no candidate")
  void mdnsFailure() {
    List<String> asked = new ArrayList<>();
    setUp(22, IceConfig.of(true).withMdnsResolver(asked::add), IceConfig.of(false));
    a.agent.addRemoteMdnsCandidate("1", 1, Protocol.UDP, 2130706431L, "x.local", 6000, CandidateType.HOST, net.now);
    a.agent.addRemoteMdnsCandidate("2", 1, Protocol.UDP, 2130706430L, "X.local", 6001, CandidateType.HOST, net.now);
    assertThat(asked).containsExactly("x.local"); // one query per name
    a.agent.handleMdnsResolved("x.local", null, net.now);
    a.agent.handleMdnsResolved("x.local", b.address.address(), net.now); // a late second answer is ignored
    a.agent.addLocalCandidate(a.address, net.now);
    assertThat(a.agent.checkListSnapshot()).isEmpty();
  }

  @Test
  @DisplayName("RFC 8838 §11: a candidate trickled after the nomination is still paired and checked")
  void trickleAfterNominationIsChecked() {
    setUp(23, IceConfig.of(true), IceConfig.of(false));
    net.pair(a, b, false, false);
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.COMPLETED
        && b.agent.state() == IceTransportState.COMPLETED, 10 * S)).isTrue();
    CandidatePair selected = a.agent.selectedPair();
    TransportAddress b2 = TestNet.udp("192.0.2.21", 6001);
    net.add("b2", b.agent, b2);
    b.agent.addLocalCandidate(b2, net.now); // trickled to A by the net
    assertThat(net.runUntil(() -> a.agent.checkListSnapshot().entrySet().stream().anyMatch(
        e -> e.getKey().remote().address().equals(b2) && e.getValue() == CandidatePairState.SUCCEEDED), 5 * S))
        .as("A checks the new pair: %s", a.agent.checkListSnapshot()).isTrue();
    assertThat(b.agent.checkListSnapshot().entrySet()).anySatisfy(e -> {
      assertThat(e.getKey().local().address()).isEqualTo(b2);
      assertThat(e.getValue()).isEqualTo(CandidatePairState.SUCCEEDED);
    });
    assertThat(a.agent.selectedPair()).as("no renomination (RFC 8445 §8.1.1)").isEqualTo(selected);
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.COMPLETED, 5 * S)).isTrue();
    assertDataFlows();
  }

  @Test
  @DisplayName("RFC 7675 consent lost on the selected pair: both sides fall back to a valid pair, never disconnected")
  void consentLossFallsBackToAValidPair() {
    setUp(24, IceConfig.of(true), IceConfig.of(false));
    TransportAddress a2 = TestNet.udp("192.0.2.11", 5001);
    net.add("a2", a.agent, a2);
    a.peer = b;
    b.peer = a;
    a.agent.addLocalCandidate(a.address, net.now);
    a.agent.addLocalCandidate(a2, net.now); // lower local preference: a backup
    b.agent.addLocalCandidate(b.address, net.now);
    a.agent.setRemoteCredentials(b.agent.localCredentials().ufrag(), b.agent.localCredentials().pwd(), net.now);
    b.agent.setRemoteCredentials(a.agent.localCredentials().ufrag(), a.agent.localCredentials().pwd(), net.now);
    a.agent.endOfLocalCandidates(net.now);
    b.agent.endOfLocalCandidates(net.now);
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.COMPLETED
        && b.agent.state() == IceTransportState.COMPLETED, 10 * S)).isTrue();
    assertThat(a.agent.selectedPair().local().address()).isEqualTo(a.address);
    net.run(20 * S);
    net.block(a.address, b.address); // the selected path dies; a2 <-> b still works
    assertThat(net.runUntil(() -> a.agent.selectedPair().local().address().equals(a2)
        && b.agent.selectedPair().remote().address().equals(a2), 20 * S))
        .as("A %s, B %s", a.agent.selectedPair(), b.agent.selectedPair()).isTrue();
    assertThat(a.states()).doesNotContain(IceTransportState.DISCONNECTED, IceTransportState.FAILED);
    assertThat(b.states()).doesNotContain(IceTransportState.DISCONNECTED, IceTransportState.FAILED);
    assertThat(a.events(IceEvent.SelectedPairChanged.class)).hasSize(2);
    assertDataFlows();
    net.run(60 * S); // consent keeps the backup fresh
    assertThat(usable(a.agent.state()) && usable(b.agent.state())).isTrue();
    assertDataFlows();
  }

  @Test
  @DisplayName("RFC 7675 without a backup pair consent loss still disconnects and fails")
  void consentLossWithoutBackupStillFails() {
    setUp(25, IceConfig.of(true), IceConfig.of(false));
    net.pair(a, b, false, false);
    assertThat(net.runUntil(this::bothUsable, 10 * S)).isTrue();
    net.block(a.address, b.address);
    assertThat(net.runUntil(() -> a.agent.state() == IceTransportState.FAILED, 40 * S)).isTrue();
    assertThat(a.states()).containsSubsequence(IceTransportState.DISCONNECTED, IceTransportState.FAILED);
  }

  @Test
  @DisplayName("RFC 8445 §8.1.1: a nomination lost twice fails the only valid pair; the peer's checks revive it")
  void lostNominationFailsThenRecovers() {
    setUp(26, IceConfig.of(true), IceConfig.of(false));
    net.pair(a, b, false, false);
    // The moment A has a valid pair its nominating check is on the wire; everything after is lost.
    assertThat(net.runUntil(() -> a.agent.checkListSnapshot().containsValue(CandidatePairState.SUCCEEDED), 5 * S))
        .isTrue();
    net.blackhole = true;
    long cut = net.now;
    assertThat(net.runUntil(() -> {
      if (a.agent.state() == IceTransportState.FAILED) {
        return true;
      }
      assertThat(a.agent.pollTimeoutNanos()).as("A never waits without a timer").isNotEqualTo(Long.MAX_VALUE);
      return false;
    }, 20 * S)).as("A %s", a.states()).isTrue();
    // Two nominating checks of 5.75 s each.
    assertThat(net.now - cut).isBetween(11 * S, 12 * S);
    assertThat(a.agent.selectedPair()).isNull();
    net.blackhole = false;
    assertThat(net.runUntil(this::bothUsable, 40 * S)).as("A %s, B %s", a.states(), b.states()).isTrue();
    assertDataFlows();
  }
}
