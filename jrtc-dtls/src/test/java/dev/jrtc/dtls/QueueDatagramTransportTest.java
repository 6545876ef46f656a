package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/** The post-handshake receive path of {@link QueueDatagramTransport}. */
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
  void abortForgetsTheDirectDatagram() {
    transport.setNonBlocking();
    transport.offerDirect(new byte[] {1});
    transport.abort();
    assertThat(transport.offerDirect(new byte[] {2})).isTrue();
  }
}
