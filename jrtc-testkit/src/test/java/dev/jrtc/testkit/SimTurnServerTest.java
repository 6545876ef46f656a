package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import dev.jrtc.ice.TransportAddress;
import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.Lifetime;
import dev.jrtc.stun.Nonce;
import dev.jrtc.stun.Realm;
import dev.jrtc.stun.RequestedTransport;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.Username;
import dev.jrtc.turn.TurnConfig;
import dev.jrtc.turn.TurnEvent;
import dev.jrtc.turn.TurnState;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process TURN server (RFC 8656 over UDP) against jrtc-ice's TurnClient and raw requests. */
class SimTurnServerTest {
  private final SimNet net = SimNet.builder().seed(11).build();
  private final SimRouter wan = net.router("wan", "1.2.3.0/24");
  private final SimRouter lan = wan.child("lan", "192.168.0.0/24", Nat.symmetric(), "1.2.3.1");
  private final SimHost turnHost = wan.host("1.2.3.4");
  private final SimSocket clientSocket = lan.host("192.168.0.2").bind(5000);
  private final SimSocket peer = wan.host("1.2.3.9").bind(7000);
  private final List<SimPacket> atServer = new ArrayList<>();

  private SimTurnServer server(Duration defaultLifetime, Duration maxLifetime) {
    SimTurnServer s = SimTurnServer.builder(turnHost).realm("example.org").user("alice", "secret")
        .lifetimes(defaultLifetime, maxLifetime).start();
    net.addTap(p -> {
      if (p.fate() == SimPacket.Fate.DELIVERED && p.destination().equals(s.address())) {
        atServer.add(p);
      }
    });
    return s;
  }

  private SimTurnServer server() {
    return server(Duration.ofSeconds(600), Duration.ofSeconds(3600));
  }

  private TurnClientDriver allocate(SimTurnServer s, String password) {
    TurnClientDriver d = new TurnClientDriver(net, clientSocket, s.address(), TurnConfig.of("alice", password), "c");
    net.runUntil(() -> d.client.state() != TurnState.ALLOCATING, Duration.ofSeconds(60));
    return d;
  }

  private static InetSocketAddress sock(TransportAddress a) {
    return a.toSocketAddress();
  }

  @Test
  void allocateAnswersTheChallengeThenRelaysFromTheHostAddress() {
    SimTurnServer s = server();
    TurnClientDriver d = allocate(s, "secret");
    assertThat(d.client.state()).isEqualTo(TurnState.ALLOCATED);
    TurnEvent.Allocated allocated = d.events(TurnEvent.Allocated.class).get(0);
    assertThat(allocated.relayed().getAddress()).isEqualTo(turnHost.address());
    assertThat(allocated.mapped().getAddress()).isEqualTo(Cidr.ip("1.2.3.1"));
    assertThat(allocated.lifetimeSeconds()).isEqualTo(600);
    assertThat(s.allocationCount()).isEqualTo(1);
    assertThat(atServer).hasSize(2); // unauthenticated Allocate, then the one answering the 401
  }

  @Test
  void wrongPasswordFailsWith401() {
    SimTurnServer s = server();
    TurnClientDriver d = allocate(s, "wrong");
    assertThat(d.client.state()).isEqualTo(TurnState.FAILED);
    assertThat(d.events(TurnEvent.AllocationFailed.class).get(0).errorCode()).isEqualTo(401);
    assertThat(s.allocationCount()).isZero();
  }

  @Test
  void permissionsAreEnforcedAndDataFlowsBothWaysAsIndications() {
    SimTurnServer s = server();
    TurnClientDriver d = allocate(s, "secret");
    TransportAddress relayed = TransportAddress.udp(d.client.relayedAddress().getAddress(),
        d.client.relayedAddress().getPort());
    peer.send(relayed, "early".getBytes(StandardCharsets.UTF_8));
    net.advance(Duration.ofMillis(10));
    assertThat(d.events(TurnEvent.PeerData.class)).isEmpty();
    assertThat(s.dropped()).isEqualTo(1);

    d.client.send(sock(peer.localAddress()), "hi peer".getBytes(StandardCharsets.UTF_8), net.scheduler().nowNanos());
    d.pump(); // queued behind a CreatePermission
    net.advance(Duration.ofMillis(10));
    SimDatagram atPeer = peer.receive();
    assertThat(atPeer.from()).isEqualTo(relayed);
    assertThat(new String(atPeer.data(), StandardCharsets.UTF_8)).isEqualTo("hi peer");
    peer.send(relayed, "hi client".getBytes(StandardCharsets.UTF_8));
    net.advance(Duration.ofMillis(10));
    TurnEvent.PeerData data = d.events(TurnEvent.PeerData.class).get(0);
    assertThat(data.peer()).isEqualTo(sock(peer.localAddress()));
    assertThat(new String(data.data(), StandardCharsets.UTF_8)).isEqualTo("hi client");
  }

