package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The handshake flight packing and the post-handshake receive path of {@link QueueDatagramTransport}. */
class QueueDatagramTransportTest {
  private final QueueDatagramTransport transport = new QueueDatagramTransport(new ArrayDeque<>(), 1200, () -> { });

  private byte[] receive() throws Exception {
    byte[] buf = new byte[QueueDatagramTransport.RECEIVE_LIMIT];
    int n = transport.receive(buf, 0, buf.length, 1);
    return java.util.Arrays.copyOf(buf, n);
  }

  @Test
  void datagramsQueuedDuringTheHandshakeComeBeforeTheDirectOne() throws Exception {
    transport.offer(new byte[] {1});
    transport.setNonBlocking();
    assertThat(transport.offerDirect(new byte[] {2})).isTrue();
    assertThat(transport.hasInbound()).isTrue();
    assertThat(receive()).containsExactly(1);
    assertThat(receive()).containsExactly(2);
    assertThat(transport.hasInbound()).isFalse();
    assertThatThrownBy(this::receive).isInstanceOf(QueueDatagramTransport.WouldBlockException.class);
  }

  @Test
  void holdsOneDirectDatagramAtATime() throws Exception {
    transport.setNonBlocking();
    assertThat(transport.offerDirect(new byte[] {1})).isTrue();
    assertThat(transport.offerDirect(new byte[] {2})).isFalse();
    assertThat(receive()).containsExactly(1);
    assertThat(transport.offerDirect(new byte[] {3})).isTrue();
  }

  @Test
  @DisplayName("RFC 6347 §4.1.1: a flight's records share datagrams up to the send limit and leave when BC reads")
  void handshakeFlightIsPacked() throws Exception {
    ArrayDeque<byte[]> out = new ArrayDeque<>();
    int[] wakeups = {0};
    QueueDatagramTransport t = new QueueDatagramTransport(out, 100, () -> wakeups[0]++);
    t.send(new byte[] {1, 1, 1}, 0, 3);
    t.send(new byte[] {9, 2, 2, 9}, 1, 2);
    assertThat(out).isEmpty();
    t.send(new byte[97], 0, 97); // would exceed 100 bytes: the first two records leave first
    assertThat(out).hasSize(1);
    assertThat(out.peek()).containsExactly(1, 1, 1, 2, 2);
    t.offer(new byte[] {7}); // the peer's flight, so that receive returns at once
    byte[] buf = new byte[QueueDatagramTransport.RECEIVE_LIMIT];
    assertThat(t.receive(buf, 0, buf.length, 1000)).isEqualTo(1);
    assertThat(out).hasSize(2);
    assertThat(out.getLast()).hasSize(97);
    assertThat(wakeups[0]).isEqualTo(2);
    t.flushFlight();
    assertThat(out).hasSize(2); // nothing left to flush
  }

  @Test
  void abortForgetsTheDirectDatagram() {
    transport.setNonBlocking();
    transport.offerDirect(new byte[] {1});
    transport.abort();
    assertThat(transport.offerDirect(new byte[] {2})).isTrue();
  }
}
