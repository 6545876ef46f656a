package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Clock;
import dev.jrtc.ice.TransportAddress;
import java.net.BindException;
import java.net.InetAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link UdpSocketDriver} and the selector thread of {@link IoThreads}, on 127.0.0.1. */
class UdpSocketDriverTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static IoThreads io;

  @BeforeAll
  static void start() {
    io = IoThreads.create("udp-test", 2);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    io.close();
    assertThat(io.awaitTermination(5000)).isTrue();
  }

  private record Datagram(TransportAddress local, TransportAddress remote, byte[] data, long nowNanos) {}

  @Test
  @DisplayName("datagrams arrive with local and remote addresses and a timestamp, up to the largest UDP payload")
  void sendAndReceive() throws Exception {
    LinkedBlockingQueue<Datagram> got = new LinkedBlockingQueue<>();
    try (UdpSocketDriver a = UdpSocketDriver.bind(io, LOOPBACK, 0, 0, Clock.system(), (l, r, d, t) -> { });
        UdpSocketDriver b = UdpSocketDriver.bind(io, LOOPBACK, 0, 0, Clock.system(),
            (l, r, d, t) -> got.add(new Datagram(l, r, d, t)))) {
      long before = Clock.system().monotonicNanos();
      assertThat(a.send(b.localAddress(), new byte[] {1, 2, 3})).isTrue();
      Datagram d = got.poll(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(d.local()).isEqualTo(b.localAddress());
      assertThat(d.remote()).isEqualTo(a.localAddress());
      assertThat(d.data()).containsExactly(1, 2, 3);
      assertThat(d.nowNanos()).isGreaterThanOrEqualTo(before);
      byte[] big = new byte[SelectorLoop.MAX_DATAGRAM];
      big[big.length - 1] = 42;
      assertThat(a.send(b.localAddress(), big)).isTrue();
      assertThat(got.poll(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS).data()).isEqualTo(big);
      assertThat(a.sentCount()).isEqualTo(2);
      assertThat(b.receivedCount()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("a receiver that throws does not stop the shared I/O thread")
  void receiverFailureIsContained() throws Exception {
    LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
    try (UdpSocketDriver a = UdpSocketDriver.bind(io, LOOPBACK, 0, 0, Clock.system(), (l, r, d, t) -> { });
        UdpSocketDriver b = UdpSocketDriver.bind(io, LOOPBACK, 0, 0, Clock.system(), (l, r, d, t) -> {
          if (d[0] == 0) {
            throw new IllegalStateException("bug in a receiver (expected by the test)");
          }
          got.add(d);
        })) {
      a.send(b.localAddress(), new byte[] {0});
      a.send(b.localAddress(), new byte[] {1});
      assertThat(got.poll(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly(1);
    }
  }

  @Test
  @DisplayName("port range: binds inside it, and fails with BindException when every port is taken")
  void portRange() throws Exception {
    try (UdpSocketDriver first = UdpSocketDriver.bind(io, LOOPBACK, 0, 0, Clock.system(), (l, r, d, t) -> { })) {
      int port = first.localAddress().port();
      assertThatThrownBy(() -> UdpSocketDriver.bind(io, LOOPBACK, port, port, Clock.system(), (l, r, d, t) -> { }))
          .isInstanceOf(BindException.class).hasMessageContaining("no free UDP port in " + port + ".." + port);
      first.closeAsync().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      try (UdpSocketDriver again = UdpSocketDriver.bind(io, LOOPBACK, port, port, Clock.system(), (l, r, d, t) -> { })) {
        assertThat(again.localAddress().port()).isEqualTo(port);
      }
    }
  }

  @Test
  @DisplayName("sending on a closed socket is a counted drop, not an exception")
  void sendAfterClose() throws Exception {
    UdpSocketDriver a = UdpSocketDriver.bind(io, LOOPBACK, 0, 0, Clock.system(), (l, r, d, t) -> { });
    a.closeAsync().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(a.send(a.localAddress(), new byte[] {1})).isFalse();
    assertThat(a.sendDropCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("the shared instance is bounded (one selector and one timer thread) and cannot be closed")
  void sharedIsBounded() {
    assertThat(IoThreads.shared().threadCount()).isEqualTo(2);
    assertThat(IoThreads.shared()).isSameAs(IoThreads.shared());
    assertThatThrownBy(() -> IoThreads.shared().close()).isInstanceOf(IllegalStateException.class);
  }
}
