package dev.jrtc.dtls;

import static dev.jrtc.dtls.InMemoryDtlsLink.first;
import static dev.jrtc.dtls.InMemoryDtlsLink.has;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two endpoints over an in-memory path: the DTLS-SRTP handshake (RFC 5764 §4.1), the exported
 * keys (RFC 5764 §4.2), fingerprint verification (RFC 8842 §5.1), close_notify (RFC 5246 §7.2.1).
 * Handshakes run on real pool threads (Bouncy Castle blocks); the test thread waits only for their
 * wakeups.
 */
class DtlsEndpointTest {
  static final long TIMEOUT_MS = 10_000;
  static final DtlsCertificate ecdsaA = TestCertificates.ECDSA_A;
  static final DtlsCertificate ecdsaB = TestCertificates.ECDSA_B;
  static final DtlsCertificate rsa = TestCertificates.RSA;
  static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    pool = DtlsEndpoint.newHandshakeExecutor(4);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  static List<CertificateFingerprint> fingerprintOf(DtlsCertificate cert) {
    return TestCertificates.fingerprintOf(cert);
  }

  static InMemoryDtlsLink link(DtlsConfig clientConfig, DtlsConfig serverConfig) {
    return InMemoryDtlsLink.link(pool, clientConfig, serverConfig);
  }

  static InMemoryDtlsLink pair(DtlsCertificate clientCert, DtlsCertificate serverCert) {
    return InMemoryDtlsLink.pair(pool, clientCert, serverCert);
  }

  static void connect(InMemoryDtlsLink link) throws InterruptedException {
    link.connect();
  }

  @Test
  @DisplayName("ECDSA both sides: handshake, SRTP keys equal, data both ways, close_notify")
  void ecdsaHandshakeDataAndClose() throws Exception {
    InMemoryDtlsLink link = pair(ecdsaA, ecdsaB);
    connect(link);

    DtlsEvent.Connected c = first(link.clientEvents, DtlsEvent.Connected.class);
    DtlsEvent.Connected s = first(link.serverEvents, DtlsEvent.Connected.class);
    assertThat(c.srtpProfile()).contains(SrtpProfile.SRTP_AEAD_AES_128_GCM);
    assertThat(s.srtpProfile()).contains(SrtpProfile.SRTP_AEAD_AES_128_GCM);
    assertThat(c.keyingMaterial()).hasSize(56).isEqualTo(s.keyingMaterial());
    assertThat(c.remoteCertificates()).hasSize(1);
    assertThat(c.remoteCertificates().get(0)).isEqualTo(ecdsaB.encoded());
    assertThat(s.remoteCertificates().get(0)).isEqualTo(ecdsaA.encoded());

    SrtpKeyingMaterial ck = c.srtpKeys(DtlsRole.CLIENT).orElseThrow();
    SrtpKeyingMaterial sk = s.srtpKeys(DtlsRole.SERVER).orElseThrow();
    assertThat(ck.localMasterKey()).isEqualTo(sk.remoteMasterKey()).hasSize(16);
    assertThat(ck.localMasterSalt()).isEqualTo(sk.remoteMasterSalt()).hasSize(12);
    assertThat(ck.remoteMasterKey()).isEqualTo(sk.localMasterKey()).isNotEqualTo(ck.localMasterKey());

    link.client.send("hello from client".getBytes(StandardCharsets.UTF_8));
    link.server.send("hello from server".getBytes(StandardCharsets.UTF_8));
    link.pumpOnce();
    assertThat(dataOf(link.serverEvents)).containsExactly("hello from client");
    assertThat(dataOf(link.clientEvents)).containsExactly("hello from server");

    // Records on the wire are encrypted: the plaintext does not appear.
    byte[] last = link.clientSent.get(link.clientSent.size() - 1);
    assertThat(new String(last, StandardCharsets.ISO_8859_1)).doesNotContain("hello");
    assertThat(last[0]).isEqualTo((byte) 23); // application_data record

    link.client.close();
    link.pumpOnce();
    assertThat(link.client.state()).isEqualTo(DtlsState.CLOSED);
    assertThat(link.server.state()).isEqualTo(DtlsState.CLOSED);
    assertThat(link.clientEvents.get(link.clientEvents.size() - 1)).isEqualTo(new DtlsEvent.Closed(false));
    assertThat(link.serverEvents.get(link.serverEvents.size() - 1)).isEqualTo(new DtlsEvent.Closed(true));
    assertThat(link.clientSent.get(link.clientSent.size() - 1)[0]).isEqualTo((byte) 21); // alert record
    // ARCHITECTURE.md: Bouncy Castle is never registered as a JCA provider.
    assertThat(java.security.Security.getProvider("BC")).isNull();
  }

