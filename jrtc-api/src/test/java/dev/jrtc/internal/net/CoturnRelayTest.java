package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 8656 against a real TURN server: Debian's coturn ({@code /usr/bin/turnserver}), started on
 * 127.0.0.1 with a long-term user and loopback peers allowed. Allocation, a relay-only
 * connection between two agents (W3C {@code iceTransportPolicy: "relay"}), and a wrong password
 * reported as a 401 gathering error. The server is stopped after the class whatever happens
 * (and by a shutdown hook if the JVM exits early). Without coturn the tests FAIL: CI installs it.
 */
class CoturnRelayTest {
  private static final Path TURNSERVER = Paths.get("/usr/bin/turnserver");
  private static final String USER = "u";
  private static final String PASSWORD = "p";
  private static IoThreads io;
  private static Process server;
  private static Thread hook;
  private static Path dir;
  private static InetSocketAddress address;

  @BeforeAll
  static void startServer() throws Exception {
    io = IoThreads.create("coturn-test", 1);
    assertThat(Files.isExecutable(TURNSERVER))
        .as("coturn is required for this test: install the Debian package 'coturn' (/usr/bin/turnserver)")
        .isTrue();
    dir = Files.createTempDirectory("jrtc-coturn");
    int port = freeUdpPort();
    address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    List<String> cmd = new ArrayList<>(List.of(TURNSERVER.toString(), "-n",
        "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
        "--lt-cred-mech", "--user=" + USER + ":" + PASSWORD, "--realm=jrtc",
        "--no-tls", "--no-dtls", "--no-tcp", "--no-cli", "--no-rfc5780", "--allow-loopback-peers",
        "--userdb=" + dir.resolve("turndb"), "--pidfile=" + dir.resolve("pid"),
        "--log-file=stdout", "--simple-log"));
    if (new File("/usr/bin/timeout").canExecute()) {
      // Bounds the server's life even if this JVM is killed before the shutdown hook runs.
      cmd.addAll(0, List.of("/usr/bin/timeout", "-k", "5", "600"));
    }
    server = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("turnserver.log").toFile()).start();
    hook = new Thread(CoturnRelayTest::kill, "stop-coturn");
    Runtime.getRuntime().addShutdownHook(hook);
    awaitStunAnswer();
  }

  @AfterAll
  static void stopServer() throws Exception {
    kill();
    if (hook != null) {
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    if (io != null) {
      io.close();
    }
  }

  private static void kill() {
    Process p = server;
    if (p == null) {
      return;
    }
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

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    }
  }

  /** Waits until the server answers a STUN Binding request (it is listening), or fails with its log. */
  private static void awaitStunAnswer() throws Exception {
    long deadline = Clock.system().monotonicNanos() + TimeUnit.SECONDS.toNanos(TestPeer.WAIT_SECONDS);
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      s.setSoTimeout(200);
      byte[] req = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(Entropy.secure()))
          .build().encode();
      while (Clock.system().monotonicNanos() - deadline < 0) {
        if (!server.isAlive()) {
          throw new AssertionError("turnserver exited with " + server.exitValue() + ":\n" + log());
        }
        s.send(new DatagramPacket(req, req.length, address));
        try {
          s.receive(new DatagramPacket(new byte[1500], 1500));
          return;
        } catch (SocketTimeoutException e) {
          // not listening yet
        }
      }
    }
    throw new AssertionError("turnserver did not answer STUN on " + address + ":\n" + log());
  }

  private static String log() throws IOException {
    Path p = dir.resolve("turnserver.log");
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(no log)";
  }

  private static TestPeer relayPeer(String name, boolean controlling, String password) {
    return new TestPeer(name, controlling, b -> b.io(io).relayOnly(true)
        .turnServers(List.of(new TurnServer(address, USER, password))));
  }

  @Test
  @DisplayName("RFC 8656 §7: Allocate with long-term credentials gives a relayed candidate; relay-only signals nothing else")
  void allocates() throws Exception {
    try (TestPeer a = relayPeer("a", true, PASSWORD)) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      Candidate relayed = a.await(IceEvent.CandidateGathered.class).candidate();
      assertThat(relayed.type()).isEqualTo(CandidateType.RELAYED);
      assertThat(relayed.address().address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
      assertThat(relayed.address().port()).isNotEqualTo(address.getPort());
      assertThat(relayed.relatedAddress()).isNotNull();
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.driver.localCandidates()).containsExactly(relayed);
      assertThat(a.seen).noneMatch(e -> e instanceof IceEvent.GatheringError);
    }
  }

  @Test
  @DisplayName("RFC 8445 + RFC 8656: two relay-only agents connect through coturn and exchange data")
  void relayOnlyConnection() throws Exception {
    try (TestPeer a = relayPeer("a", true, PASSWORD); TestPeer b = relayPeer("b", false, PASSWORD)) {
      TestPeer.pair(a, b);
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      b.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      a.awaitConnected();
      b.awaitConnected();
      assertThat(a.driver.selectedPair().local().type()).isEqualTo(CandidateType.RELAYED);
      assertThat(a.driver.selectedPair().remote().type()).isEqualTo(CandidateType.RELAYED);
      assertThat(b.driver.selectedPair().local().type()).isEqualTo(CandidateType.RELAYED);
      a.driver.send("through the relay".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(b.awaitData(), StandardCharsets.UTF_8)).isEqualTo("through the relay");
      b.driver.send("and back".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(a.awaitData(), StandardCharsets.UTF_8)).isEqualTo("and back");
      // After the channel is bound (RFC 8656 §12) data keeps flowing, now as ChannelData.
      for (int i = 0; i < 50; i++) {
        a.driver.send(new byte[] {(byte) 0x80, (byte) i});
      }
      for (int i = 0; i < 50; i++) {
        assertThat(b.awaitData()).containsExactly(0x80, i);
      }
    }
  }

  @Test
  @DisplayName("RFC 8445 §5.1.1.2: coturn as STUN server answers; on loopback the mapped address is the base, so no srflx")
  void stunServerOnLoopback() throws Exception {
    try (TestPeer a = new TestPeer("a", true, b -> b.io(io).stunServers(List.of(address)))) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      Candidate host = a.await(IceEvent.CandidateGathered.class).candidate();
      // GatheringComplete waits for the STUN answer: with a lost or refused query it would be an error first.
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.seen).noneMatch(e -> e instanceof IceEvent.GatheringError);
      assertThat(a.driver.localCandidates()).containsExactly(host);
    }
  }

  @Test
  @DisplayName("W3C icecandidateerror: a wrong TURN password is a 401 gathering error, and gathering still completes")
  void wrongPassword() throws Exception {
    try (TestPeer a = relayPeer("a", true, "wrong")) {
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      IceEvent.GatheringError error = a.await(IceEvent.GatheringError.class);
      assertThat(error.errorCode()).isEqualTo(401);
      assertThat(error.server().port()).isEqualTo(address.getPort());
      a.await(IceEvent.GatheringComplete.class);
      assertThat(a.driver.localCandidates()).isEmpty();
    }
  }
}
