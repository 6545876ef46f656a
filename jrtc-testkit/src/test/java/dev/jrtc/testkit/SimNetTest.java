package dev.jrtc.testkit;

import static dev.jrtc.testkit.Addr.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topology, routing, sockets and determinism of {@link SimNet}. */
class SimNetTest {

  @Test
  void deliversToTheBoundSocketAndDropsOtherwise() {
    SimNet net = SimNet.builder().build();
    SimRouter wan = net.router("wan", "1.2.3.0/24");
    SimSocket a = wan.host("1.2.3.4").bind(0);
    SimSocket b = wan.host("1.2.3.5").bind(9000);
    assertThat(a.localAddress()).isEqualTo(udp("1.2.3.4", SimHost.FIRST_EPHEMERAL_PORT));
    a.send(b.localAddress(), new byte[] {1, 2});
    a.send(udp("1.2.3.5", 9001), new byte[] {3});
    a.send(udp("8.8.8.8", 53), new byte[] {4});
    net.advance(Duration.ofMillis(1));
    SimDatagram d = b.receive();
    assertThat(d).isEqualTo(new SimDatagram(a.localAddress(), b.localAddress(), new byte[] {1, 2}));
    assertThat(b.receive()).isNull();
    assertThat(net.count(SimPacket.Fate.NO_LISTENER)).isEqualTo(1);
    assertThat(net.count(SimPacket.Fate.NO_ROUTE)).isEqualTo(1);
    b.close();
    a.send(b.localAddress(), new byte[] {5});
    net.advance(Duration.ofMillis(1));
    assertThat(net.count(SimPacket.Fate.NO_LISTENER)).isEqualTo(2);
    assertThat(wan.host("1.2.3.6").bind(9000).localAddress().port()).isEqualTo(9000);
  }

  @Test
  void routedChildSubnetsAndIpv6() {
    SimNet net = SimNet.builder().build();
    SimRouter core = net.router("core", "fd00::/48");
    SimRouter site = core.routedChild("site", "fd00:0:0:1::/64");
    SimSocket a = core.host("fd00::2").bind(5000);
    SimSocket b = site.host("fd00:0:0:1::7").bind(5000);
    b.send(a.localAddress(), new byte[] {9});
    net.advance(Duration.ofMillis(1));
    assertThat(a.receive().from()).isEqualTo(b.localAddress());
  }

  @Test
  void nestedRoutedSubnetsAreReachableFromTheRoot() {
    SimNet net = SimNet.builder().build();
    SimRouter core = net.router("core", "1.0.0.0/24");
    SimRouter region = core.routedChild("region", "2.0.0.0/24");
    SimRouter site = region.routedChild("site", "3.0.0.0/24");
    SimRouter home = site.child("home", "192.168.1.0/24", Nat.fullCone());
    SimSocket server = core.host("1.0.0.9").bind(80);
    SimSocket deep = home.host("192.168.1.5").bind(5000);
    deep.send(server.localAddress(), new byte[] {1});
    net.advance(Duration.ofMillis(1));
    SimDatagram d = server.receive();
    assertThat(d.from()).isEqualTo(udp("3.0.0.1", 5000));
    server.send(d.from(), new byte[] {2});
    net.advance(Duration.ofMillis(1));
    assertThat(deep.receive().from()).isEqualTo(server.localAddress());
  }

  @Test
  void loopbackToTheSameHostNeedsNoLink() {
    SimNet net = SimNet.builder().build();
    SimHost h = net.router("wan", "1.2.3.0/24").host("1.2.3.4");
    SimSocket a = h.bind(1);
    SimSocket b = h.bind(2);
    net.link(h, h.router()).down(true);
    a.send(b.localAddress(), new byte[] {1});
    net.scheduler().runPending();
    assertThat(b.receive()).isNotNull();
  }

  @Test
  void receiverGetsQueuedDatagramsFirst() {
    SimNet net = SimNet.builder().build();
    SimRouter wan = net.router("wan", "1.2.3.0/24");
    SimSocket a = wan.host("1.2.3.4").bind(1);
    SimSocket b = wan.host("1.2.3.5").bind(2);
    a.send(b.localAddress(), new byte[] {1});
    net.advance(Duration.ofMillis(1));
    List<Integer> got = new ArrayList<>();
    b.onReceive((from, to, data) -> got.add((int) data[0]));
    a.send(b.localAddress(), new byte[] {2});
    net.advance(Duration.ofMillis(1));
    assertThat(got).containsExactly(1, 2);
  }

  @Test
  void rejectsBadTopology() {
    SimNet net = SimNet.builder().build();
    SimRouter wan = net.router("wan", "1.2.3.0/24");
    SimHost h = wan.host("1.2.3.4");
    assertThatThrownBy(() -> wan.host("1.2.3.4")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> wan.host("1.2.4.4")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> wan.host("example.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> net.router("wan", "5.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.bind(0x10000)).isInstanceOf(IllegalArgumentException.class);
    h.bind(7);
    assertThatThrownBy(() -> h.bind(7)).isInstanceOf(IllegalStateException.class);
    SimRouter other = net.router("other", "5.0.0.0/8");
    assertThatThrownBy(() -> net.link(h, other)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> wan.child("v6", "fd00::/64", Nat.fullCone())).isInstanceOf(IllegalArgumentException.class);
  }

  /** A busy scenario: NAT, jitter, loss, duplication, reordering; its trace as text. */
  private static List<String> trace(long seed) {
    SimNet net = SimNet.builder().seed(seed).build();
    SimRouter wan = net.router("wan", "1.2.3.0/24");
    SimRouter lan = wan.child("lan", "192.168.0.0/24", Nat.symmetric().withPortAssignment(Nat.PortAssignment.RANDOM));
    SimSocket a = lan.host("192.168.0.2").bind(5000);
    SimSocket b = wan.host("1.2.3.5").bind(6000);
    net.link(lan, wan).latency(Duration.ofMillis(20)).jitter(Duration.ofMillis(10)).loss(Loss.gilbertElliott(0.05, 0.3))
        .duplicate(0.05).reorder(0.05, Duration.ofMillis(15));
    b.onReceive((from, to, data) -> b.send(from, data));
    List<String> out = new ArrayList<>();
    net.addTap(p -> out.add(p.toString()));
    for (int i = 0; i < 200; i++) {
      byte[] d = {(byte) i};
      net.scheduler().schedule(Duration.ofMillis(5L * i), () -> a.send(b.localAddress(), d));
    }
    net.advance(Duration.ofSeconds(5));
    return out;
  }

  @Test
  void theSameSeedGivesTheSamePacketTrace() {
    List<String> first = trace(1234);
    assertThat(first.size()).isGreaterThan(800);
    assertThat(trace(1234)).isEqualTo(first);
    assertThat(trace(1235)).isNotEqualTo(first);
  }

  @Test
  void entropyStreamsAreDerivedFromTheSeedAndName() {
    SimNet n1 = SimNet.builder().seed(5).build();
    SimNet n2 = SimNet.builder().seed(5).build();
    assertThat(n1.entropy("a").nextLong()).isEqualTo(n2.entropy("a").nextLong());
    assertThat(n1.entropy("a").nextLong()).isNotEqualTo(n1.entropy("b").nextLong());
    assertThat(n1.entropy("a").nextLong()).isNotEqualTo(SimNet.builder().seed(6).build().entropy("a").nextLong());
  }
}
