package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.ice.TransportAddress;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Every record the pcap writer produces has consistent lengths and verifying checksums (RFC 768, RFC 791). */
class PcapWriterProperties {

  @Property(tries = 300)
  void headersAndChecksumsAreValidForAnyDatagram(@ForAll @Size(max = 1500) byte[] payload,
      @ForAll @Size(16) byte[] srcRaw, @ForAll @Size(16) byte[] dstRaw, @ForAll boolean ipv6,
      @ForAll @IntRange(max = 65535) int srcPort, @ForAll @IntRange(max = 65535) int dstPort)
      throws UnknownHostException {
    int len = ipv6 ? 16 : 4;
    TransportAddress src = TransportAddress.udp(InetAddress.getByAddress(Arrays.copyOf(srcRaw, len)), srcPort);
    TransportAddress dst = TransportAddress.udp(InetAddress.getByAddress(Arrays.copyOf(dstRaw, len)), dstPort);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapWriter w = PcapWriter.to(out);
    w.write(1_000_000L, src, dst, payload);
    w.close();
    byte[] f = out.toByteArray();
    byte[] ip = Arrays.copyOfRange(f, 24 + 16, f.length);
    // IPv4-mapped IPv6 bytes come back from getByAddress as IPv4: follow what the address is.
    boolean v6 = src.isIpv6();
    int header = v6 ? 40 : 20;
    assertThat(ip).hasSize(header + 8 + payload.length);
    int udpLength = 8 + payload.length;
    long pseudo = v6 ? PcapWriter.sum(ip, 8, 32, 0) + 17 + udpLength : PcapWriter.sum(ip, 12, 8, 0) + 17 + udpLength;
    if (!v6) {
      assertThat(PcapWriter.sum(ip, 0, 20, 0)).isEqualTo(0xffff);
    }
    assertThat(PcapWriter.sum(ip, header, udpLength, pseudo)).isEqualTo(0xffff);
    assertThat(Arrays.copyOfRange(ip, header + 8, ip.length)).isEqualTo(payload);
  }
}
