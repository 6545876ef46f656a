package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Handshake flights lost once are retransmitted (RFC 6347 §4.2.4) and the handshake completes.
 *
 * <p><b>Wall-clock group</b>: Bouncy Castle times retransmissions with
 * {@code System.currentTimeMillis()} (initial timer 1 s), so each test here waits about one real
 * second. Keep this class small; it goes away when DTLS runs on injected time (STYLE.md S7 (b)).
 * Nothing here asserts timing, only that the lost flight was sent again and the handshake ended.
 */
class DtlsRetransmissionTest {

  static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    pool = DtlsEndpoint.newHandshakeExecutor(2);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  static InMemoryDtlsLink pair() {
    return InMemoryDtlsLink.pair(pool, TestCertificates.ECDSA_A, TestCertificates.ECDSA_B);
  }

  /** Handshake message types in one datagram (epoch 0 plaintext records only). */
  static boolean containsHandshake(byte[] datagram, int handshakeType) {
    int p = 0;
    while (p + 13 <= datagram.length) {
      int epoch = ((datagram[p + 3] & 0xff) << 8) | (datagram[p + 4] & 0xff);
      int len = ((datagram[p + 11] & 0xff) << 8) | (datagram[p + 12] & 0xff);
      if (datagram[p] == 22 && epoch == 0 && p + 13 < datagram.length
          && (datagram[p + 13] & 0xff) == handshakeType) {
        return true;
      }
      p += 13 + len;
    }
    return false;
  }

  /** Whether any record of the datagram is an epoch 1 handshake record (a Finished). */
  static boolean isEpoch1Handshake(byte[] datagram) {
    int p = 0;
    while (p + 13 <= datagram.length) {
      if (datagram[p] == 22 && datagram[p + 3] == 0 && datagram[p + 4] == 1) {
        return true;
      }
      p += 13 + (((datagram[p + 11] & 0xff) << 8) | (datagram[p + 12] & 0xff));
    }
    return false;
  }

  @Test
  @DisplayName("Server flight 4 (ServerHello..ServerHelloDone) lost once: ClientHello is resent")
  void lostServerHelloFlight() throws Exception {
    InMemoryDtlsLink link = pair();
    boolean[] dropping = {true};
    link.filter((fromClient, d) -> {
      if (fromClient || !dropping[0]) {
        return true;
      }
      if (containsHandshake(d, 14)) {
        dropping[0] = false; // the whole flight, through ServerHelloDone, is lost once
      }
      return false;
    });
    link.connect();
    assertThat(link.clientSent.stream().filter(d -> containsHandshake(d, 1)).count())
        .as("ClientHello retransmitted").isGreaterThanOrEqualTo(2);
  }

  @Test
  @DisplayName("Server final flight (ChangeCipherSpec, Finished) lost once: resent after the server finished")
  void lostServerFinishedFlight() throws Exception {
    InMemoryDtlsLink link = pair();
    int[] dropped = {0};
    link.filter((fromClient, d) -> {
      if (fromClient || dropped[0] >= 2) {
        return true;
      }
      if (d[0] == 20 || isEpoch1Handshake(d)) {
        dropped[0]++;
        return false;
      }
      return true;
    });
    link.connect();
    // The server's BC handshake had already returned: its record layer answered the client's
    // retransmitted flight 5 on the test thread, inside handleDatagram.
    assertThat(link.serverSent.stream().filter(DtlsRetransmissionTest::isEpoch1Handshake).count())
        .as("server Finished sent again").isGreaterThanOrEqualTo(2);
    link.client.send(new byte[] {5});
    link.pumpOnce();
    assertThat(InMemoryDtlsLink.first(link.serverEvents, DtlsEvent.ApplicationData.class).data())
        .containsExactly(5);
  }

  @Test
  @DisplayName("Client flight 5 (Certificate..Finished) lost once: resent, handshake completes")
  void lostClientFinishedFlight() throws Exception {
    InMemoryDtlsLink link = pair();
    boolean[] dropping = {true};
    link.filter((fromClient, d) -> {
      if (!fromClient || !dropping[0]) {
        return true;
      }
      if (containsHandshake(d, 1)) {
        return true; // let the ClientHello through
      }
      if (isEpoch1Handshake(d)) {
        dropping[0] = false; // drop through the client's Finished
      }
      return false;
    });
    link.connect();
    assertThat(link.clientSent.stream().filter(DtlsRetransmissionTest::isEpoch1Handshake).count())
        .as("client Finished sent again").isGreaterThanOrEqualTo(2);
  }

  @Test
  @DisplayName("No answer at all: the handshake times out and frees its pool thread")
  void handshakeTimeout() throws Exception {
    InMemoryDtlsLink link = InMemoryDtlsLink.link(pool,
        DtlsConfig.builder(TestCertificates.ECDSA_A).handshakeTimeoutMillis(300).build(),
        DtlsConfig.builder(TestCertificates.ECDSA_B).build());
    link.filter((fromClient, d) -> false); // a black hole
    link.client.start(0);
    assertThat(link.runUntil(() -> link.client.state() == DtlsState.FAILED, 10_000)).isTrue();
    DtlsEvent.Failed failed = InMemoryDtlsLink.first(link.clientEvents, DtlsEvent.Failed.class);
    assertThat(failed.reason()).isEqualTo(DtlsFailure.HANDSHAKE_TIMEOUT);
    assertThat(failed.detail()).isEqualTo("no handshake within 300 ms");
  }
}
