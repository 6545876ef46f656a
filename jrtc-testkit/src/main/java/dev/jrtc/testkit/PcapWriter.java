package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes UDP datagrams as a classic libpcap file (the {@code .pcap} format Wireshark and tshark
 * read): link type {@code LINKTYPE_RAW} (101), each record a real IPv4 (RFC 791) or IPv6
 * (RFC 8200) header, a UDP header (RFC 768) with its checksum, and the payload. Attach one to a
 * network with {@link SimNet#capture(PcapWriter)}.
 *
 * <p>Not thread-safe. I/O errors are thrown as {@link UncheckedIOException}.
 */
public final class PcapWriter implements Closeable {
  /** The libpcap magic for microsecond timestamps. */
  static final int MAGIC = 0xa1b2c3d4;
  /** {@code LINKTYPE_RAW}: the packet begins with an IPv4 or IPv6 header. */
  static final int LINKTYPE_RAW = 101;
  static final int SNAPLEN = 65_535;
  private static final int UDP = 17;

  private final DataOutputStream out;
  private int identification;
  private long packets;

  private PcapWriter(OutputStream out) {
    this.out = new DataOutputStream(out);
  }

  /** A writer to {@code out}; writes the file header at once. The writer closes {@code out}. */
  public static PcapWriter to(OutputStream out) {
    PcapWriter w = new PcapWriter(out);
    w.writeHeader();
    return w;
  }

  /** A writer to a new file at {@code path} (replaced if it exists). */
  public static PcapWriter create(Path path) {
    try {
      return to(new java.io.BufferedOutputStream(Files.newOutputStream(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeHeader() {
    try {
      out.writeInt(MAGIC);
      out.writeShort(2); // version 2.4
      out.writeShort(4);
      out.writeInt(0); // thiszone: UTC
      out.writeInt(0); // sigfigs
      out.writeInt(SNAPLEN);
      out.writeInt(LINKTYPE_RAW);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one UDP datagram.
   *
   * @param epochMicros the timestamp, microseconds since the Unix epoch
   * @param source the source address and port
   * @param destination the destination address and port (same IP family as the source)
   * @param payload the UDP payload
   */
  public void write(long epochMicros, TransportAddress source, TransportAddress destination, byte[] payload) {
    if (source.isIpv6() != destination.isIpv6()) {
      throw new IllegalArgumentException("mixed IP families: " + source + " > " + destination);
    }
    byte[] packet = source.isIpv6() ? ipv6(source, destination, payload) : ipv4(source, destination, payload);
    int incl = Math.min(packet.length, SNAPLEN);
    try {
      out.writeInt((int) Math.floorDiv(epochMicros, 1_000_000L));
      out.writeInt((int) Math.floorMod(epochMicros, 1_000_000L));
      out.writeInt(incl);
      out.writeInt(packet.length);
      out.write(packet, 0, incl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    packets++;
  }

  /** Packets written so far. */
  public long packetsWritten() {
    return packets;
  }

  /** Flushes buffered records to the stream. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] ipv4(TransportAddress s, TransportAddress d, byte[] payload) {
    int total = 20 + 8 + payload.length;
    byte[] p = new byte[total];
    p[0] = 0x45; // version 4, IHL 5 (RFC 791 §3.1)
    put16(p, 2, total);
    put16(p, 4, identification++ & 0xffff);
    p[6] = 0x40; // DF: the simulator does not fragment
    p[8] = 64; // TTL
    p[9] = UDP;
    System.arraycopy(s.address().getAddress(), 0, p, 12, 4);
    System.arraycopy(d.address().getAddress(), 0, p, 16, 4);
    put16(p, 10, ~sum(p, 0, 20, 0) & 0xffff);
    udp(p, 20, s, d, payload, pseudoSum(p, 12, 8, payload.length + 8));
    return p;
  }

  private static byte[] ipv6(TransportAddress s, TransportAddress d, byte[] payload) {
    byte[] p = new byte[40 + 8 + payload.length];
    p[0] = 0x60; // version 6 (RFC 8200 §3)
    put16(p, 4, 8 + payload.length);
    p[6] = UDP; // next header
    p[7] = 64; // hop limit
    System.arraycopy(s.address().getAddress(), 0, p, 8, 16);
    System.arraycopy(d.address().getAddress(), 0, p, 24, 16);
    udp(p, 40, s, d, payload, pseudoSum(p, 8, 32, payload.length + 8));
    return p;
  }

  /** The pseudo-header sum: addresses, protocol and UDP length (RFC 768; RFC 8200 §8.1). */
  private static long pseudoSum(byte[] p, int addrOffset, int addrLength, int udpLength) {
    return sum(p, addrOffset, addrLength, 0) + UDP + udpLength;
  }

  private static void udp(byte[] p, int at, TransportAddress s, TransportAddress d, byte[] payload, long pseudo) {
    put16(p, at, s.port());
    put16(p, at + 2, d.port());
    put16(p, at + 4, 8 + payload.length);
    System.arraycopy(payload, 0, p, at + 8, payload.length);
    int c = ~sum(p, at, 8 + payload.length, pseudo) & 0xffff;
    put16(p, at + 6, c == 0 ? 0xffff : c); // RFC 768: a computed zero is sent as all ones
  }

  /** The 16-bit one's complement sum of {@code p[off, off+len)} plus {@code initial}, folded. */
  static int sum(byte[] p, int off, int len, long initial) {
    long s = initial;
    for (int i = 0; i + 1 < len; i += 2) {
      s += ((p[off + i] & 0xff) << 8) | (p[off + i + 1] & 0xff);
    }
    if ((len & 1) != 0) {
      s += (p[off + len - 1] & 0xff) << 8;
    }
    while ((s >>> 16) != 0) {
      s = (s & 0xffff) + (s >>> 16);
    }
    return (int) s;
  }

  private static void put16(byte[] p, int at, int v) {
    p[at] = (byte) (v >>> 8);
    p[at + 1] = (byte) v;
  }
}
