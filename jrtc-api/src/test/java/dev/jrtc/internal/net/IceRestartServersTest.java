package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.turn.TurnTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link IceTransportDriver#restart(IceCredentials, List, List, boolean)} against Debian's coturn
 * on 127.0.0.1: new ICE servers and policy take effect at an ICE restart (RFC 8829 §4.1.18, RFC
 * 8445 §9). Policy all → relay: the new generation signals only the relayed candidate and
 * selects a pair on it. Back to all without the TURN server: the hosts come back and, once the
 * new generation selects, the allocation is released.
 */
class IceRestartServersTest {
  private static IoThreads io;
  private static Coturn coturn;
  private static List<TurnServer> turn;

  @BeforeAll
  static void start() throws Exception {
    io = IoThreads.create("restart-servers-test", 1);
    coturn = Coturn.start(false);
    turn = List.of(TurnServer.at(new InetSocketAddress(InetAddress.getLoopbackAddress(), coturn.port),
        TurnTransport.UDP, Coturn.USER, Coturn.PASSWORD));
  }

  @AfterAll
  static void stop() throws Exception {
    if (coturn != null) {
      coturn.close();
    }
    io.close();
    assertThat(io.awaitTermination(5000)).isTrue();
  }

  private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    return f.get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** On {@code p}'s executor, so that the loop-confined list is read safely. */
  private static int allocations(TestPeer p) throws Exception {
    return p.executor.submit(p.driver::allocationCount).get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Both sides restart (a with {@code relayOnly} and {@code turnServers}), exchange credentials,
   * wait for their new gathering to complete and give each other the new candidates; returns a's.
   */
  private static List<Candidate> restartBoth(TestPeer a, TestPeer b, List<TurnServer> turnServers, boolean relayOnly)
      throws Exception {
    a.trickle = false;
    b.trickle = false;
    a.events.clear();
    a.seen.clear();
    b.events.clear();
    b.seen.clear();
    IceCredentials ca = get(a.driver.restart(null, List.of(), turnServers, relayOnly));
    IceCredentials cb = get(b.driver.restart(null));
    get(a.driver.setRemoteCredentials(cb.ufrag(), cb.pwd(), false));
    get(b.driver.setRemoteCredentials(ca.ufrag(), ca.pwd(), false));
    a.await(IceEvent.GatheringComplete.class);
    b.await(IceEvent.GatheringComplete.class);
    List<Candidate> aCandidates = a.driver.localCandidates();
    for (Candidate c : aCandidates) {
      get(b.driver.addRemoteCandidate(c));
    }
    for (Candidate c : b.driver.localCandidates()) {
      get(a.driver.addRemoteCandidate(c));
    }
    get(a.driver.endOfRemoteCandidates());
    get(b.driver.endOfRemoteCandidates());
    return aCandidates;
  }

  private static String echo(TestPeer from, TestPeer to, String text) throws Exception {
    from.driver.send(text.getBytes(StandardCharsets.UTF_8));
    return new String(to.awaitData(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("RFC 8829 §4.1.18: policy all -> relay -> all at ICE restarts; the dropped server's allocation is released")
  void policyAndServersChangeAtRestarts() throws Exception {
    try (TestPeer a = new TestPeer("a", true, x -> x.io(io).turnServers(turn));
        TestPeer b = new TestPeer("b", false, x -> x.io(io))) {
      TestPeer.pair(a, b);
      get(a.driver.gather());
      get(b.driver.gather());
      a.awaitConnected();
      b.awaitConnected();
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.driver.localCandidates()).extracting(Candidate::type).contains(CandidateType.HOST,
          CandidateType.RELAYED);
      assertThat(allocations(a)).isEqualTo(1);

      // relay: only the relayed candidate is kept and signalled; the pair moves onto it
      List<Candidate> relayGeneration = restartBoth(a, b, turn, true);
      assertThat(relayGeneration).extracting(Candidate::type).containsExactly(CandidateType.RELAYED);
      a.await(IceEvent.SelectedPairChanged.class, s -> s.pair().local().type() == CandidateType.RELAYED);
      assertThat(a.driver.selectedPair().local().type()).isEqualTo(CandidateType.RELAYED);
      assertThat(echo(a, b, "through TURN")).isEqualTo("through TURN");
      assertThat(echo(b, a, "back through TURN")).isEqualTo("back through TURN");
      assertThat(allocations(a)).isEqualTo(1);

      // all, without the TURN server: the hosts come back, the allocation goes once the new pair is selected
      List<Candidate> allGeneration = restartBoth(a, b, List.of(), false);
      assertThat(allGeneration).isNotEmpty().extracting(Candidate::type).containsOnly(CandidateType.HOST);
      a.await(IceEvent.SelectedPairChanged.class, s -> s.pair().local().type() == CandidateType.HOST);
      assertThat(allocations(a)).isZero();
      assertThat(echo(a, b, "direct again")).isEqualTo("direct again");
    }
  }
}