  @Test
  void channelBindSwitchesToChannelData() {
    SimTurnServer s = server();
    TurnClientDriver d = allocate(s, "secret");
    int channel = d.client.channelBind(sock(peer.localAddress()), net.scheduler().nowNanos());
    d.pump();
    net.advance(Duration.ofMillis(10));
    assertThat(d.events(TurnEvent.ChannelBound.class)).hasSize(1);
    atServer.clear();
    d.client.send(sock(peer.localAddress()), new byte[] {9, 8, 7}, net.scheduler().nowNanos());
    d.pump();
    TransportAddress relayed = s.relayedAddressOf(atServerSource(d));
    peer.send(relayed, new byte[] {1, 2, 3, 4});
    net.advance(Duration.ofMillis(10));
    assertThat(atServer).hasSize(1);
    assertThat(((atServer.get(0).data()[0] & 0xff) << 8) | (atServer.get(0).data()[1] & 0xff)).isEqualTo(channel);
    assertThat(peer.receive().data()).containsExactly(9, 8, 7);
    assertThat(d.events(TurnEvent.PeerData.class).get(0).data()).containsExactly(1, 2, 3, 4);
  }

  private TransportAddress atServerSource(TurnClientDriver d) {
    return TransportAddress.udp(d.client.mappedAddress().getAddress(), d.client.mappedAddress().getPort());
  }

  @Test
  void staleNonceIsAnsweredWith438AndTheClientRetries() {
    SimTurnServer s = server();
    TurnClientDriver d = allocate(s, "secret");
    s.expireNonces();
    List<Integer> errorCodes = new ArrayList<>();
    net.addTap(p -> {
      if (p.fate() == SimPacket.Fate.DELIVERED && p.destination().equals(clientSocket.localAddress())) {
        StunMessage m = StunReplies.parse(p.data());
        if (m != null && m.stunClass() == StunClass.ERROR_RESPONSE) {
          errorCodes.add(m.attribute(ErrorCode.class).get().code());
        }
      }
    });
    d.client.createPermission(peer.localAddress().address(), net.scheduler().nowNanos());
    d.pump();
    net.advance(Duration.ofMillis(10));
    assertThat(errorCodes).containsExactly(438);
    assertThat(d.events(TurnEvent.PermissionCreated.class)).hasSize(1);
  }

  @Test
  void refreshKeepsTheAllocationAndItExpiresWhenRefreshesStop() {
    SimTurnServer s = server(Duration.ofSeconds(60), Duration.ofSeconds(60));
    TurnClientDriver d = allocate(s, "secret");
    net.advance(Duration.ofMinutes(10));
    assertThat(s.allocationCount()).isEqualTo(1);
    assertThat(d.client.state()).isEqualTo(TurnState.ALLOCATED);
    net.link(lan, wan).down(true);
    net.advance(Duration.ofSeconds(61));
    assertThat(s.allocationCount()).isZero();
  }

  @Test
  void permissionsExpireAfterFiveMinutesWithoutRefresh() {
    SimTurnServer s = server();
    TurnClientDriver d = allocate(s, "secret");
    d.client.createPermission(peer.localAddress().address(), net.scheduler().nowNanos());
    d.pump();
    net.advance(Duration.ofMillis(10));
    TransportAddress relayed = TransportAddress.udp(d.client.relayedAddress().getAddress(),
        d.client.relayedAddress().getPort());
    peer.send(relayed, new byte[] {1});
    net.advance(Duration.ofMillis(10));
    assertThat(d.events(TurnEvent.PeerData.class)).hasSize(1);
    net.link(lan, wan).down(true); // the client's permission refresh at 240 s never arrives
    net.advance(Duration.ofSeconds(301));
    net.link(lan, wan).down(false);
    long droppedBefore = s.dropped();
    peer.send(relayed, new byte[] {2});
    net.advance(Duration.ofMillis(10));
    assertThat(s.dropped()).isEqualTo(droppedBefore + 1);
    assertThat(d.events(TurnEvent.PeerData.class)).hasSize(1);
  }