  @Test
  @DisplayName("RSA server, ECDSA client; then RSA client, ECDSA server")
  void rsaCertificatesBothWays() throws Exception {
    for (DtlsCertificate[] certs : new DtlsCertificate[][] {{ecdsaA, rsa}, {rsa, ecdsaA}}) {
      InMemoryDtlsLink link = pair(certs[0], certs[1]);
      connect(link);
      assertThat(first(link.clientEvents, DtlsEvent.Connected.class).keyingMaterial())
          .isEqualTo(first(link.serverEvents, DtlsEvent.Connected.class).keyingMaterial());
      link.server.send(new byte[] {1, 2, 3});
      link.pumpOnce();
      assertThat(first(link.clientEvents, DtlsEvent.ApplicationData.class).data()).containsExactly(1, 2, 3);
      link.client.close();
      link.server.close();
    }
  }

  @Test
  @DisplayName("RFC 6347 §4.2.3: with a small MTU, handshake messages are fragmented to fit")
  void smallMtuFragmentsHandshake() throws Exception {
    InMemoryDtlsLink link = link(
        DtlsConfig.builder(ecdsaA).remoteFingerprints(fingerprintOf(rsa)).mtu(300).build(),
        DtlsConfig.builder(rsa).remoteFingerprints(fingerprintOf(ecdsaA)).mtu(300).build());
    connect(link);
    assertThat(rsa.encoded().length).isGreaterThan(600); // the RSA Certificate needs 3+ fragments
    assertThat(link.serverSent).allSatisfy(d -> assertThat(d.length).isLessThanOrEqualTo(300));
    assertThat(link.clientSent).allSatisfy(d -> assertThat(d.length).isLessThanOrEqualTo(300));
    assertThat(link.client.maxApplicationDataSize()).isLessThan(300);
    assertThat(first(link.clientEvents, DtlsEvent.Connected.class).remoteCertificates().get(0))
        .isEqualTo(rsa.encoded());
  }

