package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.TransportAddress;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The batching hand-over of {@link HostInbound}: one drain task per burst, none lost. */
class HostInboundTest {
  private final HostInbound inbound = new HostInbound();

  private static HostInbound.Datagram datagram(int n) {
    TransportAddress a = TransportAddress.udp(InetAddress.getLoopbackAddress(), 5000);
    return new HostInbound.Datagram(a, a, new byte[] {(byte) n}, n);
  }

  @Test
  void onlyTheFirstDatagramOfABurstAsksForATask() {
    assertThat(inbound.add(datagram(1))).isTrue();
    assertThat(inbound.add(datagram(2))).isFalse();
    assertThat(inbound.add(datagram(3))).isFalse();
    inbound.beginDrain();
    assertThat(inbound.poll().data()).containsExactly(1);
    assertThat(inbound.poll().data()).containsExactly(2);
    assertThat(inbound.poll().data()).containsExactly(3);
    assertThat(inbound.poll()).isNull();
    assertThat(inbound.endDrain()).isFalse();
    assertThat(inbound.add(datagram(4))).isTrue();
  }

  @Test
  void aDatagramQueuedDuringADrainAsksForANewTask() {
    inbound.add(datagram(1));
    inbound.beginDrain();
    assertThat(inbound.poll().data()).containsExactly(1);
    // the I/O thread queues one after the task's last poll: it must not wait for the next burst
    assertThat(inbound.add(datagram(2))).isTrue();
    assertThat(inbound.endDrain()).isFalse(); // that new task will take it
  }

  @Test
  void aTaskThatStopsAtTheBatchLimitAsksForAnother() {
    for (int i = 0; i < HostInbound.BATCH + 1; i++) {
      inbound.add(datagram(i));
    }
    inbound.beginDrain();
    for (int i = 0; i < HostInbound.BATCH; i++) {
      assertThat(inbound.poll()).isNotNull();
    }
    assertThat(inbound.endDrain()).isTrue();
    assertThat(inbound.endDrain()).isFalse(); // already scheduled
  }
}
