package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.stun.Lifetime;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.turn.TurnTransport;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TURN over TCP and TLS to a real server (RFC 8656 §3.1, RFC 6062 framing §12.5 of RFC 8656):
 * Debian's coturn on 127.0.0.1 with a TLS listener and a self-signed certificate for IP
 * 127.0.0.1 and DNS localhost, which the client trusts through
 * {@link NetworkSettings#turnTlsContext()}. Allocation, relay-only connections, relay protocol
 * and priority, wrong password, certificate problems (webrtc-pc {@code icecandidateerror} 701),
 * the server dropping the connection, and the deallocation on close.
 */
class CoturnStreamRelayTest {
  private static IoThreads io;
  private static Coturn coturn;
  private static SSLContext trust;

  @BeforeAll
  static void start() throws Exception {
    io = IoThreads.create("coturn-stream-test", 1);
    coturn = Coturn.start(true);
    trust = coturn.trustingContext();
  }

  @AfterAll
  static void stop() {
    if (coturn != null) {
      coturn.close();
    }
    if (io != null) {
      io.close();
    }
  }

  private static TurnServer server(TurnTransport transport, String password) {
    int port = transport == TurnTransport.TLS ? coturn.tlsPort : coturn.port;
    return TurnServer.at(Coturn.loopback(port), transport, Coturn.USER, password);
  }

  private static TestPeer peer(String name, boolean controlling, List<TurnServer> servers,
      Consumer<NetworkSettings.Builder> network) {
    NetworkSettings.Builder n = NetworkSettings.loopbackOnly().toBuilder().turnTlsContext(trust);
    network.accept(n);
    return new TestPeer(name, controlling, b -> b.io(io).relayOnly(true).turnServers(servers).network(n.build()));
  }

  private static TestPeer peer(String name, boolean controlling, TurnServer server) {
    return peer(name, controlling, List.of(server), n -> { });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TurnTransport.class, names = {"TCP", "TLS"})
  @DisplayName("RFC 8656 §3.1: Allocate over TCP and TLS gives a relayed candidate with relayProtocol and url")
  void allocates(TurnTransport transport) throws Exception {
    TurnServer server = server(transport, Coturn.PASSWORD);
    try (TestPeer a = peer("a", true, server)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.CandidateGathered g = a.await(IceEvent.CandidateGathered.class);
      Candidate relayed = g.candidate();
      assertThat(relayed.type()).isEqualTo(CandidateType.RELAYED);
      assertThat(relayed.address().address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
      assertThat(g.relayProtocol()).isEqualTo(transport == TurnTransport.TCP ? "tcp" : "tls");
      assertThat(g.url()).isEqualTo(transport == TurnTransport.TCP
          ? "turn:127.0.0.1:" + coturn.port + "?transport=tcp" : "turns:127.0.0.1:" + coturn.tlsPort);
      assertThat(relayed.relatedAddress()).isNotNull();
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.seen).noneMatch(e -> e instanceof IceEvent.GatheringError);
    }
  }

  @Test
  @DisplayName("RFC 8445 §5.1.2.1 / webrtc-pc: relayed local preference ranks UDP > TCP > TLS to the server")
  void relayProtocolsRankUdpTcpTls() throws Exception {
    List<TurnServer> servers = List.of(server(TurnTransport.TLS, Coturn.PASSWORD),
        server(TurnTransport.TCP, Coturn.PASSWORD), TurnServer.at(Coturn.loopback(coturn.port), TurnTransport.UDP,
            Coturn.USER, Coturn.PASSWORD));
    try (TestPeer a = peer("a", true, servers, n -> { })) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      List<IceEvent.CandidateGathered> gathered = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        gathered.add(a.await(IceEvent.CandidateGathered.class));
      }
      a.await(IceEvent.GatheringComplete.class);
      gathered.sort((x, y) -> Long.compare(y.candidate().priority(), x.candidate().priority()));
      assertThat(gathered).extracting(IceEvent.CandidateGathered::relayProtocol).containsExactly("udp", "tcp", "tls");
      assertThat(gathered).allMatch(g -> g.candidate().type() == CandidateType.RELAYED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TurnTransport.class, names = {"TCP", "TLS"})
  @DisplayName("RFC 8445 + RFC 8656: two relay-only agents connect through coturn over a stream and exchange data")
  void relayOnlyConnection(TurnTransport transport) throws Exception {
    try (TestPeer a = peer("a", true, server(transport, Coturn.PASSWORD));
        TestPeer b = peer("b", false, server(transport, Coturn.PASSWORD))) {
      Coturn.connectThroughRelay(a, b);
      // Odd sizes: ChannelData is padded to 4 bytes on the stream (RFC 8656 §12.5) once bound.
      for (int i = 0; i < 50; i++) {
        byte[] m = new byte[2 + i]; // not starting with 0..3, which is STUN (RFC 7983 §7)
        Arrays.fill(m, (byte) 0x80);
        m[m.length - 1] = (byte) i;
        a.driver.send(m);
      }
      // The relay's UDP leg does not promise order: every message arrives once, whole.
      List<Integer> lengths = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        byte[] m = b.awaitData();
        assertThat(m[m.length - 1]).isEqualTo((byte) (m.length - 2));
        lengths.add(m.length);
      }
      assertThat(lengths).containsExactlyInAnyOrderElementsOf(
          java.util.stream.IntStream.rangeClosed(2, 51).boxed().toList());
    }
  }

  @Test
  @DisplayName("webrtc-pc icecandidateerror: a wrong password over TLS is a 401 with the turns: URL")
  void wrongPasswordOverTls() throws Exception {
    try (TestPeer a = peer("a", true, server(TurnTransport.TLS, "wrong"))) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.GatheringError error = a.await(IceEvent.GatheringError.class);
      assertThat(error.errorCode()).isEqualTo(401);
      assertThat(error.url()).isEqualTo("turns:127.0.0.1:" + coturn.tlsPort);
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.driver.localCandidates()).isEmpty();
    }
  }

  @Test
  @DisplayName("RFC 8656 §4 / RFC 6125: a certificate not for the URL's host fails the TLS handshake: 701, no candidate")
  void certificateForAnotherHost() throws Exception {
    // turn.example.org resolves (here) to the server, whose certificate names 127.0.0.1 and localhost only.
    TurnServer server = new TurnServer("turns:turn.example.org:" + coturn.tlsPort, "turn.example.org",
        coturn.tlsPort, TurnTransport.TLS, Coturn.USER, Coturn.PASSWORD);
    try (TestPeer a = peer("a", true, List.of(server), n -> n.resolver(
        host -> CompletableFuture.completedFuture(List.of(InetAddress.getLoopbackAddress()))))) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.GatheringError error = a.await(IceEvent.GatheringError.class);
      assertThat(error.errorCode()).isEqualTo(701);
      assertThat(error.errorText()).startsWith("TLS handshake with the TURN server failed");
      assertThat(error.url()).isEqualTo("turns:turn.example.org:" + coturn.tlsPort);
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.seen).noneMatch(e -> e instanceof IceEvent.CandidateGathered);
      assertThat(a.driver.localCandidates()).isEmpty();
    }
  }

  @Test
  @DisplayName("RFC 8656 §4: the name in the URL is checked, so 'localhost' (in the certificate) is accepted")
  void certificateForTheUrlsHostName() throws Exception {
    TurnServer server = new TurnServer("turns:localhost:" + coturn.tlsPort, "localhost", coturn.tlsPort,
        TurnTransport.TLS, Coturn.USER, Coturn.PASSWORD);
    try (TestPeer a = peer("a", true, List.of(server), n -> n.resolver(
        host -> CompletableFuture.completedFuture(List.of(InetAddress.getLoopbackAddress()))))) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.CandidateGathered g = a.await(IceEvent.CandidateGathered.class);
      assertThat(g.relayProtocol()).isEqualTo("tls");
      assertThat(g.url()).isEqualTo("turns:localhost:" + coturn.tlsPort);
    }
  }

  @Test
  @DisplayName("turn:localhost:PORT?transport=tcp through the default resolver: looked up, then allocated")
  void turnServerByNameOverTcp() throws Exception {
    String url = "turn:localhost:" + coturn.port + "?transport=tcp";
    TurnServer server = new TurnServer(url, "localhost", coturn.port, TurnTransport.TCP, Coturn.USER, Coturn.PASSWORD);
    try (TestPeer a = peer("a", true, server)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.CandidateGathered g = a.await(IceEvent.CandidateGathered.class);
      assertThat(g.relayProtocol()).isEqualTo("tcp");
      assertThat(g.url()).isEqualTo(url);
      a.await(IceEvent.GatheringComplete.class);
    }
  }

  @Test
  @DisplayName("turns: with the JDK's default trust store: the self-signed certificate is refused (701)")
  void untrustedCertificate() throws Exception {
    try (TestPeer a = peer("a", true, List.of(server(TurnTransport.TLS, Coturn.PASSWORD)),
        n -> n.turnTlsContext(null))) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.GatheringError error = a.await(IceEvent.GatheringError.class);
      assertThat(error.errorCode()).isEqualTo(701);
      assertThat(error.errorText()).startsWith("TLS handshake with the TURN server failed");
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.driver.localCandidates()).isEmpty();
    }
  }

  @Test
  @DisplayName("TCP to a port nobody listens on: 701 at once, gathering completes")
  void connectionRefused() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    TurnServer server = TurnServer.at(Coturn.loopback(closed), TurnTransport.TCP, Coturn.USER, Coturn.PASSWORD);
    try (TestPeer a = peer("a", true, server)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.GatheringError error = a.await(IceEvent.GatheringError.class);
      assertThat(error.errorCode()).isEqualTo(701);
      assertThat(error.errorText()).startsWith("cannot connect to the TURN server");
      a.await(IceEvent.GatheringComplete.class);
    }
  }

  @Test
  @DisplayName("RFC 8656 §3.1: the server dropping the TCP connection loses the relayed candidate; nothing breaks")
  void serverDropsTheConnection() throws Exception {
    try (TcpProxy proxy = new TcpProxy(Coturn.loopback(coturn.port))) {
      TurnServer server = TurnServer.at(proxy.address(), TurnTransport.TCP, Coturn.USER, Coturn.PASSWORD);
      try (TestPeer a = peer("a", true, server)) {
        a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        a.await(IceEvent.CandidateGathered.class);
        a.await(IceEvent.GatheringComplete.class);
        proxy.dropConnections();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestPeer.WAIT_SECONDS);
        while (a.driver.relaysLostCount() == 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(a.driver.relaysLostCount()).isEqualTo(1);
        // The driver keeps working: more input and a clean close.
        a.driver.setRemoteCredentials("abcd", "0123456789abcdef0123456789", false)
            .get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(proxy.accepted()).isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("RFC 8656 §3.1: when the only path's TURN connection drops, its pairs fail and ICE turns failed at once")
  void connectionLossFailsTheRelayOnlyPath() throws Exception {
    try (TcpProxy proxy = new TcpProxy(Coturn.loopback(coturn.port))) {
      TurnServer viaProxy = TurnServer.at(proxy.address(), TurnTransport.TCP, Coturn.USER, Coturn.PASSWORD);
      try (TestPeer a = peer("a", true, viaProxy);
          TestPeer b = peer("b", false, server(TurnTransport.TCP, Coturn.PASSWORD))) {
        TestPeer.pair(a, b);
        a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        b.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        a.awaitConnected();
        b.awaitConnected();
        proxy.dropConnections();
        a.await(IceEvent.StateChanged.class, s -> s.state() == dev.jrtc.ice.IceTransportState.FAILED);
        long drops = a.driver.sendDropCount();
        a.driver.send(new byte[] {(byte) 0x80});
        a.driver.setRemoteCredentials(b.driver.localCredentials().ufrag(), b.driver.localCredentials().pwd(), false)
            .get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS); // a later task: the send has run
        assertThat(a.driver.sendDropCount()).isEqualTo(drops + 1);
        assertThat(a.driver.relaysLostCount()).isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("RFC 8656 §7.3: close sends a Refresh with LIFETIME 0 on the connection before closing it")
  void closeDeallocates() throws Exception {
    try (TcpProxy proxy = new TcpProxy(Coturn.loopback(coturn.port))) {
      TurnServer server = TurnServer.at(proxy.address(), TurnTransport.TCP, Coturn.USER, Coturn.PASSWORD);
      TestPeer a = peer("a", true, server);
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      a.await(IceEvent.CandidateGathered.class);
      a.close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestPeer.WAIT_SECONDS);
      List<StunMessage> sent = List.of();
      while (System.nanoTime() < deadline) {
        sent = stunMessages(proxy.clientBytes());
        if (!sent.isEmpty() && sent.get(sent.size() - 1).method().equals(StunMethod.REFRESH)) {
          break;
        }
        Thread.onSpinWait();
      }
      StunMessage last = sent.get(sent.size() - 1);
      assertThat(last.method()).isEqualTo(StunMethod.REFRESH);
      assertThat(last.attribute(Lifetime.class).orElseThrow().seconds()).isZero();
    }
  }

  /** The STUN messages of a client's TCP stream (ChannelData skipped, padded to 4, RFC 8656 §12.5). */
  private static List<StunMessage> stunMessages(byte[] b) throws Exception {
    List<StunMessage> out = new ArrayList<>();
    int pos = 0;
    while (b.length - pos >= 4) {
      int len = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      boolean channelData = (b[pos] & 0xc0) == 0x40;
      int frame = channelData ? (4 + len + 3) / 4 * 4 : 20 + len;
      if (b.length - pos < frame) {
        break;
      }
      if (!channelData) {
        out.add(StunMessage.parse(Arrays.copyOfRange(b, pos, pos + frame)));
      }
      pos += frame;
    }
    return out;
  }
}
