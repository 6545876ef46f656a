package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The first flight Chromium 156 sent as DTLS client (captured; shared/fixtures/wire): a ~1.4 KB
 * ClientHello offering DTLS 1.3 and X25519MLKEM768, split into fragments over two datagrams
 * (the capture also holds their retransmission). As server we must reassemble it and answer with
 * a DTLS 1.2 flight (RFC 6347 §4.2.4 flight 4): ServerHello, Certificate, ServerKeyExchange,
 * CertificateRequest, ServerHelloDone.
 */
class ChromiumClientHelloGoldenTest {
  static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    pool = DtlsEndpoint.newHandshakeExecutor(2);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  static List<byte[]> capture() throws IOException {
    try (InputStream in = ChromiumClientHelloGoldenTest.class
        .getResourceAsStream("/chromium156-dtls-clienthello.hex")) {
      List<byte[]> datagrams = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank()) {
          datagrams.add(HexFormat.of().parseHex(line.trim()));
        }
      }
      return datagrams;
    }
  }

  /** One DTLS handshake message as seen on the wire (RFC 6347 §4.2.2 header). */
  record Handshake(int type, int length, int fragmentOffset, byte[] fragment) {}

  /** Splits datagrams into records (RFC 6347 §4.1) and handshake fragments. */
  static List<Handshake> handshakes(List<byte[]> datagrams, List<Integer> recordVersions) {
    List<Handshake> out = new ArrayList<>();
    for (byte[] d : datagrams) {
      int p = 0;
      while (p + 13 <= d.length) {
        int type = d[p] & 0xff;
        recordVersions.add(((d[p + 1] & 0xff) << 8) | (d[p + 2] & 0xff));
        int len = ((d[p + 11] & 0xff) << 8) | (d[p + 12] & 0xff);
        int body = p + 13;
        if (type == 22) {
          int hlen = u24(d, body + 1);
          int fragOff = u24(d, body + 6);
          int fragLen = u24(d, body + 9);
          byte[] frag = java.util.Arrays.copyOfRange(d, body + 12, body + 12 + fragLen);
          out.add(new Handshake(d[body] & 0xff, hlen, fragOff, frag));
        }
        p = body + len;
      }
    }
    return out;
  }

  static int u24(byte[] b, int i) {
    return ((b[i] & 0xff) << 16) | ((b[i + 1] & 0xff) << 8) | (b[i + 2] & 0xff);
  }

  static int u16(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }

  /** Feeds {@code datagrams} to a fresh server and collects what it sends until ServerHelloDone. */
  static List<byte[]> serverAnswer(DtlsCertificate cert, List<byte[]> datagrams) throws Exception {
    LinkedBlockingQueue<Object> wakeups = new LinkedBlockingQueue<>();
    DtlsEndpoint server = DtlsEndpoint.create(DtlsRole.SERVER,
        DtlsConfig.builder(cert).logId("golden").build(), Entropy.seeded(4), pool,
        () -> wakeups.add(Boolean.TRUE));
    server.start(0);
    for (byte[] d : datagrams) {
      server.handleDatagram(d, 0);
    }
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] d;
      while ((d = server.pollTransmit()) != null) {
        sent.add(d);
      }
      if (handshakes(sent, new ArrayList<>()).stream().anyMatch(h -> h.type() == 14)) {
        break;
      }
      assertThat(server.pollEvent()).as("no failure").isNull();
      wakeups.poll(100, TimeUnit.MILLISECONDS); // waiting for the handshake thread, not timing it
    }
    server.close();
    return sent;
  }

  @Test
  @DisplayName("Chromium 156 ClientHello (DTLS 1.3 + X25519MLKEM768 offered) gets a DTLS 1.2 ECDSA server flight")
  void answersWithDtls12ServerFlight() throws Exception {
    List<byte[]> capture = capture();
    assertThat(capture).hasSize(4);
    List<Handshake> hello = handshakes(capture.subList(0, 2), new ArrayList<>());
    assertThat(hello).extracting(Handshake::type).containsOnly(1);
    assertThat(hello.get(0).length()).isGreaterThan(1300); // fragmented: ~1.4 KB

    DtlsCertificate cert = DtlsCertificate.generateEcdsaP256(Entropy.seeded(8),
        TestCertificates.NOT_BEFORE, TestCertificates.NOT_AFTER);
    List<Integer> versions = new ArrayList<>();
    List<Handshake> flight = handshakes(serverAnswer(cert, capture.subList(0, 2)), versions);

    assertThat(flight).extracting(Handshake::type).containsExactly(2, 11, 12, 13, 14);
    assertThat(versions).containsOnly(0xfefd); // DTLS 1.2 records

    byte[] serverHello = flight.get(0).fragment();
    assertThat(u16(serverHello, 0)).as("server_version").isEqualTo(0xfefd);
    int p = 2 + 32;
    p += 1 + (serverHello[p] & 0xff); // session_id
    assertThat(u16(serverHello, p)).as("cipher_suite").isEqualTo(0xc02b); // ECDHE_ECDSA_AES_128_GCM
    p += 3; // suite + compression
    Map<Integer, byte[]> extensions = new LinkedHashMap<>();
    int end = p + 2 + u16(serverHello, p);
    p += 2;
    while (p < end) {
      int type = u16(serverHello, p);
      int len = u16(serverHello, p + 2);
      extensions.put(type, java.util.Arrays.copyOfRange(serverHello, p + 4, p + 4 + len));
      p += 4 + len;
    }
    // use_srtp (RFC 5764 §4.1.1): one profile, ours first among Chromium's 0x0001, 0x0008, 0x0007.
    assertThat(extensions.get(14)).containsExactly(0, 2, 0, 7, 0);
    assertThat(extensions).containsKey(23); // extended_master_secret (RFC 7627)
    assertThat(extensions).doesNotContainKey(43); // no supported_versions: this is not DTLS 1.3

    assertThat(flight.get(1).fragment()).as("our certificate is sent")
        .containsSequence(cert.encoded());

    byte[] ske = flight.get(2).fragment();
    assertThat(ske[0]).as("named_curve").isEqualTo((byte) 3);
    assertThat(u16(ske, 1)).as("a DTLS 1.2 group, not X25519MLKEM768").isIn(0x001d, 0x0017);

    byte[] request = flight.get(3).fragment();
    int typesLength = request[0] & 0xff;
    int sigAlgsLength = u16(request, 1 + typesLength);
    assertThat(sigAlgsLength).as("supported_signature_algorithms").isGreaterThan(0);
  }

  @Test
  @DisplayName("Fragments in the other order are reassembled too")
  void reassemblesOutOfOrder() throws Exception {
    List<byte[]> capture = capture();
    DtlsCertificate cert = DtlsCertificate.generateEcdsaP256(Entropy.seeded(9),
        TestCertificates.NOT_BEFORE, TestCertificates.NOT_AFTER);
    List<Handshake> flight = handshakes(serverAnswer(cert, List.of(capture.get(1), capture.get(0))),
        new ArrayList<>());
    assertThat(flight).extracting(Handshake::type).containsExactly(2, 11, 12, 13, 14);
  }

  @Test
  @DisplayName("With an RSA certificate the server picks ECDHE_RSA")
  void rsaServerPicksRsaSuite() throws Exception {
    List<byte[]> flightBytes = serverAnswer(DtlsCertificate.generateRsa(2048,
        java.math.BigInteger.valueOf(65537), Entropy.seeded(12), TestCertificates.NOT_BEFORE,
        TestCertificates.NOT_AFTER), capture().subList(0, 2));
    byte[] serverHello = handshakes(flightBytes, new ArrayList<>()).get(0).fragment();
    int p = 2 + 32;
    p += 1 + (serverHello[p] & 0xff);
    assertThat(u16(serverHello, p)).isEqualTo(0xc02f); // ECDHE_RSA_AES_128_GCM
  }
}
