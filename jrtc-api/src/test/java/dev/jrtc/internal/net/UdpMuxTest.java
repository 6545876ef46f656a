package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.TransportAddress;
import dev.jrtc.stun.Software;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.Username;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link UdpMux}: one UDP port on 127.0.0.1 shared by several ICE connections. */
class UdpMuxTest {
  private static IoThreads io;

  @BeforeAll
  static void start() {
    io = IoThreads.create("mux-test", 1);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    io.close();
    assertThat(io.awaitTermination(5000)).isTrue();
  }

  @Test
  @DisplayName("two connections on one port: each is routed by its ufrag and exchanges its own data")
  void twoConnectionsShareOnePort() throws Exception {
    try (UdpMux mux = UdpMux.bind(io, List.of(InetAddress.getLoopbackAddress()), 0, Clock.system());
        TestPeer a1 = new TestPeer("a1", false, b -> b.io(io).mux(mux));
        TestPeer a2 = new TestPeer("a2", false, b -> b.io(io).mux(mux));
        TestPeer b1 = new TestPeer("b1", true, b -> b.io(io));
        TestPeer b2 = new TestPeer("b2", true, b -> b.io(io))) {
      TestPeer.pair(a1, b1);
      TestPeer.pair(a2, b2);
      for (TestPeer p : List.of(a1, a2, b1, b2)) {
        p.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      }
      TransportAddress c1 = a1.await(IceEvent.CandidateGathered.class).candidate().address();
      TransportAddress c2 = a2.await(IceEvent.CandidateGathered.class).candidate().address();
      assertThat(c1).isEqualTo(c2).isEqualTo(mux.localAddresses().get(0));
      assertThat(mux.connectionCount()).isEqualTo(2);
      for (TestPeer p : List.of(a1, a2, b1, b2)) {
        p.awaitConnected();
      }
      assertThat(b1.driver.selectedPair().remote().address()).isEqualTo(c1);
      assertThat(b2.driver.selectedPair().remote().address()).isEqualTo(c1);

      b1.driver.send(new byte[] {(byte) 0x80, 1});
      b2.driver.send(new byte[] {(byte) 0x80, 2});
      assertThat(a1.awaitData()).containsExactly(0x80, 1);
      assertThat(a2.awaitData()).containsExactly(0x80, 2);
      a1.driver.send(new byte[] {(byte) 0x80, 11});
      a2.driver.send(new byte[] {(byte) 0x80, 12});
      assertThat(b1.awaitData()).containsExactly(0x80, 11);
      assertThat(b2.awaitData()).containsExactly(0x80, 12);
      assertThat(a1.events).noneMatch(e -> e instanceof IceEvent.ApplicationData);
      assertThat(a2.events).noneMatch(e -> e instanceof IceEvent.ApplicationData);
    }
  }

  @Test
  @DisplayName("unknown non-STUN datagrams and binding requests for an unknown ufrag are dropped and counted")
  void unknownTrafficIsDropped() throws Exception {
    try (UdpMux mux = UdpMux.bind(io, List.of(InetAddress.getLoopbackAddress()), 0, Clock.system());
        DatagramChannel stranger = DatagramChannel.open()) {
      UdpMux.Connection c = mux.register("abcd", (l, r, d, t) -> {
        throw new AssertionError("nothing is for this connection");
      });
      stranger.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      InetSocketAddress port = mux.localAddresses().get(0).toSocketAddress();
      stranger.send(ByteBuffer.wrap(new byte[] {0x17, (byte) 0xfe, (byte) 0xfd}), port);
      awaitValue(mux::droppedCount, 1);
      byte[] request = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST,
          TransactionId.random(Entropy.seeded(1))).add(new Username("zzzz:abcd")).addFingerprint().build().encode();
      stranger.send(ByteBuffer.wrap(request), port);
      awaitValue(mux::droppedCount, 2);
      c.close();
      assertThat(mux.connectionCount()).isZero();
    }
  }

  @Test
  @DisplayName("RFC 8445 §7.2.2: the local ufrag is the USERNAME part before the colon")
  void localUfrag() {
    Entropy e = Entropy.seeded(7);
    byte[] withSoftware = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(e))
        .add(new Software("x")).add(new Username("LoCaL:remote")).addFingerprint().build().encode();
    assertThat(UdpMux.localUfrag(withSoftware)).isEqualTo("LoCaL");
    byte[] noColon = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(e))
        .add(new Username("nocolon")).build().encode();
    assertThat(UdpMux.localUfrag(noColon)).isNull();
    byte[] none = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(e)).build().encode();
    assertThat(UdpMux.localUfrag(none)).isNull();
    // An attribute length running past the message is no USERNAME, and no exception.
    byte[] bad = withSoftware.clone();
    bad[22] = 0x7f;
    assertThat(UdpMux.localUfrag(bad)).isNull();
  }

  @Test
  @DisplayName("a second connection cannot take a ufrag already registered")
  void duplicateUfrag() throws Exception {
    try (UdpMux mux = UdpMux.bind(io, List.of(InetAddress.getLoopbackAddress()), 0, Clock.system())) {
      mux.register("same", (l, r, d, t) -> { });
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> mux.register("same", (l, r, d, t) -> { }))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("same");
    }
  }

  /** Waits (bounded) until an I/O-thread counter reaches {@code expected}. */
  static void awaitValue(LongSupplier counter, long expected) {
    long deadline = Clock.system().monotonicNanos() + TimeUnit.SECONDS.toNanos(TestPeer.WAIT_SECONDS);
    while (counter.getAsLong() < expected) {
      if (Clock.system().monotonicNanos() - deadline > 0) {
        throw new AssertionError("counter stayed at " + counter.getAsLong() + ", expected " + expected);
      }
      LockSupport.parkNanos(1_000_000);
    }
    assertThat(counter.getAsLong()).isEqualTo(expected);
  }
}
