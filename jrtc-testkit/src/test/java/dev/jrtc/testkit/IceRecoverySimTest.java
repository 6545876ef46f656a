package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.IceTransportState;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.UseCandidate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failures of jrtc-ice's IceAgent first found on the simulated network (they were known failures
 * before the fix), and a property over seeds: under heavy loss two agents either connect or both
 * fail, and never wait without a timer ({@link IcePeer} checks that after every step).
 */
class IceRecoverySimTest {

  /**
   * Each check through an address-and-port-dependent mapping opens a new mapping, so both agents
   * learn a new peer-reflexive candidate per check and the check list reaches MAX_PAIRS (100),
   * full of failed pairs. CheckList.add then drops every new pair instead of discarding
   * lower-priority ones (RFC 8445 §6.1.2.5), including B's pair for A's nominating check; B still
   * answers that USE-CANDIDATE check with a success, so A selects the pair and completes while B
   * stays checking. Expected: both connected (through TURN) within 30 s. Actual (seed 1): A
   * connected at 3.2 s virtual and completed at 8.3 s; B still checking at 30 s.
   */
  @Test
  void symmetricMappingWithOpenFilteringOnBothSides() {
    Nat n = Nat.of(Nat.Mapping.ADDRESS_AND_PORT_DEPENDENT, Nat.Filtering.ENDPOINT_INDEPENDENT);
    IceWorld w = new IceWorld(1, n, n).gather(true);
    assertThat(w.connect(Duration.ofSeconds(30))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.exchangeData()).isTrue();
  }

  /**
   * The controlled agent B receives A's nominating check (USE-CANDIDATE) and selects the pair,
   * but the answer and A's retransmissions are lost (B's link is down for 7 s). A's nominating
   * transaction times out: A marks the valid pair FAILED and clears {@code nominating}, and since
   * no other pair is valid it never nominates again, never fails, and
   * {@code pollTimeoutNanos()} returns {@code Long.MAX_VALUE}: A stays "checking" forever while B
   * is "completed". B's later consent checks reach A but do not revive the pair (A's ordinary pair
   * is SUCCEEDED, so no triggered check). The same hang shows under heavy random loss (about 10
   * seeds in 100 with 30 % loss per link). Expected: A re-nominates (or re-checks) once the path
   * is back and both are connected within 30 s. Actual: A checking, no timer, at 30 s.
   */
  @Test
  void lostNominationResponseIsRecovered() {
    IceWorld w = new IceWorld(21, Nat.portRestrictedCone(), Nat.restrictedCone());
    SimLink bLink = w.net.link(w.b.socket.host(), w.lanB);
    boolean[] cut = {false};
    w.net.addTap(p -> {
      if (!cut[0] && p.fate() == SimPacket.Fate.DELIVERED && p.destination().equals(w.b.socket.localAddress())) {
        StunMessage m = StunReplies.parse(p.data());
        if (m != null && m.has(UseCandidate.class)) {
          cut[0] = true;
          bLink.down(true); // B's answer and A's retransmissions are lost
          w.net.scheduler().schedule(Duration.ofSeconds(7), () -> bLink.down(false));
        }
      }
    });
    w.gather(false);
    assertThat(w.net.runUntil(() -> cut[0], Duration.ofSeconds(10))).isTrue();
    assertThat(w.connect(Duration.ofSeconds(30))).as("A %s, B %s", w.a.stateLog, w.b.stateLog).isTrue();
    assertThat(w.exchangeData()).isTrue();
  }

  /** One lossy run: both connected, or both failed, within 60 virtual seconds. */
  private static String outcome(long seed) {
    IceWorld w = new IceWorld(seed, Nat.symmetric(), Nat.restrictedCone());
    for (SimRouter lan : new SimRouter[] {w.lanA, w.lanB}) {
      w.net.link(lan, w.wan).loss(Loss.random(0.3));
    }
    w.gather(false);
    boolean settled = w.net.runUntil(() -> (w.a.connected() && w.b.connected())
        || (w.a.state() == IceTransportState.FAILED && w.b.state() == IceTransportState.FAILED),
        Duration.ofSeconds(60));
    return settled ? (w.a.connected() ? "connected" : "failed")
        : "seed " + seed + " unsettled: A " + w.a.stateLog + ", B " + w.b.stateLog;
  }

  /**
   * 30 % random loss on each LAN uplink, symmetric NAT against a restricted cone (seed 86 once left
   * the controlling agent checking forever): over 100 seeds every run settles (both connected or
   * both failed) and none waits without a timer.
   */
  @Test
  void heavyLossEitherConnectsOrFailsOnBothSidesNeverHangs() {
    List<String> unsettled = new ArrayList<>();
    int connected = 0;
    for (long seed = 1; seed <= 100; seed++) {
      String o = outcome(seed);
      if (o.equals("connected")) {
        connected++;
      } else if (!o.equals("failed")) {
        unsettled.add(o);
      }
    }
    assertThat(unsettled).isEmpty();
    assertThat(connected).as("most seeds connect despite the loss").isGreaterThan(50);
  }

  @Test
  void seed86UnderLossSettles() {
    assertThat(outcome(86)).isIn("connected", "failed");
  }
}
