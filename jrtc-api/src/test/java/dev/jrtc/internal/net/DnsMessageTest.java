package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The DNS codec (RFC 1035 §4, RFC 6762 §18) with hand-built packets. */
class DnsMessageTest {
  private static final String NAME = "1f2e3d4c-5b6a-4789-8abc-def012345678.local";
  private static final HexFormat HEX = HexFormat.of();

  /** The encoded name: length-prefixed labels and the root label. */
  private static String nameHex(String name) {
    StringBuilder b = new StringBuilder();
    for (String label : name.split("\\.")) {
      b.append(String.format("%02x", label.length())).append(HEX.formatHex(label.getBytes()));
    }
    return b.append("00").toString();
  }

  @Test
  @DisplayName("RFC 6762 §5.1/§5.4: the one-shot query asks A and AAAA with the QU bit, ID 0")
  void queryBytes() {
    byte[] q = MdnsResolverClient.query(NAME + ".").encode();
    String expected = "0000" + "0000" + "0002" + "0000" + "0000" + "0000"
        + nameHex(NAME) + "0001" + "8001"
        + nameHex(NAME) + "001c" + "8001";
    assertThat(HEX.formatHex(q)).isEqualTo(expected);
  }

  @Test
  @DisplayName("a response: A answer with cache-flush, AAAA additional through a compression pointer")
  void parseResponse() throws Exception {
    String hex = "0000" + "8400" + "0000" + "0001" + "0000" + "0001"
        + nameHex(NAME) + "0001" + "8001" + "00000078" + "0004" + "c0a80102"
        + "c00c" + "001c" + "8001" + "00000078" + "0010" + "20010db8000000000000000000000002";
    DnsMessage m = DnsMessage.parse(HEX.parseHex(hex));
    assertThat(m.isResponse()).isTrue();
    assertThat(m.rcode()).isZero();
    assertThat(m.questions()).isEmpty();
    assertThat(m.answers()).hasSize(1);
    DnsRecord a = m.answers().get(0);
    assertThat(a.name()).isEqualTo(NAME);
    assertThat(a.classCode()).isEqualTo(DnsMessage.CLASS_IN);
    assertThat(a.rrclass() & DnsRecord.CACHE_FLUSH).isNotZero();
    assertThat(a.ttl()).isEqualTo(120);
    assertThat(a.address()).isEqualTo(InetAddress.getByName("192.168.1.2"));
    DnsRecord aaaa = m.additionals().get(0);
    assertThat(aaaa.name()).isEqualTo(NAME);
    assertThat(aaaa.address()).isEqualTo(InetAddress.getByName("2001:db8::2"));
  }

  @Test
  @DisplayName("encode then parse gives the same message")
  void roundTrip() throws Exception {
    DnsMessage m = new DnsMessage(0x1234, DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE,
        List.of(DnsQuestion.in("x.local", DnsMessage.TYPE_A, false)),
        List.of(new DnsRecord("x.local", DnsMessage.TYPE_A, 1, 0xfffffffeL, new byte[] {10, 0, 0, 1})),
        List.of(new DnsRecord("y.local", 16, 1, 5, new byte[] {3, 'a', 'b', 'c'})),
        List.of());
    assertThat(DnsMessage.parse(m.encode())).isEqualTo(m);
  }

  @Test
  @DisplayName("records that are not IN A/AAAA of the right length give no address")
  void noAddress() {
    assertThat(new DnsRecord("x", DnsMessage.TYPE_A, 1, 1, new byte[3]).address()).isNull();
    assertThat(new DnsRecord("x", DnsMessage.TYPE_AAAA, 1, 1, new byte[4]).address()).isNull();
    assertThat(new DnsRecord("x", DnsMessage.TYPE_A, 3, 1, new byte[4]).address()).isNull(); // class CH
    assertThat(new DnsRecord("x", 16, 1, 1, new byte[4]).address()).isNull(); // TXT
  }

  @Test
  @DisplayName("malformed packets are typed errors naming the field")
  void malformed() {
    assertError("0000840000", "truncated QDCOUNT");
    assertError("000084000001000000000000" + "05616263", "truncated label in QNAME");
    assertError("000084000001000000000000" + "00" + "0001", "truncated QCLASS");
    // A pointer to itself, and one pointing forwards: loops are impossible.
    assertError("000084000001000000000000" + "c00c" + "00010001", "does not point backwards");
    assertError("000084000001000000000000" + "c020" + "00010001", "does not point backwards");
    assertError("000084000001000000000000" + "40" + "00010001", "reserved label type 0x40");
    assertError("000084000000000100000000" + "00" + "0001" + "0001" + "00000078" + "0004" + "c0a8",
        "truncated answer RDATA (4 bytes announced)");
    assertError("000084000000000000000000" + "ff", "1 trailing bytes");
    StringBuilder longName = new StringBuilder("000084000001000000000000");
    for (int i = 0; i < 5; i++) {
      longName.append("3f").append("61".repeat(63));
    }
    assertError(longName.append("00" + "00010001").toString(), "QNAME longer than 255 bytes");
  }

  private static void assertError(String hex, String message) {
    assertThatThrownBy(() -> DnsMessage.parse(HEX.parseHex(hex))).isInstanceOf(DnsParseException.class)
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("every truncation and random bytes: only DnsParseException, never another exception")
  void garbage() throws Exception {
    String hex = "0000" + "8400" + "0000" + "0001" + "0000" + "0001"
        + nameHex(NAME) + "0001" + "8001" + "00000078" + "0004" + "c0a80102"
        + "c00c" + "001c" + "8001" + "00000078" + "0010" + "20010db8000000000000000000000002";
    byte[] valid = HEX.parseHex(hex);
    for (int n = 0; n < valid.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(valid, n);
      assertThatThrownBy(() -> DnsMessage.parse(cut)).isInstanceOf(DnsParseException.class);
    }
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = i % 2 == 0 ? new byte[random.nextInt(80)] : valid.clone();
      if (i % 2 == 0) {
        random.nextBytes(b);
      } else {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      try {
        DnsMessage.parse(b);
      } catch (DnsParseException expected) {
        // fine
      }
    }
  }

  @Test
  @DisplayName("the writer rejects labels over 63 bytes and empty labels")
  void writerLimits() {
    assertThatThrownBy(() -> MdnsResolverClient.query("a".repeat(64) + ".local").encode())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..63");
    assertThatThrownBy(() -> MdnsResolverClient.query("a..local").encode())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
