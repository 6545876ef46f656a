package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 8656 against a real TURN server: Debian's coturn ({@link Coturn}, without TLS) on
 * 127.0.0.1 with a long-term user and loopback peers allowed. Allocation, a relay-only
 * connection between two agents (W3C {@code iceTransportPolicy: "relay"}), and a wrong password
 * reported as a 401 gathering error. The server is stopped after the class whatever happens
 * (and by a shutdown hook if the JVM exits early). Without coturn the tests FAIL: CI installs it.
 */
class CoturnRelayTest {
  private static IoThreads io;
  private static Coturn coturn;
  private static InetSocketAddress address;

  @BeforeAll
  static void startServer() throws Exception {
    io = IoThreads.create("coturn-test", 1);
    coturn = Coturn.start(false);
    address = Coturn.loopback(coturn.port);
  }

  @AfterAll
  static void stopServer() {
    if (coturn != null) {
      coturn.close();
    }
    if (io != null) {
      io.close();
    }
  }

  private static TestPeer relayPeer(String name, boolean controlling, String password) {
    return new TestPeer(name, controlling, b -> b.io(io).relayOnly(true)
        .turnServers(List.of(new TurnServer(address, Coturn.USER, password))));
  }

  @Test
  @DisplayName("RFC 8656 §7: Allocate with long-term credentials gives a relayed candidate; relay-only signals nothing else")
  void allocates() throws Exception {
    try (TestPeer a = relayPeer("a", true, Coturn.PASSWORD)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      Candidate relayed = a.await(IceEvent.CandidateGathered.class).candidate();
      assertThat(relayed.type()).isEqualTo(CandidateType.RELAYED);
      assertThat(relayed.address().address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
      assertThat(relayed.address().port()).isNotEqualTo(address.getPort());
      assertThat(relayed.relatedAddress()).isNotNull();
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.driver.localCandidates()).containsExactly(relayed);
      assertThat(a.seen).noneMatch(e -> e instanceof IceEvent.GatheringError);
    }
  }

  @Test
  @DisplayName("RFC 8445 + RFC 8656: two relay-only agents connect through coturn and exchange data")
  void relayOnlyConnection() throws Exception {
    try (TestPeer a = relayPeer("a", true, Coturn.PASSWORD); TestPeer b = relayPeer("b", false, Coturn.PASSWORD)) {
      Coturn.connectThroughRelay(a, b);
      assertThat(a.driver.selectedPair().remote().type()).isEqualTo(CandidateType.RELAYED);
      // After the channel is bound (RFC 8656 §12) data keeps flowing, now as ChannelData.
      for (int i = 0; i < 50; i++) {
        a.driver.send(new byte[] {(byte) 0x80, (byte) i});
      }
      for (int i = 0; i < 50; i++) {
        assertThat(b.awaitData()).containsExactly(0x80, i);
      }
    }
  }

  @Test
  @DisplayName("RFC 8445 §5.1.1.2: coturn as STUN server answers; on loopback the mapped address is the base, so no srflx")
  void stunServerOnLoopback() throws Exception {
    try (TestPeer a = new TestPeer("a", true, b -> b.io(io).stunServers(List.of(address)))) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      Candidate host = a.await(IceEvent.CandidateGathered.class).candidate();
      // GatheringComplete waits for the STUN answer: with a lost or refused query it would be an error first.
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.seen).noneMatch(e -> e instanceof IceEvent.GatheringError);
      assertThat(a.driver.localCandidates()).containsExactly(host);
    }
  }

  @Test
  @DisplayName("W3C icecandidateerror: a wrong TURN password is a 401 gathering error, and gathering still completes")
  void wrongPassword() throws Exception {
    try (TestPeer a = relayPeer("a", true, "wrong")) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.GatheringError error = a.await(IceEvent.GatheringError.class);
      assertThat(error.errorCode()).isEqualTo(401);
      assertThat(error.server().port()).isEqualTo(address.getPort());
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.driver.localCandidates()).isEmpty();
    }
  }
}
