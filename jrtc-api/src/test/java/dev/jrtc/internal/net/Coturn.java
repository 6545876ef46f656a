package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's coturn ({@code /usr/bin/turnserver}) on 127.0.0.1 for a test class: a long-term user
 * {@link #USER}/{@link #PASSWORD}, loopback peers allowed, UDP and TCP on {@link #port}, and with
 * TLS a listener on {@link #tlsPort} with a self-signed certificate made by {@code openssl} in a
 * temporary directory (subject alternative names: IP 127.0.0.1 and DNS localhost; no other name
 * matches it). Stopped on {@link #close()}, by a shutdown hook if the JVM exits early, and by
 * {@code timeout} after ten minutes whatever happens. Without coturn or openssl the start FAILS:
 * CI installs both.
 */
public final class Coturn implements AutoCloseable {
  private static final Path TURNSERVER = Paths.get("/usr/bin/turnserver");
  private static final Path OPENSSL = Paths.get("/usr/bin/openssl");
  /** The long-term username. */
  public static final String USER = "u";
  /** The long-term password. */
  public static final String PASSWORD = "p";

  /** UDP and TCP listening port. */
  public final int port;
  /** TLS listening port, or 0 without TLS. */
  public final int tlsPort;
  private final Path dir;
  private final Process process;
  private final Thread hook;

  private Coturn(int port, int tlsPort, Path dir, Process process, Thread hook) {
    this.port = port;
    this.tlsPort = tlsPort;
    this.dir = dir;
    this.process = process;
    this.hook = hook;
  }

  /** Starts the server (with a TLS listener when {@code tls}) and waits until it answers. */
  public static Coturn start(boolean tls) throws Exception {
    if (!Files.isExecutable(TURNSERVER)) {
      throw new AssertionError("coturn is required: install the Debian package 'coturn' (/usr/bin/turnserver)");
    }
    Path dir = Files.createTempDirectory("jrtc-coturn");
    int port = freePort();
    int tlsPort = tls ? freePort() : 0;
    List<String> cmd = new ArrayList<>(List.of(TURNSERVER.toString(), "-n",
        "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
        "--lt-cred-mech", "--user=" + USER + ":" + PASSWORD, "--realm=jrtc",
        "--no-dtls", "--no-cli", "--no-rfc5780", "--allow-loopback-peers",
        "--userdb=" + dir.resolve("turndb"), "--pidfile=" + dir.resolve("pid"),
        "--log-file=stdout", "--simple-log"));
    if (tls) {
      selfSignedCertificate(dir);
      cmd.addAll(List.of("--tls-listening-port=" + tlsPort, "--cert=" + dir.resolve("cert.pem"),
          "--pkey=" + dir.resolve("key.pem")));
    } else {
      cmd.add("--no-tls");
    }
    if (new File("/usr/bin/timeout").canExecute()) {
      // Bounds the server's life even if this JVM is killed before the shutdown hook runs.
      cmd.addAll(0, List.of("/usr/bin/timeout", "-k", "5", "600"));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("turnserver.log").toFile()).start();
    Thread hook = new Thread(() -> kill(p), "stop-coturn");
    Runtime.getRuntime().addShutdownHook(hook);
    Coturn c = new Coturn(port, tlsPort, dir, p, hook);
    try {
      c.awaitListening();
    } catch (Throwable t) {
      c.close();
      throw t;
    }
    return c;
  }

  /** A port free for both UDP and TCP on 127.0.0.1 (as far as one can tell before binding). */
  private static int freePort() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = s.getLocalPort();
        try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
          return port;
        } catch (IOException e) {
          // UDP side taken: try another
        }
      }
    }
    throw new IOException("no free port");
  }

  /** cert.pem and key.pem (P-256) in {@code dir}, valid for IP 127.0.0.1 and DNS localhost only. */
  static void selfSignedCertificate(Path dir) throws Exception {
    if (!Files.isExecutable(OPENSSL)) {
      throw new AssertionError("openssl is required to make the test certificate (/usr/bin/openssl)");
    }
    Process p = new ProcessBuilder(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
        dir.resolve("cert.pem").toString(), "-days", "2", "-subj", "/CN=jrtc coturn test", "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost").redirectErrorStream(true).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("openssl failed: " + new String(out, StandardCharsets.UTF_8));
    }
  }

  /** A TLS context that trusts this server's certificate only (what a private CA user passes). */
  public SSLContext trustingContext() throws Exception {
    Certificate cert;
    try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
      cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("coturn", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** 127.0.0.1 and {@code port}. */
  public static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * Connects two relay-only agents through the server and checks the path the same way for every
   * transport to it: paired and gathered, both connected on a relayed local candidate, then one
   * message each way.
   */
  static void connectThroughRelay(TestPeer a, TestPeer b) throws Exception {
    TestPeer.pair(a, b);
    a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    b.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    a.awaitConnected();
    b.awaitConnected();
    assertThat(a.driver.selectedPair().local().type()).isEqualTo(CandidateType.RELAYED);
    assertThat(b.driver.selectedPair().local().type()).isEqualTo(CandidateType.RELAYED);
    a.driver.send("through the relay".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(b.awaitData(), StandardCharsets.UTF_8)).isEqualTo("through the relay");
    b.driver.send("and back".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(a.awaitData(), StandardCharsets.UTF_8)).isEqualTo("and back");
  }

  /** Waits until the server answers STUN on UDP (and accepts TCP on the TLS port), or fails with its log. */
  private void awaitListening() throws Exception {
    long deadline = Clock.system().monotonicNanos() + TimeUnit.SECONDS.toNanos(TestPeer.WAIT_SECONDS);
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      s.setSoTimeout(200);
      byte[] req = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(Entropy.secure()))
          .build().encode();
      while (true) {
        if (Clock.system().monotonicNanos() - deadline > 0) {
          throw new AssertionError("turnserver did not start listening on " + port + ":\n" + log());
        }
        if (!process.isAlive()) {
          throw new AssertionError("turnserver exited with " + process.exitValue() + ":\n" + log());
        }
        s.send(new DatagramPacket(req, req.length, loopback(port)));
        try {
          s.receive(new DatagramPacket(new byte[1500], 1500));
        } catch (SocketTimeoutException e) {
          continue; // not listening yet
        }
        if (tlsPort == 0 || accepts(tlsPort)) {
          return;
        }
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(loopback(port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The server's log so far. */
  public String log() throws IOException {
    Path p = dir.resolve("turnserver.log");
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(no log)";
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill(process);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
  }
}
