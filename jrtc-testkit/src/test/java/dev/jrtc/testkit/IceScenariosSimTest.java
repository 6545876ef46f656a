package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.IceConfig;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * jrtc-ice's IceAgent on the simulated network: classic NAT pairs without TURN, an impaired path,
 * ICE restart, consent freshness (RFC 7675) and role conflicts (RFC 8445 §7.3.1.1).
 */
class IceScenariosSimTest {

  private static Nat nat(String name) {
    switch (name) {
      case "full-cone":
        return Nat.fullCone();
      case "restricted-cone":
        return Nat.restrictedCone();
      case "port-restricted-cone":
        return Nat.portRestrictedCone();
      case "symmetric":
        return Nat.symmetric();
      default:
        throw new IllegalArgumentException(name);
    }
  }

  /** The textbook hole-punching results with STUN only (RFC 5128 §3.3, RFC 4787 §4-5). */
  @ParameterizedTest(name = "{0} vs {1} without TURN: connects={2}")
  @CsvSource({
      "full-cone, full-cone, true",
      "full-cone, symmetric, true",
      "restricted-cone, symmetric, true",
      "port-restricted-cone, port-restricted-cone, true",
      "port-restricted-cone, restricted-cone, true",
      "port-restricted-cone, symmetric, false",
      "symmetric, port-restricted-cone, false",
      "symmetric, symmetric, false"})
  void classicNatPairsWithStunOnly(String natA, String natB, boolean connects) {
    IceWorld w = new IceWorld(5, nat(natA), nat(natB)).gather(false);
    boolean settled = w.net.runUntil(() -> (w.a.connected() && w.b.connected())
        || (w.a.state() == IceTransportState.FAILED && w.b.state() == IceTransportState.FAILED), Duration.ofSeconds(60));
    assertThat(settled).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.a.connected()).isEqualTo(connects);
    if (connects) {
      assertThat(w.exchangeData()).isTrue();
    }
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 20);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void connectsOverALossyJitteryReorderingPath(long seed) {
    IceWorld w = new IceWorld(seed, Nat.portRestrictedCone(), Nat.restrictedCone());
    for (SimRouter lan : new SimRouter[] {w.lanA, w.lanB}) {
      w.net.link(lan, w.wan).latency(Duration.ofMillis(60)).jitter(Duration.ofMillis(40))
          .loss(Loss.gilbertElliott(0.1, 0.5)).reorder(0.1, Duration.ofMillis(50)).duplicate(0.05);
    }
    w.gather(true);
    assertThat(w.connect(Duration.ofSeconds(30))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    for (SimRouter lan : new SimRouter[] {w.lanA, w.lanB}) {
      w.net.link(lan, w.wan).loss(Loss.none()).duplicate(0);
    }
    assertThat(w.exchangeData()).isTrue();
  }

  @Test
  void theSameSeedGivesTheSameIceExchange() {
    List<List<String>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      IceWorld w = new IceWorld(77, Nat.portRestrictedCone(), Nat.symmetric());
      w.net.link(w.lanA, w.wan).jitter(Duration.ofMillis(30)).loss(Loss.random(0.05));
      List<String> trace = new ArrayList<>();
      w.net.addTap(p -> trace.add(p.toString()));
      w.gather(true);
      assertThat(w.connect(Duration.ofSeconds(30))).isTrue();
      trace.add("selected " + w.a.selected() + " / " + w.b.selected());
      runs.add(trace);
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
  }

  @Test
  void restartWhileConnectedKeepsDataFlowingAndSelectsANewPair() {
    IceWorld w = new IceWorld(8, Nat.portRestrictedCone(), Nat.fullCone()).gather(false);
    assertThat(w.connect(Duration.ofSeconds(10))).isTrue();
    assertThat(w.exchangeData()).isTrue();
    int selectedBefore = w.a.events(IceEvent.SelectedPairChanged.class).size();
    int statesBefore = w.a.stateLog.size();
    IceCredentials oldCredentials = w.a.agent.localCredentials();
    w.a.restart(); // the offerer restarts; the answer carries new credentials too (RFC 8445 §9)
    w.b.restart();
    assertThat(w.a.agent.localCredentials()).isNotEqualTo(oldCredentials);
    // The old pair carries data until the new generation selects one.
    assertThat(w.a.send(new byte[] {(byte) 0x80, 9})).isTrue();
    assertThat(w.net.runUntil(() -> w.a.events(IceEvent.SelectedPairChanged.class).size() > selectedBefore
        && w.b.connected(), Duration.ofSeconds(10))).isTrue();
    assertThat(w.b.received).anySatisfy(d -> assertThat(d).containsExactly(0x80, 9));
    assertThat(w.a.events(IceEvent.SelectedPairChanged.class)).hasSize(selectedBefore + 1);
    assertThat(w.a.stateLog.subList(statesBefore, w.a.stateLog.size()))
        .noneMatch(s -> s.endsWith("checking") || s.endsWith("disconnected") || s.endsWith("failed"));
    assertThat(w.exchangeData()).isTrue();
  }

  @Test
  void consentLossDisconnectsThenFails() {
    IceWorld w = new IceWorld(9, Nat.portRestrictedCone(), Nat.restrictedCone()).gather(false);
    assertThat(w.connect(Duration.ofSeconds(10))).isTrue();
    w.net.advance(Duration.ofSeconds(20)); // consent checks keep the pair fresh
    assertThat(w.a.connected()).isTrue();
    long cut = w.net.clock().elapsed().toMillis();
    w.net.link(w.lanA, w.wan).down(true);
    assertThat(w.net.runUntil(() -> w.a.state() == IceTransportState.FAILED && w.b.state() == IceTransportState.FAILED,
        Duration.ofSeconds(40))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    for (IcePeer p : new IcePeer[] {w.a, w.b}) {
      long disconnected = p.firstTimeOf(IceTransportState.DISCONNECTED) - cut;
      long failed = p.firstTimeOf(IceTransportState.FAILED) - cut;
      // RFC 7675 §5.1: checks every 4-6 s; disconnected when one goes unanswered for 5 s, failed
      // 30 s after the last consent (which came at most one interval before the cut).
      assertThat(disconnected).as("%s disconnected after the cut, %s", p.name, p.stateLog).isBetween(5_000L, 11_000L);
      assertThat(failed).as("%s failed after the cut, %s", p.name, p.stateLog).isBetween(24_000L, 30_000L);
    }
    assertThat(w.a.send(new byte[] {(byte) 0x80})).as("no sending without consent").isFalse();
  }

  @Test
  void consentReturningBeforeTheTimeoutReconnects() {
    IceWorld w = new IceWorld(10, Nat.fullCone(), Nat.fullCone()).gather(false);
    assertThat(w.connect(Duration.ofSeconds(10))).isTrue();
    w.net.link(w.lanA, w.wan).down(true);
    assertThat(w.net.runUntil(() -> w.a.state() == IceTransportState.DISCONNECTED, Duration.ofSeconds(15))).isTrue();
    w.net.link(w.lanA, w.wan).down(false);
    assertThat(w.net.runUntil(() -> w.a.connected() && w.b.connected(), Duration.ofSeconds(10)))
        .as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.exchangeData()).isTrue();
  }

  @ParameterizedTest(name = "both controlling={0}")
  @CsvSource({"true", "false"})
  void roleConflictLeavesExactlyOneControllingAgent(boolean bothControlling) {
    IceWorld w = new IceWorld(12, Nat.fullCone(), Nat.portRestrictedCone(), IceConfig.of(bothControlling),
        IceConfig.of(bothControlling)).gather(false);
    assertThat(w.connect(Duration.ofSeconds(10))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.a.agent.isControlling()).isNotEqualTo(w.b.agent.isControlling());
    // RFC 8445 §7.3.1.1: the agent with the larger tie-breaker is (or becomes) controlling.
    boolean aWins = Long.compareUnsigned(w.a.agent.tieBreaker(), w.b.agent.tieBreaker()) > 0;
    assertThat(w.a.agent.isControlling()).isEqualTo(aWins);
    int switches = w.a.events(IceEvent.RoleChanged.class).size() + w.b.events(IceEvent.RoleChanged.class).size();
    assertThat(switches).isEqualTo(1);
    assertThat(w.exchangeData()).isTrue();
  }

  @Test
  void relayOnlyPolicyConnectsThroughTwoAllocations() {
    IceWorld w = new IceWorld(13, Nat.symmetric(), Nat.portRestrictedCone());
    w.a.gather(null, w.turn.address(), "user", "pass", true);
    w.b.gather(null, w.turn.address(), "user", "pass", true);
    assertThat(w.connect(Duration.ofSeconds(10))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.a.selected().local().type()).isEqualTo(dev.jrtc.ice.CandidateType.RELAYED);
    assertThat(w.a.selected().remote().type()).isEqualTo(dev.jrtc.ice.CandidateType.RELAYED);
    assertThat(w.exchangeData()).isTrue();
    assertThat(w.net.count(SimPacket.Fate.NO_ROUTE)).as("nothing but relay traffic").isZero();
  }

  @Test
  void slowTrickleStillConnects() {
    IceWorld w = new IceWorld(14, Nat.restrictedCone(), Nat.portRestrictedCone());
    w.a.signalDelay = Duration.ofSeconds(2);
    w.b.signalDelay = Duration.ofMillis(700);
    w.gather(true);
    assertThat(w.connect(Duration.ofSeconds(30))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.exchangeData()).isTrue();
  }

  @Test
  void consentKeepsShortLivedNatBindingsOpen() {
    Nat shortLived = Nat.restrictedCone().withBindingLifetime(Duration.ofSeconds(20));
    IceWorld w = new IceWorld(15, shortLived, Nat.symmetric().withBindingLifetime(Duration.ofSeconds(20)))
        .gather(false);
    assertThat(w.connect(Duration.ofSeconds(10))).isTrue();
    w.net.advance(Duration.ofMinutes(5));
    assertThat(w.a.connected()).as("A %s", w.a.stateLog).isTrue();
    assertThat(w.b.connected()).as("B %s", w.b.stateLog).isTrue();
    assertThat(w.exchangeData()).isTrue();
  }

  @Test
  void restartAfterFailureRecovers() {
    IceWorld w = new IceWorld(16, Nat.fullCone(), Nat.portRestrictedCone()).gather(false);
    assertThat(w.connect(Duration.ofSeconds(10))).isTrue();
    w.net.link(w.lanB, w.wan).down(true);
    assertThat(w.net.runUntil(() -> w.a.state() == IceTransportState.FAILED && w.b.state() == IceTransportState.FAILED,
        Duration.ofSeconds(40))).isTrue();
    w.net.link(w.lanB, w.wan).down(false);
    w.a.restart();
    w.b.restart();
    assertThat(w.connect(Duration.ofSeconds(10))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.exchangeData()).isTrue();
  }

  @Test
  void fullAgentBehindSymmetricNatConnectsToALiteAgent() {
    IceWorld w = new IceWorld(17, Nat.symmetric(), null, IceConfig.of(false), IceConfig.of(false).withLite(true));
    // The lite peer says so in its SDP (a=ice-lite): the full agent takes the controlling role.
    IceCredentials lite = w.b.agent.localCredentials();
    w.net.scheduler().schedule(Duration.ofMillis(1), () -> {
      w.a.agent.setRemoteCredentials(lite.ufrag(), lite.pwd(), true, w.net.scheduler().nowNanos());
      w.a.pump();
    });
    w.a.gather(w.stun.address(), null, null, null);
    w.b.gather(null, null, null, null);
    assertThat(w.connect(Duration.ofSeconds(10))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.a.agent.isControlling()).isTrue();
    assertThat(w.b.agent.isControlling()).isFalse();
    assertThat(w.exchangeData()).isTrue();
  }

  @Test
  void connectsOverIpv6() {
    SimNet net = SimNet.builder().seed(18).build();
    SimRouter core = net.router("core", "2001:db8::/64");
    SimRouter site = core.routedChild("site", "2001:db8:1::/64");
    net.link(site, core).latency(Duration.ofMillis(15));
    IcePeer a = new IcePeer(net, "a", core.host("2001:db8::a"), IceConfig.of(true));
    IcePeer b = new IcePeer(net, "b", site.host("2001:db8:1::b"), IceConfig.of(false));
    IcePeer.pair(a, b);
    a.gather(null, null, null, null);
    b.gather(null, null, null, null);
    assertThat(net.runUntil(() -> a.connected() && b.connected(), Duration.ofSeconds(10))).isTrue();
    assertThat(a.selected().remote().address()).isEqualTo(b.socket.localAddress());
    assertThat(a.send(new byte[] {(byte) 0x80, 6})).isTrue();
    net.advance(Duration.ofMillis(100));
    assertThat(b.received).hasSize(1);
  }

  @Test
  void wrongTurnPasswordIsAGatheringErrorWithTheServerUrl() {
    IceWorld w = new IceWorld(19, Nat.portRestrictedCone(), Nat.fullCone());
    w.a.gather(w.stun.address(), w.turn.address(), "user", "wrong");
    w.b.gather(w.stun.address(), null, null, null);
    assertThat(w.connect(Duration.ofSeconds(10))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    // W3C icecandidateerror: TURN 401 with the URL the server was configured with.
    assertThat(w.a.events(IceEvent.GatheringError.class)).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo(401);
      assertThat(e.url()).isEqualTo("turn:1.2.3.5:3478?transport=udp");
      assertThat(e.server()).isEqualTo(w.turn.address());
    });
    assertThat(w.a.events(IceEvent.GatheringComplete.class)).hasSize(1);
    assertThat(w.a.agent.localCandidates()).noneMatch(c -> c.type() == dev.jrtc.ice.CandidateType.RELAYED);
    assertThat(w.turn.allocationCount()).isZero();
  }
}
