package dev.jrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * DTLS-SRTP against OpenSSL ({@code openssl s_server}/{@code s_client -dtls1_2 -use_srtp}) over
 * real UDP on 127.0.0.1: the handshake completes both ways, data flows both ways, and the SRTP
 * keying material equals what OpenSSL's own exporter prints (RFC 5764 §4.2), byte for byte.
 *
 * <p>Interop tier (TESTING.md): real sockets, an external binary, wall-clock waits bounded by
 * deadlines. Surefire does not pick up {@code *IT}; run it with
 * {@code mvn -o -pl jrtc-dtls test -Dtest=OpensslDtlsInteropIT}. Skipped without {@code openssl}.
 */
@EnabledIf("opensslAvailable")
class OpensslDtlsInteropIT {
  static final long DEADLINE_MS = 15_000;

  @TempDir
  static Path dir;
  static ExecutorService pool;
  static String opensslFingerprint;

  static boolean opensslAvailable() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @BeforeAll
  static void setUp() throws Exception {
    pool = DtlsEndpoint.newHandshakeExecutor(2);
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-subj",
        "/CN=openssl-peer", "-days", "2").directory(dir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    Process f = new ProcessBuilder("openssl", "x509", "-in", "c.pem", "-noout", "-fingerprint", "-sha256")
        .directory(dir.toFile()).start();
    String line = new String(f.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    opensslFingerprint = line.substring(line.indexOf('=') + 1);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  static int freeUdpPort() throws IOException {
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.bind(new InetSocketAddress("127.0.0.1", 0));
      return ((InetSocketAddress) probe.getLocalAddress()).getPort();
    }
  }

  /** OpenSSL's stdout, line by line, on a reader thread. */
  static LinkedBlockingQueue<String> lines(Process process) {
    LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1))) {
        String l;
        while ((l = r.readLine()) != null) {
          out.add(l);
        }
      } catch (IOException ignored) {
        // process ended
      }
    }, "openssl-stdout");
    reader.setDaemon(true);
    reader.start();
    return out;
  }

  static String awaitLine(LinkedBlockingQueue<String> lines, Predicate<String> match, List<String> seen)
      throws InterruptedException {
    for (long waited = 0; waited < DEADLINE_MS; ) {
      String l = lines.poll(100, TimeUnit.MILLISECONDS);
      if (l == null) {
        waited += 100;
        continue;
      }
      seen.add(l);
      if (match.test(l)) {
        return l;
      }
    }
    throw new AssertionError("OpenSSL never printed the expected line; it printed " + seen);
  }

  /** Drives one endpoint over a real UDP socket until {@code done}. */
  static final class UdpDriver {
    final DtlsEndpoint endpoint;
    final DatagramChannel channel;
    final Selector selector;
    final List<DtlsEvent> events = new ArrayList<>();
    SocketAddress peer;

    UdpDriver(DtlsRole role, SocketAddress bindOrConnect) throws IOException {
      DtlsCertificate cert = DtlsCertificate.generateEcdsaP256(Entropy.secure(),
          TestCertificates.NOT_BEFORE, TestCertificates.NOT_AFTER);
      selector = Selector.open();
      channel = DatagramChannel.open();
      if (role == DtlsRole.CLIENT) {
        channel.connect(bindOrConnect);
        peer = bindOrConnect;
      } else {
        channel.bind(bindOrConnect);
      }
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      endpoint = DtlsEndpoint.create(role, DtlsConfig.builder(cert)
          .remoteFingerprints(List.of(CertificateFingerprint.parse("sha-256 " + opensslFingerprint)))
          .srtpProfiles(List.of(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80)).logId("openssl-it").build(),
          Entropy.secure(), pool, selector::wakeup);
    }

    void flush() throws IOException {
      byte[] out;
      while ((out = endpoint.pollTransmit()) != null) {
        if (peer != null) {
          channel.send(ByteBuffer.wrap(out), peer);
        }
      }
      DtlsEvent e;
      while ((e = endpoint.pollEvent()) != null) {
        events.add(e);
      }
    }

    boolean runUntil(Predicate<UdpDriver> done) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(2048);
      for (long waited = 0; waited < DEADLINE_MS; ) {
        flush();
        if (done.test(this)) {
          return true;
        }
        if (selector.select(100) == 0) {
          waited += 100;
        }
        selector.selectedKeys().clear();
        SocketAddress from;
        while ((from = channel.receive(buf.clear())) != null) {
          peer = from;
          buf.flip();
          byte[] d = new byte[buf.remaining()];
          buf.get(d);
          endpoint.handleDatagram(d, 0);
        }
      }
      return false;
    }

    void close() throws IOException {
      endpoint.close();
      flush();
      channel.close();
      selector.close();
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  @Test
  @DisplayName("jrtc DTLS client <-> openssl s_server -dtls1_2 -use_srtp: same SRTP keys, data both ways")
  void clientAgainstOpensslServer() throws Exception {
    int port = freeUdpPort();
    Process server = new ProcessBuilder("openssl", "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
        "-cert", "c.pem", "-key", "k.pem", "-use_srtp", "SRTP_AES128_CM_SHA1_80", "-Verify", "1",
        "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "60")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    List<String> seen = new ArrayList<>();
    try {
      LinkedBlockingQueue<String> out = lines(server);
      awaitLine(out, l -> l.startsWith("ACCEPT"), seen);
      UdpDriver client = new UdpDriver(DtlsRole.CLIENT, new InetSocketAddress("127.0.0.1", port));
      client.endpoint.start(0);
      assertThat(client.runUntil(d -> d.endpoint.state() != DtlsState.CONNECTING))
          .as("handshake finished").isTrue();
      DtlsEvent.Connected connected = InMemoryDtlsLink.first(client.events, DtlsEvent.Connected.class);
      String keying = awaitLine(out, l -> l.contains("Keying material:"), seen);
      assertThat(keying.substring(keying.indexOf(':') + 1).trim()).isEqualTo(hex(connected.keyingMaterial()));

      client.endpoint.send("hello from jrtc\n".getBytes(StandardCharsets.US_ASCII));
      client.flush();
      awaitLine(out, l -> l.equals("hello from jrtc"), seen);

      OutputStream stdin = server.getOutputStream();
      stdin.write("hello from openssl\n".getBytes(StandardCharsets.US_ASCII));
      stdin.flush();
      assertThat(client.runUntil(d -> InMemoryDtlsLink.has(d.events, DtlsEvent.ApplicationData.class))).isTrue();
      assertThat(new String(InMemoryDtlsLink.first(client.events, DtlsEvent.ApplicationData.class).data(),
          StandardCharsets.US_ASCII)).isEqualTo("hello from openssl\n");

      client.close(); // close_notify: s_server reports the peer's shutdown
      awaitLine(out, l -> l.contains("DONE") || l.contains("shutting down"), seen);
    } finally {
      server.destroy();
    }
  }

  @Test
  @DisplayName("openssl s_client -dtls1_2 -use_srtp <-> jrtc DTLS server: same SRTP keys, data, close_notify")
  void opensslClientAgainstServer() throws Exception {
    int port = freeUdpPort();
    UdpDriver server = new UdpDriver(DtlsRole.SERVER, new InetSocketAddress("127.0.0.1", port));
    server.endpoint.start(0);
    Process client = new ProcessBuilder("openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + port,
        "-cert", "c.pem", "-key", "k.pem", "-use_srtp", "SRTP_AES128_CM_SHA1_80",
        "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "60")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    List<String> seen = new ArrayList<>();
    try {
      LinkedBlockingQueue<String> out = lines(client);
      assertThat(server.runUntil(d -> d.endpoint.state() != DtlsState.CONNECTING)).isTrue();
      DtlsEvent.Connected connected = InMemoryDtlsLink.first(server.events, DtlsEvent.Connected.class);
      String keying = awaitLine(out, l -> l.contains("Keying material:"), seen);
      assertThat(keying.substring(keying.indexOf(':') + 1).trim()).isEqualTo(hex(connected.keyingMaterial()));

      OutputStream stdin = client.getOutputStream();
      stdin.write("hello from openssl\n".getBytes(StandardCharsets.US_ASCII));
      stdin.flush();
      assertThat(server.runUntil(d -> InMemoryDtlsLink.has(d.events, DtlsEvent.ApplicationData.class))).isTrue();
      server.endpoint.send("hello from jrtc\n".getBytes(StandardCharsets.US_ASCII));
      server.flush();
      awaitLine(out, l -> l.equals("hello from jrtc"), seen);

      stdin.close(); // s_client sends close_notify at end of input
      assertThat(server.runUntil(d -> d.endpoint.state() == DtlsState.CLOSED)).isTrue();
      assertThat(server.events.get(server.events.size() - 1)).isEqualTo(new DtlsEvent.Closed(true));
    } finally {
      client.destroy();
      server.close();
    }
  }
}