  @Test
  void closeDeallocates() {
    SimTurnServer s = server();
    TurnClientDriver d = allocate(s, "secret");
    TransportAddress relayed = s.relayedAddressOf(atServerSource(d));
    d.client.close(net.scheduler().nowNanos());
    d.pump();
    net.advance(Duration.ofMillis(10));
    assertThat(d.events(TurnEvent.Closed.class)).hasSize(1);
    assertThat(s.allocationCount()).isZero();
    peer.send(relayed, new byte[] {1});
    net.advance(Duration.ofMillis(10));
    assertThat(net.count(SimPacket.Fate.NO_LISTENER)).isEqualTo(1);
  }

  @Test
  void answersStunBindingRequestsToo() throws Exception {
    SimTurnServer s = server();
    StunMessage request = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST,
        TransactionId.random(Entropy.seeded(9))).build();
    clientSocket.send(s.address(), request.encode());
    net.advance(Duration.ofMillis(1));
    StunMessage r = StunMessage.parse(clientSocket.receive().data());
    assertThat(r.stunClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(r.attribute(dev.jrtc.stun.XorMappedAddress.class).get().address()).isEqualTo(Cidr.ip("1.2.3.1"));
  }

  /** Raw authenticated requests for the error paths the client never takes. */
  @Test
  void rejectsMalformedAllocationsWithTheRfcErrorCodes() throws Exception {
    SimTurnServer s = server();
    SimSocket raw = wan.host("1.2.3.50").bind(4000);
    Entropy e = Entropy.seeded(3);
    // 1. The challenge.
    raw.send(s.address(), StunMessage.builder(StunMethod.ALLOCATE, StunClass.REQUEST, TransactionId.random(e))
        .add(new RequestedTransport(17)).build().encode());
    net.advance(Duration.ofMillis(1));
    StunMessage challenge = StunMessage.parse(raw.receive().data());
    assertThat(challenge.attribute(ErrorCode.class).get().code()).isEqualTo(401);
    String nonce = challenge.attribute(Nonce.class).get().value();
    assertThat(challenge.attribute(Realm.class).get().value()).isEqualTo("example.org");
    byte[] key = StunCredentials.longTermKey("alice", "example.org", "secret");
    // 2. Missing REQUESTED-TRANSPORT -> 400; TCP -> 442; then a good one; a second one -> 437.
    int[] expected = {400, 442, 0, 437};
    byte[] goodRequest = null;
    byte[] goodResponse = null;
    RequestedTransport[] transports = {null, new RequestedTransport(6), new RequestedTransport(17),
        new RequestedTransport(17)};
    for (int i = 0; i < expected.length; i++) {
      StunMessage.Builder b = StunMessage.builder(StunMethod.ALLOCATE, StunClass.REQUEST, TransactionId.random(e));
      if (transports[i] != null) {
        b.add(transports[i]);
      }
      b.add(new Lifetime(30)).add(new Username("alice")).add(new Realm("example.org")).add(new Nonce(nonce))
          .addMessageIntegrity(key);
      byte[] request = b.build().encode();
      raw.send(s.address(), request);
      net.advance(Duration.ofMillis(1));
      byte[] response = raw.receive().data();
      StunMessage r = StunMessage.parse(response);
      assertThat(r.checkMessageIntegrity(key)).as("response %d is authenticated", i).isTrue();
      if (expected[i] == 0) {
        assertThat(r.stunClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.attribute(Lifetime.class).get().seconds()).as("raised to the default").isEqualTo(600);
        goodRequest = request;
        goodResponse = response;
      } else {
        assertThat(r.attribute(ErrorCode.class).get().code()).isEqualTo(expected[i]);
      }
    }
    // RFC 8656 §7.2: a retransmitted Allocate gets the same success again, not a 437.
    raw.send(s.address(), goodRequest);
    net.advance(Duration.ofMillis(1));
    assertThat(raw.receive().data()).isEqualTo(goodResponse);
    assertThat(s.allocationsCreated()).isEqualTo(1);
    // 3. Refresh from an address with no allocation -> 437.
    SimSocket other = wan.host("1.2.3.51").bind(4000);
    other.send(s.address(), StunMessage.builder(StunMethod.REFRESH, StunClass.REQUEST, TransactionId.random(e))
        .add(new Username("alice")).add(new Realm("example.org")).add(new Nonce(nonce))
        .addMessageIntegrity(key).build().encode());
    net.advance(Duration.ofMillis(1));
    assertThat(StunMessage.parse(other.receive().data()).attribute(ErrorCode.class).get().code()).isEqualTo(437);
  }
}
