package dev.jrtc.testkit;

import static dev.jrtc.testkit.Addr.udp;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pcap output: libpcap file format, IPv4 (RFC 791), IPv6 (RFC 8200) and UDP (RFC 768) headers. */
class PcapWriterTest {

  @Test
  void writesTheClassicHeaderAndAnIpv4UdpRecordWithValidChecksums() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapWriter w = PcapWriter.to(out);
    byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
    w.write(1_767_225_600_123_456L, udp("192.168.0.2", 5000), udp("1.2.3.4", 3478), payload);
    w.close();
    ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
    assertThat(b.getInt()).isEqualTo(0xa1b2c3d4);
    assertThat(b.getShort()).isEqualTo((short) 2);
    assertThat(b.getShort()).isEqualTo((short) 4);
    b.getInt();
    b.getInt();
    assertThat(b.getInt()).isEqualTo(65535);
    assertThat(b.getInt()).isEqualTo(101);
    assertThat(b.getInt()).isEqualTo(1_767_225_600);
    assertThat(b.getInt()).isEqualTo(123_456);
    assertThat(b.getInt()).isEqualTo(33);
    assertThat(b.getInt()).isEqualTo(33);
    byte[] ip = new byte[33];
    b.get(ip);
    assertThat(b.hasRemaining()).isFalse();
    assertThat(ip[0]).isEqualTo((byte) 0x45);
    assertThat(((ip[2] & 0xff) << 8) | (ip[3] & 0xff)).isEqualTo(33);
    assertThat(ip[9]).isEqualTo((byte) 17);
    assertThat(PcapWriter.sum(ip, 0, 20, 0)).as("IPv4 header checksum verifies").isEqualTo(0xffff);
    assertThat(new byte[] {ip[12], ip[13], ip[14], ip[15]}).containsExactly(192, 168, 0, 2);
    assertThat(((ip[20] & 0xff) << 8) | (ip[21] & 0xff)).isEqualTo(5000);
    assertThat(((ip[22] & 0xff) << 8) | (ip[23] & 0xff)).isEqualTo(3478);
    assertThat(((ip[24] & 0xff) << 8) | (ip[25] & 0xff)).isEqualTo(13);
    long pseudo = PcapWriter.sum(ip, 12, 8, 0) + 17 + 13;
    assertThat(PcapWriter.sum(ip, 20, 13, pseudo)).as("UDP checksum verifies").isEqualTo(0xffff);
    assertThat(new String(ip, 28, 5, StandardCharsets.US_ASCII)).isEqualTo("hello");
  }

  @Test
  void writesIpv6Records() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapWriter w = PcapWriter.to(out);
    w.write(0, udp("fd00::1", 1), udp("fd00::2", 2), new byte[] {7});
    w.flush();
    byte[] f = out.toByteArray();
    byte[] ip = java.util.Arrays.copyOfRange(f, 24 + 16, f.length);
    assertThat(ip).hasSize(49);
    assertThat(ip[0]).isEqualTo((byte) 0x60);
    assertThat(ip[6]).isEqualTo((byte) 17);
    long pseudo = PcapWriter.sum(ip, 8, 32, 0) + 17 + 9;
    assertThat(PcapWriter.sum(ip, 40, 9, pseudo)).isEqualTo(0xffff);
  }

  @Test
  void aSimulatedExchangeIsReadableByTshark(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("net.pcap");
    SimNet net = SimNet.builder(SimClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"))).seed(3).build();
    SimRouter wan = net.router("wan", "1.2.3.0/24");
    SimRouter lan = wan.child("lan", "192.168.0.0/24", Nat.fullCone(), "1.2.3.1");
    SimSocket a = lan.host("192.168.0.2").bind(5000);
    SimSocket b = wan.host("1.2.3.5").bind(6000);
    net.link(lan, wan).latency(Duration.ofMillis(10));
    try (PcapWriter pcap = PcapWriter.create(file)) {
      net.capture(pcap);
      b.onReceive((from, to, data) -> b.send(from, data));
      a.send(b.localAddress(), "ping".getBytes(StandardCharsets.US_ASCII));
      net.advance(Duration.ofSeconds(1));
      // a>lan, lan>wan (translated), wan>1.2.3.5; then the answer back through three links.
      assertThat(pcap.packetsWritten()).isEqualTo(6);
    }
    assertThat(Files.size(file)).isEqualTo(24 + 6 * (16 + 32));
    Path tshark = Path.of("/usr/bin/tshark");
    Assumptions.assumeTrue(Files.isExecutable(tshark), "tshark is not installed");
    Process p = new ProcessBuilder(tshark.toString(), "-r", file.toString(), "-T", "fields", "-E", "separator=,",
        "-e", "frame.time_epoch", "-e", "ip.src", "-e", "udp.srcport", "-e", "ip.dst", "-e", "udp.dstport",
        "-e", "udp.length", "-e", "ip.checksum.status", "-e", "udp.checksum.status",
        "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE")
        .redirectErrorStream(false).start();
    byte[] stdout = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    // Wireshark checksum status: 0 bad, 1 good, 2 unverified.
    List<String> lines = new String(stdout, StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).startsWith("1767225600.000000000,192.168.0.2,5000,1.2.3.5,6000,12,1,1");
    assertThat(lines.get(1)).startsWith("1767225600.000000000,1.2.3.1,5000,1.2.3.5,6000,12,1,1");
    assertThat(lines.get(2)).startsWith("1767225600.010000000,1.2.3.1,5000,1.2.3.5,6000,12,1,1");
    assertThat(lines.get(5)).startsWith("1767225600.020000000,1.2.3.5,6000,192.168.0.2,5000,12,1,1");
  }

}
