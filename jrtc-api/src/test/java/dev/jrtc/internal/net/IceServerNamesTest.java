package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.IceEvent;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.StunRetransmission;
import dev.jrtc.stun.XorMappedAddress;
import dev.jrtc.turn.TurnTransport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * STUN and TURN servers given by host name (webrtc-pc {@code RTCIceServer.urls}, RFC 7064 /
 * RFC 7065): looked up off the loop with {@link NetworkSettings#resolver()}, gathering stays open
 * until every lookup ended, a failed lookup is a 701 error with Chromium's text and no local
 * address, and the RFC 8489 §6.2.1 timing is configurable so that a silent STUN server gives its
 * 701 in milliseconds. A STUN server on 127.0.0.1 played by the test (answering or silent).
 */
class IceServerNamesTest {
  private IoThreads io;
  private DatagramSocket stun;
  private final List<InetSocketAddress> stunRequestsFrom = new CopyOnWriteArrayList<>();
  private volatile boolean answer = true;
  /** When set, the mapped address the server reports (as if there were a NAT). */
  private volatile InetSocketAddress mapped;
  private Thread stunThread;

  @BeforeEach
  void startStunServer() throws Exception {
    io = IoThreads.create("names-test", 1);
    stun = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    stunThread = new Thread(this::serveStun, "test-stun-server");
    stunThread.setDaemon(true);
    stunThread.start();
  }

  @AfterEach
  void stop() throws Exception {
    stun.close();
    stunThread.join(TimeUnit.SECONDS.toMillis(TestPeer.WAIT_SECONDS));
    io.close();
  }

  /** A minimal STUN server (RFC 8489 §7.3: Binding success with XOR-MAPPED-ADDRESS), or silent. */
  private void serveStun() {
    byte[] buf = new byte[1500];
    while (!stun.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        stun.receive(p);
        StunMessage m = StunMessage.parse(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        stunRequestsFrom.add((InetSocketAddress) p.getSocketAddress());
        if (answer && m.method().equals(StunMethod.BINDING) && m.stunClass() == StunClass.REQUEST) {
          byte[] r = StunMessage.builder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, m.transactionId())
              .add(mapped != null ? new XorMappedAddress(mapped.getAddress(), mapped.getPort())
                  : new XorMappedAddress(p.getAddress(), p.getPort())).addFingerprint().build().encode();
          stun.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
        }
      } catch (SocketException e) {
        return; // closed
      } catch (Exception e) {
        // not STUN: ignore
      }
    }
  }

  private TestPeer peer(List<InetSocketAddress> stunServers, List<TurnServer> turnServers,
      Function<String, CompletableFuture<List<InetAddress>>> resolver, StunRetransmission timing) {
    NetworkSettings.Builder n = NetworkSettings.loopbackOnly().toBuilder();
    if (resolver != null) {
      n.resolver(resolver);
    }
    if (timing != null) {
      n.stunRetransmission(timing);
    }
    return new TestPeer("a", true, b -> b.io(io).network(n.build()).stunServers(stunServers).turnServers(turnServers));
  }

  private static CompletableFuture<List<InetAddress>> resolvesTo(String... ips) {
    try {
      InetAddress[] a = new InetAddress[ips.length];
      for (int i = 0; i < ips.length; i++) {
        a[i] = InetAddress.getByName(ips[i]);
      }
      return CompletableFuture.completedFuture(List.of(a));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("stun:NAME is looked up; of A and AAAA answers the family we gather (IPv4 here) is queried")
  void stunServerByName() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    InetSocketAddress server = InetSocketAddress.createUnresolved("stun.example.org", stun.getLocalPort());
    try (TestPeer a = peer(List.of(server), List.of(), host -> {
      asked.add(host);
      return resolvesTo("::1", "127.0.0.1");
    }, null)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      a.await(IceEvent.GatheringComplete.class); // after the answer: on loopback mapped == base, no srflx
      assertThat(asked).containsExactly("stun.example.org");
      assertThat(stunRequestsFrom).isNotEmpty();
      InetAddress v4 = InetAddress.getByName("127.0.0.1");
      assertThat(stunRequestsFrom).allMatch(from -> from.getAddress().equals(v4));
      assertThat(a.seen).noneMatch(e -> e instanceof IceEvent.GatheringError);
    }
  }

  @Test
  @DisplayName("webrtc-pc RTCIceCandidate.url: a server-reflexive candidate names the STUN server as configured")
  void serverReflexiveCandidateNamesTheServer() throws Exception {
    mapped = new InetSocketAddress(InetAddress.getByName("127.0.0.99"), 40000); // a pretend NAT
    InetSocketAddress server = InetSocketAddress.createUnresolved("stun.example.org", stun.getLocalPort());
    try (TestPeer a = peer(List.of(server), List.of(), host -> resolvesTo("127.0.0.1"), null)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      a.await(IceEvent.CandidateGathered.class, g -> g.candidate().type() == dev.jrtc.ice.CandidateType.HOST);
      IceEvent.CandidateGathered srflx = a.await(IceEvent.CandidateGathered.class);
      assertThat(srflx.candidate().type()).isEqualTo(dev.jrtc.ice.CandidateType.SERVER_REFLEXIVE);
      assertThat(srflx.candidate().address().port()).isEqualTo(40000);
      assertThat(srflx.url()).isEqualTo("stun:stun.example.org:" + stun.getLocalPort());
      assertThat(srflx.relayProtocol()).isNull();
      a.await(IceEvent.GatheringComplete.class);
    }
  }

  @Test
  @DisplayName("webrtc-pc icecandidateerror: a STUN name that does not resolve is 701 'STUN host lookup received error.'")
  void stunLookupFails() throws Exception {
    InetSocketAddress server = InetSocketAddress.createUnresolved("nowhere.example.org", 3478);
    try (TestPeer a = peer(List.of(server), List.of(),
        host -> CompletableFuture.failedFuture(new UnknownHostException(host)), null)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.GatheringError error = a.await(IceEvent.GatheringError.class);
      assertThat(error.errorCode()).isEqualTo(701);
      assertThat(error.errorText()).isEqualTo("STUN host lookup received error.");
      assertThat(error.url()).isEqualTo("stun:nowhere.example.org:3478");
      assertThat(error.base()).isEqualTo(IceTransportDriver.NO_ADDRESS);
      a.await(IceEvent.GatheringComplete.class);
    }
  }

  @Test
  @DisplayName("webrtc-pc icecandidateerror: a TURN name that does not resolve is 701 'TURN host lookup received error.'")
  void turnLookupFails() throws Exception {
    TurnServer turn = new TurnServer("turn:nowhere.example.org?transport=tcp", "nowhere.example.org", 3478,
        TurnTransport.TCP, "u", "p");
    try (TestPeer a = peer(List.of(), List.of(turn), host -> {
      CompletableFuture<List<InetAddress>> f = new CompletableFuture<>();
      f.completeExceptionally(new UnknownHostException(host));
      return f;
    }, null)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.GatheringError error = a.await(IceEvent.GatheringError.class);
      assertThat(error.errorCode()).isEqualTo(701);
      assertThat(error.errorText()).isEqualTo("TURN host lookup received error.");
      assertThat(error.url()).isEqualTo("turn:nowhere.example.org?transport=tcp");
      assertThat(error.base()).isEqualTo(IceTransportDriver.NO_ADDRESS);
      a.await(IceEvent.GatheringComplete.class);
    }
  }

  @Test
  @DisplayName("a resolver that throws instead of failing its future is a failed lookup too")
  void resolverThrows() throws Exception {
    InetSocketAddress server = InetSocketAddress.createUnresolved("stun.example.org", 3478);
    try (TestPeer a = peer(List.of(server), List.of(), host -> {
      throw new IllegalStateException("resolver broken");
    }, null)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(a.await(IceEvent.GatheringError.class).errorText()).isEqualTo("STUN host lookup received error.");
      a.await(IceEvent.GatheringComplete.class);
    }
  }

  @Test
  @DisplayName("gathering stays open while a lookup runs and completes once it answered")
  void slowLookupHoldsGathering() throws Exception {
    CompletableFuture<List<InetAddress>> pending = new CompletableFuture<>();
    InetSocketAddress server = InetSocketAddress.createUnresolved("slow.example.org", stun.getLocalPort());
    try (TestPeer a = peer(List.of(server), List.of(), host -> pending, null)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      a.await(IceEvent.CandidateGathered.class); // the host candidate
      // A later task on the same serial executor: everything gathering did has been delivered.
      a.driver.setRemoteCredentials("abcd", "0123456789abcdef0123456789", false)
          .get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(a.events).noneMatch(e -> e instanceof IceEvent.GatheringComplete);
      assertThat(a.seen).noneMatch(e -> e instanceof IceEvent.GatheringComplete);
      assertThat(stunRequestsFrom).isEmpty();
      pending.complete(List.of(InetAddress.getByName("127.0.0.1")));
      a.await(IceEvent.GatheringComplete.class);
      assertThat(stunRequestsFrom).isNotEmpty();
    }
  }

  @Test
  @DisplayName("stun:localhost through the default resolver (InetAddress on the jrtc-dns threads)")
  void localhostThroughTheDefaultResolver() throws Exception {
    InetSocketAddress server = InetSocketAddress.createUnresolved("localhost", stun.getLocalPort());
    try (TestPeer a = peer(List.of(server), List.of(), null, null)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      a.await(IceEvent.GatheringComplete.class);
      assertThat(stunRequestsFrom).isNotEmpty();
      assertThat(a.seen).noneMatch(e -> e instanceof IceEvent.GatheringError);
    }
  }

  @Test
  @DisplayName("RFC 8489 §6.2.1 configurable RTO: a silent STUN server gives 'STUN binding request timed out.' (701) fast")
  void silentStunServerTimesOutWithASmallRto() throws Exception {
    answer = false;
    InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), stun.getLocalPort());
    // RTO 20 ms, Rc 3, Rm 2: sends at 0, 20, 60 ms, gives up at 100 ms (not 39.5 s).
    try (TestPeer a = peer(List.of(server), List.of(), null,
        new StunRetransmission(TimeUnit.MILLISECONDS.toNanos(20), 3, 2))) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.GatheringError error = a.await(IceEvent.GatheringError.class);
      assertThat(error.errorCode()).isEqualTo(701);
      assertThat(error.errorText()).isEqualTo("STUN binding request timed out.");
      assertThat(error.url()).isEqualTo("stun:127.0.0.1:" + stun.getLocalPort());
      assertThat(error.base().address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
      a.await(IceEvent.GatheringComplete.class);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestPeer.WAIT_SECONDS);
      while (stunRequestsFrom.size() < 3 && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // the test server thread may still be reading the last one
      }
      assertThat(stunRequestsFrom).hasSize(3); // Rc
    }
  }
}
