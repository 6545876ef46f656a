package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The loopback tier (TESTING.md): two {@link IceTransportDriver}s over real UDP on 127.0.0.1
 * only ({@link NetworkSettings#loopbackOnly()}), RFC 8445 host candidates, trickled.
 */
class IceTransportDriverLoopbackTest {
  private static IoThreads io;

  @BeforeAll
  static void start() {
    io = IoThreads.create("loopback-test", 1);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    io.close();
    assertThat(io.awaitTermination(5000)).isTrue();
  }

  @Test
  @DisplayName("RFC 8445: two agents connect over 127.0.0.1 and exchange data both ways")
  void connectAndExchange() throws Exception {
    try (TestPeer a = new TestPeer("a", true, b -> b.io(io));
        TestPeer b = new TestPeer("b", false, x -> x.io(io))) {
      TestPeer.pair(a, b);
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      b.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      Candidate ca = a.await(IceEvent.CandidateGathered.class).candidate();
      assertThat(ca.type()).isEqualTo(CandidateType.HOST);
      assertThat(ca.address().address().isLoopbackAddress()).isTrue();
      a.await(IceEvent.GatheringComplete.class);
      a.awaitConnected();
      b.awaitConnected();
      assertThat(a.driver.selectedPair().local().address()).isEqualTo(b.driver.selectedPair().remote().address());

      a.driver.send("hello from a".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(b.awaitData(), StandardCharsets.UTF_8)).isEqualTo("hello from a");
      b.driver.send("hello from b".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(a.awaitData(), StandardCharsets.UTF_8)).isEqualTo("hello from b");
      // Many datagrams in a row arrive in order on loopback and none is lost to a full buffer.
      for (int i = 0; i < 200; i++) {
        a.driver.send(new byte[] {(byte) 0x80, (byte) i, 1, 2, 3});
      }
      for (int i = 0; i < 200; i++) {
        assertThat(b.awaitData()[1]).isEqualTo((byte) i);
      }
      assertThat(a.driver.sendDropCount()).isZero();
    }
  }

  @Test
  @DisplayName("host candidates use a port from the configured range")
  void portRange() throws Exception {
    NetworkSettings ranged = NetworkSettings.loopbackOnly().toBuilder().portRange(47000, 47100).build();
    try (TestPeer a = new TestPeer("a", true, b -> b.io(io).network(ranged));
        TestPeer b = new TestPeer("b", false, x -> x.io(io).network(ranged))) {
      TestPeer.pair(a, b);
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      b.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      int pa = a.await(IceEvent.CandidateGathered.class).candidate().address().port();
      int pb = b.await(IceEvent.CandidateGathered.class).candidate().address().port();
      assertThat(pa).isBetween(47000, 47100);
      assertThat(pb).isBetween(47000, 47100).isNotEqualTo(pa);
      a.awaitConnected();
      b.awaitConnected();
    }
  }

  @Test
  @DisplayName("close: state closed, sends dropped, the port is released")
  void closeReleasesSockets() throws Exception {
    TestPeer a = new TestPeer("a", true, b -> b.io(io));
    a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    Candidate c = a.await(IceEvent.CandidateGathered.class).candidate();
    a.driver.closeAsync().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(a.driver.state()).isEqualTo(IceTransportState.CLOSED);
    // The port can be bound again at once: the socket is closed, not leaked.
    try (java.nio.channels.DatagramChannel ch = UdpSocketDriver.open(c.address().address(),
        c.address().port(), c.address().port())) {
      assertThat(ch.isOpen()).isTrue();
    }
    a.driver.send(new byte[] {1});
    assertThat(a.driver.gather()).failsWithin(5, TimeUnit.SECONDS);
    a.close();
  }
}
