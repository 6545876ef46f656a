package dev.jrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 5769 "Test Vectors for STUN" (https://www.rfc-editor.org/rfc/rfc5769) and RFC 8489
 * Appendix B.1: each vector is parsed, checked field by field, its integrity and fingerprint
 * verified, and re-encoded byte for byte.
 */
class Rfc5769VectorsTest {
  private static final byte[] SHORT_TERM = StunCredentials.shortTermKey("VOkJxbRl1RmTxUk/WvJxBt");
  private static final TransactionId TX =
      TransactionId.of(HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae"));

  @Test
  @DisplayName("RFC 5769 §2.1 sample request")
  void sampleRequest() throws Exception {
    byte[] wire = TestHex.resource("/vectors/rfc5769/sample-request.hex");
    StunMessage m = StunMessage.parse(wire);
    assertThat(m.method()).isEqualTo(StunMethod.BINDING);
    assertThat(m.stunClass()).isEqualTo(StunClass.REQUEST);
    assertThat(m.transactionId()).isEqualTo(TX);
    assertThat(m.attributes()).hasSize(6);
    assertThat(m.attribute(Software.class)).contains(new Software("STUN test client"));
    assertThat(m.attribute(Priority.class)).contains(new Priority(0x6e0001ffL));
    assertThat(m.attribute(IceControlled.class)).contains(new IceControlled(0x932ff9b151263b36L));
    assertThat(m.attribute(Username.class)).contains(new Username("evtj:h6vY"));
    assertThat(m.checkMessageIntegrity(SHORT_TERM)).isTrue();
    assertThat(m.checkMessageIntegrity(StunCredentials.shortTermKey("wrong"))).isFalse();
    assertThat(m.checkFingerprint()).isTrue();
    assertThat(m.encode()).isEqualTo(wire);
    assertThat(StunMessage.isStun(wire, 0, wire.length)).isTrue();
  }

  @Test
  @DisplayName("RFC 5769 §2.1 rebuilt from its fields with space padding gives the same bytes")
  void sampleRequestRebuilt() throws Exception {
    byte[] wire = TestHex.resource("/vectors/rfc5769/sample-request.hex");
    StunMessage built = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TX)
        .add(new Software("STUN test client"))
        .add(new Priority(0x6e0001ffL))
        .add(new IceControlled(0x932ff9b151263b36L))
        .add(new Username("evtj:h6vY"))
        .addMessageIntegrity(SHORT_TERM)
        .addFingerprint()
        .build();
    assertThat(built.attributes().subList(0, 4)).isEqualTo(StunMessage.parse(wire).attributes().subList(0, 4));
    // Our encoder pads with zeros where RFC 5769 used spaces: everything but the padding,
    // the HMAC and the CRC over it is identical, and both verify.
    byte[] ours = built.encode();
    assertThat(ours).hasSameSizeAs(wire);
    assertThat(StunMessage.parse(ours).checkMessageIntegrity(SHORT_TERM)).isTrue();
    assertThat(StunMessage.parse(ours).checkFingerprint()).isTrue();
  }

  @Test
  @DisplayName("RFC 5769 §2.2 sample IPv4 response")
  void sampleIpv4Response() throws Exception {
    byte[] wire = TestHex.resource("/vectors/rfc5769/sample-ipv4-response.hex");
    StunMessage m = StunMessage.parse(wire);
    assertThat(m.stunClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(m.attribute(Software.class)).contains(new Software("test vector"));
    assertThat(m.attribute(XorMappedAddress.class))
        .contains(new XorMappedAddress(InetAddress.getByName("192.0.2.1"), 32853));
    assertThat(m.checkMessageIntegrity(SHORT_TERM)).isTrue();
    assertThat(m.checkFingerprint()).isTrue();
    assertThat(m.encode()).isEqualTo(wire);
  }

  @Test
  @DisplayName("RFC 5769 §2.3 sample IPv6 response")
  void sampleIpv6Response() throws Exception {
    byte[] wire = TestHex.resource("/vectors/rfc5769/sample-ipv6-response.hex");
    StunMessage m = StunMessage.parse(wire);
    assertThat(m.attribute(XorMappedAddress.class)).contains(
        new XorMappedAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
    assertThat(m.checkMessageIntegrity(SHORT_TERM)).isTrue();
    assertThat(m.checkFingerprint()).isTrue();
    assertThat(m.encode()).isEqualTo(wire);
  }

  @Test
  @DisplayName("RFC 5769 §2.4 sample request with long-term authentication (SASLprep)")
  void sampleRequestLongTerm() throws Exception {
    byte[] wire = TestHex.resource("/vectors/rfc5769/sample-request-long-term.hex");
    StunMessage m = StunMessage.parse(wire);
    String user = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    assertThat(m.attribute(Username.class)).contains(new Username(user));
    assertThat(m.attribute(Nonce.class)).contains(new Nonce("f//499k954d6OL34oL9FSTvy64sA"));
    assertThat(m.attribute(Realm.class)).contains(new Realm("example.org"));
    byte[] key = StunCredentials.longTermKey(user, "example.org", "The\u00ADM\u00AAtr\u2168");
    assertThat(key).isEqualTo(StunCredentials.longTermKey(user, "example.org", "TheMatrIX"));
    assertThat(m.checkMessageIntegrity(key)).isTrue();
    assertThat(m.has(Fingerprint.class)).isFalse();
    assertThat(m.checkFingerprint()).isFalse();
    assertThat(m.encode()).isEqualTo(wire);
    // Built from scratch, this one pads with zeros like the vector: identical bytes.
    StunMessage built = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, m.transactionId())
        .add(new Username(user)).add(new Nonce("f//499k954d6OL34oL9FSTvy64sA")).add(new Realm("example.org"))
        .addMessageIntegrity(key).build();
    assertThat(built.encode()).isEqualTo(wire);
  }

  @Test
  @DisplayName("RFC 8489 Appendix B.1 MESSAGE-INTEGRITY-SHA256 with USERHASH and PASSWORD-ALGORITHM")
  void rfc8489SampleSha256() throws Exception {
    byte[] wire = TestHex.resource("/vectors/rfc5769/rfc8489-b1-sha256.hex");
    StunMessage m = StunMessage.parse(wire);
    String user = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    assertThat(m.attribute(RawAttribute.class).map(RawAttribute::type)).contains(0x001e);
    assertThat(m.attribute(Nonce.class)).contains(new Nonce("obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA"));
    byte[] key = StunCredentials.longTermKeySha256(user, "example.org", "The\u00ADM\u00AAtr\u2168");
    assertThat(m.checkMessageIntegritySha256(key)).isTrue();
    assertThat(m.encode()).isEqualTo(wire);
  }

  @Test
  void userHashIsSha256OfUsernameAndRealm() throws Exception {
    byte[] wire = TestHex.resource("/vectors/rfc5769/rfc8489-b1-sha256.hex");
    RawAttribute userHash = StunMessage.parse(wire).attribute(RawAttribute.class).orElseThrow();
    byte[] expected = java.security.MessageDigest.getInstance("SHA-256")
        .digest("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9:example.org".getBytes(StandardCharsets.UTF_8));
    assertThat(userHash.value()).isEqualTo(expected);
  }
}
