package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TurnStreamConnection} against servers on 127.0.0.1 played by test threads: plain TCP
 * and TLS (the JDK's server side, with a certificate made by {@code openssl}) echo servers that
 * move far more than one TLS record and one socket buffer (buffer growth, partial writes,
 * records split across reads), a server that closes, and a TLS server the client does not trust.
 */
class TurnStreamConnectionTest {
  private static final int TOTAL = 3 * 1024 * 1024 + 17;
  private static IoThreads io;
  private static Path dir;
  private static SSLContext serverContext;
  private static SSLContext clientContext;

  @BeforeAll
  static void setUp() throws Exception {
    io = IoThreads.create("stream-test", 1);
    dir = Files.createTempDirectory("jrtc-stream-test");
    Coturn.selfSignedCertificate(dir);
    Certificate cert;
    try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
      cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    String pem = Files.readString(dir.resolve("key.pem"), StandardCharsets.US_ASCII);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", key, new char[0], new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, new SecureRandom());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);
  }

  @AfterAll
  static void tearDown() {
    io.close();
  }

  /** What the connection reports, as the driver would see it. */
  private static final class Recorder implements TurnStreamConnection.Listener {
    final CompletableFuture<Void> established = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final CompletableFuture<byte[]> all = new CompletableFuture<>();
    final int expect;

    Recorder(int expect) {
      this.expect = expect;
    }

    @Override
    public void onEstablished() {
      established.complete(null);
    }

    @Override
    public synchronized void onData(byte[] data, long nowNanos) {
      received.writeBytes(data);
      if (received.size() >= expect) {
        all.complete(received.toByteArray());
      }
    }

    @Override
    public void onClosed(String reason) {
      closed.complete(reason);
    }
  }

  /** Accepts one connection and echoes it (or, with {@code closeAfter} >= 0, closes after that many bytes). */
  private static ServerSocket echoServer(ServerSocket server, int closeAfter) {
    Thread t = new Thread(() -> {
      try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        byte[] buf = new byte[7001];
        int n;
        int seen = 0;
        while ((n = in.read(buf)) >= 0) {
          seen += n;
          if (closeAfter >= 0 && seen >= closeAfter) {
            return;
          }
          out.write(buf, 0, n);
        }
      } catch (IOException e) {
        // the client went away
      }
    }, "echo-server");
    t.setDaemon(true);
    t.start();
    return server;
  }

  private static byte[] payload() {
    byte[] b = new byte[TOTAL];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31 + (i >> 11));
    }
    return b;
  }

  private static SSLEngine clientEngine(SSLContext ctx) throws IOException {
    TurnServer server = new TurnServer("turns:127.0.0.1:5349", "127.0.0.1", 5349, dev.jrtc.turn.TurnTransport.TLS,
        "u", "p");
    return TurnAllocation.engine(NetworkSettings.loopbackOnly().toBuilder().turnTlsContext(ctx).build(), server,
        Coturn.loopback(5349));
  }

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("RFC 8656 §3.1: megabytes both ways over TCP and TLS arrive whole and in order")
  void echoesMegabytes(boolean tls) throws Exception {
    ServerSocket listener = tls
        ? serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())
        : new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    try (ServerSocket server = echoServer(listener, -1)) {
      if (tls) {
        ((SSLServerSocket) server).setEnabledProtocols(new String[] {"TLSv1.3"});
      }
      Recorder r = new Recorder(TOTAL);
      TurnStreamConnection c = TurnStreamConnection.open(io, InetAddress.getLoopbackAddress(),
          Coturn.loopback(server.getLocalPort()), tls ? clientEngine(clientContext) : null, Clock.system(), r);
      byte[] data = payload();
      // Written before the connection is up, in pieces of odd sizes: queued, then sent in order.
      for (int pos = 0; pos < data.length; pos += 65_521) {
        c.send(Arrays.copyOfRange(data, pos, Math.min(data.length, pos + 65_521)));
      }
      r.established.get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(r.all.get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(data);
      c.closeAsync().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(r.closed).isNotDone(); // our own close is not reported as a loss
      assertThat(c.isTls()).isEqualTo(tls);
    }
  }

  @Test
  @DisplayName("the server closing the connection is reported once, with the reason")
  void serverCloses() throws Exception {
    try (ServerSocket server = echoServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), 4)) {
      Recorder r = new Recorder(Integer.MAX_VALUE);
      TurnStreamConnection c = TurnStreamConnection.open(io, InetAddress.getLoopbackAddress(),
          Coturn.loopback(server.getLocalPort()), null, Clock.system(), r);
      c.send(new byte[] {1, 2, 3, 4});
      assertThat(r.closed.get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("the TURN server closed the connection");
      c.send(new byte[] {5}); // after the loss: dropped, no exception
      c.closeAsync().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("a TLS server whose certificate the client does not trust: a handshake failure, never established")
  void untrustedServer() throws Exception {
    ServerSocket listener = serverContext.getServerSocketFactory().createServerSocket(0, 1,
        InetAddress.getLoopbackAddress());
    try (ServerSocket server = echoServer(listener, -1)) {
      Recorder r = new Recorder(1);
      SSLContext jdkDefault = SSLContext.getInstance("TLS");
      jdkDefault.init(null, null, null); // the JDK's trust store: no self-signed test certificate in it
      TurnStreamConnection c = TurnStreamConnection.open(io, InetAddress.getLoopbackAddress(),
          Coturn.loopback(server.getLocalPort()), clientEngine(jdkDefault), Clock.system(), r);
      c.send("allocate".getBytes(StandardCharsets.UTF_8));
      assertThat(r.closed.get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS))
          .startsWith("TLS handshake with the TURN server failed");
      assertThat(r.established).isNotDone();
      assertThat(r.received.size()).isZero();
    }
  }
}