  @Test
  @DisplayName("RFC 5764 §4.1.1: the server picks its preferred profile among the client's")
  void srtpProfileNegotiation() throws Exception {
    InMemoryDtlsLink link = link(
        DtlsConfig.builder(ecdsaA).remoteFingerprints(fingerprintOf(ecdsaB))
            .srtpProfiles(List.of(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32, SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80))
            .build(),
        DtlsConfig.builder(ecdsaB).remoteFingerprints(fingerprintOf(ecdsaA)).build());
    connect(link);
    DtlsEvent.Connected c = first(link.clientEvents, DtlsEvent.Connected.class);
    assertThat(c.srtpProfile()).contains(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
    assertThat(c.keyingMaterial()).hasSize(60);
    assertThat(first(link.serverEvents, DtlsEvent.Connected.class).keyingMaterial()).isEqualTo(c.keyingMaterial());
  }

  @Test
  @DisplayName("RFC 5764 §4.1.3: no common SRTP profile still connects, without SRTP keys")
  void noCommonSrtpProfile() throws Exception {
    InMemoryDtlsLink link = link(
        DtlsConfig.builder(ecdsaA).remoteFingerprints(fingerprintOf(ecdsaB))
            .srtpProfiles(List.of(SrtpProfile.SRTP_AEAD_AES_256_GCM)).build(),
        DtlsConfig.builder(ecdsaB).remoteFingerprints(fingerprintOf(ecdsaA))
            .srtpProfiles(List.of(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80)).build());
    connect(link);
    DtlsEvent.Connected c = first(link.clientEvents, DtlsEvent.Connected.class);
    assertThat(c.srtpProfile()).isEmpty();
    assertThat(c.keyingMaterial()).isEmpty();
    assertThat(c.srtpKeys(DtlsRole.CLIENT)).isEmpty();
  }

  @Test
  @DisplayName("RFC 8842 §5.1: a client that sees the wrong server fingerprint fails; nothing delivered")
  void clientDetectsFingerprintMismatch() throws Exception {
    InMemoryDtlsLink link = link(
        DtlsConfig.builder(ecdsaA).remoteFingerprints(fingerprintOf(rsa)).build(),
        DtlsConfig.builder(ecdsaB).remoteFingerprints(fingerprintOf(ecdsaA)).build());
    link.server.start(0);
    link.client.start(0);
    assertThat(link.runUntil(() -> link.client.state() == DtlsState.FAILED
        && link.server.state() == DtlsState.FAILED, TIMEOUT_MS)).isTrue();

    DtlsEvent.Failed cf = first(link.clientEvents, DtlsEvent.Failed.class);
    assertThat(cf.reason()).isEqualTo(DtlsFailure.FINGERPRINT_MISMATCH);
    assertThat(cf.sentAlert()).isEqualTo(OptionalInt.of(42)); // bad_certificate
    DtlsEvent.Failed sf = first(link.serverEvents, DtlsEvent.Failed.class);
    assertThat(sf.reason()).isEqualTo(DtlsFailure.ALERT_RECEIVED);
    assertThat(sf.receivedAlert()).isEqualTo(OptionalInt.of(42));
    assertThat(link.clientEvents).hasSize(1);
    assertThat(link.serverEvents).hasSize(1);
    assertThatThrownBy(() -> link.client.send(new byte[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("DTLS endpoint is not connected: FAILED");
  }

  @Test
  @DisplayName("RFC 8842 §5.1: a server that sees the wrong client fingerprint fails")
  void serverDetectsFingerprintMismatch() throws Exception {
    InMemoryDtlsLink link = link(
        DtlsConfig.builder(ecdsaA).remoteFingerprints(fingerprintOf(ecdsaB)).build(),
        DtlsConfig.builder(ecdsaB).remoteFingerprints(fingerprintOf(rsa)).build());
    link.server.start(0);
    link.client.start(0);
    assertThat(link.runUntil(() -> link.server.state() == DtlsState.FAILED
        && link.client.state() == DtlsState.FAILED, TIMEOUT_MS)).isTrue();
    assertThat(first(link.serverEvents, DtlsEvent.Failed.class).reason()).isEqualTo(DtlsFailure.FINGERPRINT_MISMATCH);
    assertThat(first(link.clientEvents, DtlsEvent.Failed.class).receivedAlert()).isEqualTo(OptionalInt.of(42));
    assertThat(has(link.serverEvents, DtlsEvent.Connected.class)).isFalse();
    assertThat(has(link.clientEvents, DtlsEvent.Connected.class)).isFalse();
  }

  @Test
  @DisplayName("Fingerprint arriving after the handshake (answer late): held back, then verified")
  void lateFingerprints() throws Exception {
    InMemoryDtlsLink link = link(
        DtlsConfig.builder(ecdsaA).remoteFingerprints(fingerprintOf(ecdsaB)).build(),
        DtlsConfig.builder(ecdsaB).build());
    link.server.start(0);
    link.client.start(0);
    assertThat(link.runUntil(() -> link.client.state() == DtlsState.CONNECTED, TIMEOUT_MS)).isTrue();
    link.client.send(new byte[] {7});
    link.pumpOnce();
    assertThat(link.server.state()).isEqualTo(DtlsState.CONNECTING);
    assertThat(link.serverEvents).isEmpty();

    link.server.setRemoteFingerprints(List.of(CertificateFingerprint.of(ecdsaA, "sha-512")));
    // The server's handshake thread may still be returning from accept(): wait for its wakeup.
    assertThat(link.runUntil(() -> link.server.state() != DtlsState.CONNECTING, TIMEOUT_MS)).isTrue();
    assertThat(link.server.state()).isEqualTo(DtlsState.CONNECTED);
    assertThat(link.serverEvents.get(0)).isInstanceOf(DtlsEvent.Connected.class);
    assertThat(((DtlsEvent.ApplicationData) link.serverEvents.get(1)).data()).containsExactly(7);
  }

  @Test
  @DisplayName("Late fingerprint that does not match: fails, the held data is never delivered")
  void lateFingerprintMismatch() throws Exception {
    InMemoryDtlsLink link = link(
        DtlsConfig.builder(ecdsaA).remoteFingerprints(fingerprintOf(ecdsaB)).build(),
        DtlsConfig.builder(ecdsaB).build());
    link.server.start(0);
    link.client.start(0);
    assertThat(link.runUntil(() -> link.client.state() == DtlsState.CONNECTED, TIMEOUT_MS)).isTrue();
    link.client.send(new byte[] {7});
    link.pumpOnce();
    link.server.setRemoteFingerprints(fingerprintOf(rsa));
    assertThat(link.runUntil(() -> link.server.state() != DtlsState.CONNECTING, TIMEOUT_MS)).isTrue();
    assertThat(link.serverEvents).hasSize(1);
    DtlsEvent.Failed f = first(link.serverEvents, DtlsEvent.Failed.class);
    assertThat(f.reason()).isEqualTo(DtlsFailure.FINGERPRINT_MISMATCH);
    // The server closed with close_notify: the client sees a clean close.
    assertThat(link.clientEvents.get(link.clientEvents.size() - 1)).isEqualTo(new DtlsEvent.Closed(true));
  }

  @Test
  @DisplayName("Garbage after the handshake is discarded without failing (RFC 6347 §4.1.2.7)")
  void garbageIsDiscarded() throws Exception {
    InMemoryDtlsLink link = pair(ecdsaA, ecdsaB);
    connect(link);
    Entropy noise = Entropy.seeded(99);
    for (int i = 0; i < 50; i++) {
      byte[] junk = new byte[1 + noise.nextInt(300)];
      noise.nextBytes(junk);
      if (i % 2 == 0) {
        junk[0] = 23; // looks like an application_data record
        junk[1] = (byte) 0xfe;
        junk[2] = (byte) 0xfd;
      }
      link.server.handleDatagram(junk, 0);
    }
    link.server.handleDatagram(new byte[0], 0);
    link.server.handleDatagram(new byte[2000], 0);
    link.pumpOnce();
    assertThat(link.server.state()).isEqualTo(DtlsState.CONNECTED);
    assertThat(link.server.droppedDatagrams()).isGreaterThanOrEqualTo(2);
    assertThat(has(link.serverEvents, DtlsEvent.ApplicationData.class)).isFalse();
    link.client.send(new byte[] {9});
    link.pumpOnce();
    assertThat(first(link.serverEvents, DtlsEvent.ApplicationData.class).data()).containsExactly(9);
  }

  @Test
  @DisplayName("send() checks state and size; close() is idempotent")
  void apiMisuse() throws Exception {
    InMemoryDtlsLink link = pair(ecdsaA, ecdsaB);
    assertThatThrownBy(() -> link.client.send(new byte[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("DTLS endpoint is not connected: NEW");
    connect(link);
    int max = link.client.maxApplicationDataSize();
    assertThat(max).isBetween(1000, 1200);
    assertThatThrownBy(() -> link.client.send(new byte[max + 1]))
        .isInstanceOf(IllegalArgumentException.class);
    link.client.send(new byte[max]);
    link.pumpOnce();
    assertThat(first(link.serverEvents, DtlsEvent.ApplicationData.class).data()).hasSize(max);
    assertThat(link.clientSent.get(link.clientSent.size() - 1).length).isLessThanOrEqualTo(1200);
    assertThatThrownBy(() -> link.client.start(0)).isInstanceOf(IllegalStateException.class);
    link.client.close();
    link.client.close();
    link.pumpOnce();
    assertThat(link.clientEvents.stream().filter(e -> e instanceof DtlsEvent.Closed).count()).isEqualTo(1);
  }

  @Test
  @DisplayName("A server holds no pool thread until its first datagram arrives")
  void serverWaitsForClientHelloWithoutAThread() throws Exception {
    ExecutorService onePool = DtlsEndpoint.newHandshakeExecutor(1);
    try {
      DtlsEndpoint idle = DtlsEndpoint.create(DtlsRole.SERVER, DtlsConfig.builder(ecdsaB).build(),
          Entropy.seeded(6), onePool, () -> { });
      idle.start(0);
      // The single pool thread is still free for someone else.
      LinkedBlockingQueue<Object> ran = new LinkedBlockingQueue<>();
      onePool.execute(() -> ran.add(Boolean.TRUE));
      assertThat(ran.poll(TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(Boolean.TRUE);
      idle.close();
    } finally {
      onePool.shutdownNow();
    }
  }

  @Test
  @DisplayName("close() during the handshake stops it and frees the pool thread")
  void closeDuringHandshake() throws Exception {
    ExecutorService onePool = DtlsEndpoint.newHandshakeExecutor(1);
    try {
      LinkedBlockingQueue<Object> wakeups = new LinkedBlockingQueue<>();
      DtlsEndpoint server = DtlsEndpoint.create(DtlsRole.SERVER, DtlsConfig.builder(ecdsaB).build(),
          Entropy.seeded(5), onePool, () -> wakeups.add(Boolean.TRUE));
      server.start(0);
      server.handleDatagram(ChromiumClientHelloGoldenTest.capture().get(1), 0); // half a ClientHello
      server.close();
      assertThat(server.pollEvent()).isEqualTo(new DtlsEvent.Closed(false));
      assertThat(server.pollEvent()).isNull();
      // The one pool thread is free again: a new task runs.
      LinkedBlockingQueue<Object> ran = new LinkedBlockingQueue<>();
      onePool.execute(() -> ran.add(Boolean.TRUE));
      assertThat(ran.poll(TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(Boolean.TRUE);
      assertThat(server.pollTransmit()).isNull();
    } finally {
      onePool.shutdownNow();
    }
  }

  static List<String> dataOf(List<DtlsEvent> events) {
    return events.stream().filter(e -> e instanceof DtlsEvent.ApplicationData)
        .map(e -> new String(((DtlsEvent.ApplicationData) e).data(), StandardCharsets.UTF_8))
        .toList();
  }

  static Optional<DtlsEvent> last(List<DtlsEvent> events) {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
  }
}
