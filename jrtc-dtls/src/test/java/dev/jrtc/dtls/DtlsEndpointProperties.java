package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random datagrams into an established connection are discarded (RFC 6347 §4.1.2.7: invalid
 * records are silently dropped): no exception, no data, the connection stays up. The datagrams
 * are shaped as raw bytes or as well-framed records of each content type and epoch, so they
 * reach Bouncy Castle's record layer and handshake retransmission code.
 */
class DtlsEndpointProperties {
  static ExecutorService pool;
  static InMemoryDtlsLink link;

  @BeforeContainer
  static void connectOnce() throws Exception {
    pool = DtlsEndpoint.newHandshakeExecutor(2);
    link = InMemoryDtlsLink.pair(pool, TestCertificates.ECDSA_A, TestCertificates.ECDSA_B);
    link.connect();
  }

  @AfterContainer
  static void tearDown() {
    pool.shutdownNow();
  }

  @Property(tries = 1000)
  void randomDatagramsAreDiscarded(@ForAll @Size(min = 1, max = 1500) byte[] datagram,
      @ForAll @IntRange(min = 0, max = 4) int shape, @ForAll boolean toServer) {
    if (shape > 0 && datagram.length >= 13) {
      // 1: application_data epoch 1, 2: handshake epoch 0, 3: alert epoch 1, 4: handshake epoch 1
      datagram[0] = (byte) (shape == 1 ? 23 : shape == 3 ? 21 : 22);
      datagram[1] = (byte) 0xfe;
      datagram[2] = (byte) 0xfd;
      datagram[3] = 0;
      datagram[4] = (byte) (shape == 2 ? 0 : 1);
      int len = datagram.length - 13;
      datagram[11] = (byte) (len >> 8);
      datagram[12] = (byte) len;
    }
    DtlsEndpoint target = toServer ? link.server : link.client;
    int before = (toServer ? link.serverEvents : link.clientEvents).size();
    target.handleDatagram(datagram, 0);
    link.pumpOnce();
    assertThat(link.server.state()).isEqualTo(DtlsState.CONNECTED);
    assertThat(link.client.state()).isEqualTo(DtlsState.CONNECTED);
    assertThat(toServer ? link.serverEvents : link.clientEvents).hasSize(before);
  }
}
