package dev.jrtc.testkit;

import static dev.jrtc.testkit.Addr.udp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4787 NAT behaviour, table-tested: which external source each mapping type shows (§4.1) and
 * which inbound packets each filtering type lets through after which outbound ones (§5).
 */
class NatBehaviourTest {
  private static final byte[] PING = {1};

  /** One internal host behind a NAT, three outside endpoints: X1, X1 on another port, X2. */
  private static final class Topology {
    final SimNet net = SimNet.builder().seed(7).build();
    final SimRouter wan = net.router("wan", "1.2.3.0/24");
    final SimRouter lan;
    final SimSocket inside;
    final SimSocket x1;
    final SimSocket x1OtherPort;
    final SimSocket x2;

    Topology(Nat nat) {
      lan = wan.child("lan", "192.168.0.0/24", nat, "1.2.3.1");
      inside = lan.host("192.168.0.2").bind(5000);
      SimHost h1 = wan.host("1.2.3.10");
      x1 = h1.bind(7000);
      x1OtherPort = h1.bind(7001);
      x2 = wan.host("1.2.3.11").bind(7000);
    }

    TransportAddress seenBy(SimSocket outside) {
      inside.send(outside.localAddress(), PING);
      net.advance(Duration.ofMillis(1));
      SimDatagram d = outside.receive();
      assertThat(d).as("datagram at %s", outside.localAddress()).isNotNull();
      return d.from();
    }
  }

  static Stream<Arguments> mappingRows() {
    // mapping, same external address for (X1 vs X1:other port), (X1 vs X2)
    return Stream.of(
        Arguments.of(Nat.Mapping.ENDPOINT_INDEPENDENT, true, true),
        Arguments.of(Nat.Mapping.ADDRESS_DEPENDENT, true, false),
        Arguments.of(Nat.Mapping.ADDRESS_AND_PORT_DEPENDENT, false, false));
  }

  @ParameterizedTest(name = "RFC 4787 §4.1 {0}: reused for other port={1}, other address={2}")
  @MethodSource("mappingRows")
  void mappingBehaviour(Nat.Mapping mapping, boolean samePort, boolean sameAddress) {
    Topology t = new Topology(Nat.of(mapping, Nat.Filtering.ENDPOINT_INDEPENDENT));
    TransportAddress toX1 = t.seenBy(t.x1);
    TransportAddress toX1b = t.seenBy(t.x1OtherPort);
    TransportAddress toX2 = t.seenBy(t.x2);
    assertThat(toX1.address()).isEqualTo(Cidr.ip("1.2.3.1"));
    assertThat(toX1).isEqualTo(t.seenBy(t.x1)); // a mapping is reused for the same destination
    assertThat(toX1b.equals(toX1)).isEqualTo(samePort);
    assertThat(toX2.equals(toX1)).isEqualTo(sameAddress);
    assertThat(t.lan.natMappings()).hasSize(1 + (samePort ? 0 : 1) + (sameAddress ? 0 : 1));
  }

  static Stream<Arguments> filteringRows() {
    // filtering, inbound after an outbound packet to X1 only: from X1, X1:other port, X2
    return Stream.of(
        Arguments.of(Nat.Filtering.ENDPOINT_INDEPENDENT, true, true, true),
        Arguments.of(Nat.Filtering.ADDRESS_DEPENDENT, true, true, false),
        Arguments.of(Nat.Filtering.ADDRESS_AND_PORT_DEPENDENT, true, false, false));
  }

  @ParameterizedTest(name = "RFC 4787 §5 {0}: from X1={1}, X1 other port={2}, X2={3}")
  @MethodSource("filteringRows")
  void filteringBehaviour(Nat.Filtering filtering, boolean fromX1, boolean fromX1b, boolean fromX2) {
    Topology t = new Topology(Nat.of(Nat.Mapping.ENDPOINT_INDEPENDENT, filtering));
    List<TransportAddress> got = new ArrayList<>();
    t.inside.onReceive((from, to, data) -> got.add(from));
    TransportAddress mapped = t.seenBy(t.x1);
    t.x1.send(mapped, PING);
    t.x1OtherPort.send(mapped, PING);
    t.x2.send(mapped, PING);
    t.net.advance(Duration.ofMillis(1));
    List<TransportAddress> expected = new ArrayList<>();
    if (fromX1) {
      expected.add(t.x1.localAddress());
    }
    if (fromX1b) {
      expected.add(t.x1OtherPort.localAddress());
    }
    if (fromX2) {
      expected.add(t.x2.localAddress());
    }
    assertThat(got).containsExactlyElementsOf(expected);
    assertThat(t.net.count(SimPacket.Fate.FILTERED)).isEqualTo(3 - expected.size());
  }

  @ParameterizedTest(name = "RFC 4787 §5 {0}: nothing enters before an outbound packet")
  @MethodSource("filteringRows")
  void noInboundWithoutAMapping(Nat.Filtering filtering) {
    Topology t = new Topology(Nat.of(Nat.Mapping.ENDPOINT_INDEPENDENT, filtering));
    t.x1.send(udp("1.2.3.1", 5000), PING);
    t.net.advance(Duration.ofMillis(1));
    assertThat(t.inside.receive()).isNull();
    assertThat(t.net.count(SimPacket.Fate.FILTERED)).isEqualTo(1);
  }

  @Test
  void portPreservationKeepsTheInternalPortAndRandomAssignmentDoesNot() {
    Topology preserving = new Topology(Nat.symmetric().withPortAssignment(Nat.PortAssignment.PRESERVING));
    assertThat(preserving.seenBy(preserving.x1).port()).isEqualTo(5000);
    // The port is taken by the first mapping: a symmetric NAT must pick another for X2.
    assertThat(preserving.seenBy(preserving.x2).port()).isNotEqualTo(5000);
    Topology random = new Topology(Nat.fullCone().withPortAssignment(Nat.PortAssignment.RANDOM));
    int port = random.seenBy(random.x1).port();
    assertThat(port).isNotEqualTo(5000).isBetween(1024, 65535);
  }

  @Test
  void bindingsExpireWithoutOutboundTrafficAndOutboundTrafficRefreshesThem() {
    Topology t = new Topology(Nat.portRestrictedCone().withBindingLifetime(Duration.ofSeconds(30)));
    TransportAddress mapped = t.seenBy(t.x1);
    for (int i = 0; i < 5; i++) { // refreshed every 20 s: alive after 100 s
      t.net.advance(Duration.ofSeconds(20));
      assertThat(t.seenBy(t.x1)).isEqualTo(mapped);
    }
    t.x1.send(mapped, PING);
    t.net.advance(Duration.ofMillis(1));
    assertThat(t.inside.receive()).isNotNull();
    t.net.advance(Duration.ofSeconds(30));
    assertThat(t.lan.natMappings()).isEmpty();
    t.x1.send(mapped, PING);
    t.net.advance(Duration.ofMillis(1));
    assertThat(t.inside.receive()).as("inbound after expiry").isNull();
  }

  @Test
  void inboundRefreshKeepsABindingAliveOnlyWhenEnabled() {
    for (boolean inboundRefresh : new boolean[] {false, true}) {
      Topology t = new Topology(Nat.fullCone().withBindingLifetime(Duration.ofSeconds(30))
          .withInboundRefresh(inboundRefresh));
      TransportAddress mapped = t.seenBy(t.x1);
      int received = 0;
      for (int i = 0; i < 4; i++) {
        t.net.advance(Duration.ofSeconds(20));
        t.x1.send(mapped, PING);
        t.net.advance(Duration.ofMillis(1));
        if (t.inside.receive() != null) {
          received++;
        }
      }
      assertThat(received).as("inboundRefresh=%s", inboundRefresh).isEqualTo(inboundRefresh ? 4 : 1);
    }
  }

  @Test
  void hairpinningReachesAnotherMappingOfTheSameNatOnlyWhenEnabled() {
    for (boolean hairpin : new boolean[] {true, false}) {
      SimNet net = SimNet.builder().seed(1).build();
      SimRouter wan = net.router("wan", "1.2.3.0/24");
      SimRouter lan = wan.child("lan", "10.0.0.0/8", Nat.fullCone().withHairpinning(hairpin));
      SimSocket a = lan.host("10.0.0.2").bind(4000);
      SimSocket b = lan.host("10.0.0.3").bind(4001);
      SimSocket server = wan.host("1.2.3.9").bind(3478);
      a.send(server.localAddress(), PING);
      b.send(server.localAddress(), PING);
      net.advance(Duration.ofMillis(1));
      TransportAddress aExternal = server.receive().from();
      TransportAddress bExternal = server.receive().from();
      b.send(aExternal, PING);
      net.advance(Duration.ofMillis(1));
      SimDatagram d = a.receive();
      if (hairpin) {
        assertThat(d).isNotNull();
        assertThat(d.from()).as("RFC 4787 REQ-9: the hairpinned source is external").isEqualTo(bExternal);
      } else {
        assertThat(d).isNull();
        assertThat(net.count(SimPacket.Fate.FILTERED)).isEqualTo(1);
      }
    }
  }

  @Test
  void natsNestBehindNats() {
    SimNet net = SimNet.builder().build();
    SimRouter wan = net.router("wan", "1.2.3.0/24");
    SimRouter isp = wan.child("cgnat", "100.64.0.0/10", Nat.symmetric());
    SimRouter home = isp.child("home", "192.168.1.0/24", Nat.fullCone());
    SimSocket inner = home.host("192.168.1.20").bind(5000);
    SimSocket server = wan.host("1.2.3.9").bind(3478);
    inner.send(server.localAddress(), PING);
    net.advance(Duration.ofMillis(1));
    SimDatagram d = server.receive();
    assertThat(d.from().address()).isEqualTo(isp.externalAddress());
    server.send(d.from(), new byte[] {2});
    net.advance(Duration.ofMillis(1));
    SimDatagram back = inner.receive();
    assertThat(back).isNotNull();
    assertThat(back.from()).isEqualTo(server.localAddress());
    assertThat(home.externalAddress()).isEqualTo(Cidr.ip("100.64.0.1"));
  }
}
