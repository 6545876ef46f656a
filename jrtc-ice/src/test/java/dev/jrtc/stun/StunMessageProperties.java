package dev.jrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** jqwik: encode/parse round trips and garbage input for STUN. */
class StunMessageProperties {

  @Property(tries = 500)
  void encodeThenParseIsIdentity(@ForAll("messages") StunMessage m) throws Exception {
    byte[] wire = m.encode();
    StunMessage parsed = StunMessage.parse(wire);
    assertThat(parsed).isEqualTo(m);
    assertThat(parsed.encode()).isEqualTo(wire);
  }

  @Property(tries = 300)
  void integrityAndFingerprintVerify(@ForAll("messages") StunMessage m, @ForAll byte[] key) throws Exception {
    StunMessage.Builder b = StunMessage.builder(m.method(), m.stunClass(), m.transactionId());
    m.attributes().forEach(b::add);
    StunMessage signed = b.addMessageIntegrity(key).addMessageIntegritySha256(key).addFingerprint().build();
    StunMessage parsed = StunMessage.parse(signed.encode());
    assertThat(parsed.checkMessageIntegrity(key)).isTrue();
    assertThat(parsed.checkMessageIntegritySha256(key)).isTrue();
    assertThat(parsed.checkFingerprint()).isTrue();
  }

  @Property(tries = 3000)
  void randomBytesOnlyThrowStunParseException(@ForAll byte[] data) {
    try {
      StunMessage m = StunMessage.parse(data);
      assertThat(m.encode()).isEqualTo(data);
    } catch (StunParseException expected) {
      // the only exception allowed
    }
  }

  @Property(tries = 3000)
  void mutatedValidMessagesOnlyThrowStunParseException(@ForAll("messages") StunMessage m,
      @ForAll("indexes") int index, @ForAll byte value) {
    byte[] wire = m.encode();
    wire[Math.floorMod(index, wire.length)] = value;
    try {
      StunMessage.parse(wire);
    } catch (StunParseException expected) {
      // the only exception allowed
    }
  }

  @Provide
  Arbitrary<Integer> indexes() {
    return Arbitraries.integers().between(0, 10_000);
  }

  @Provide
  Arbitrary<StunMessage> messages() {
    Arbitrary<TransactionId> tx = Arbitraries.bytes().array(byte[].class).ofSize(12).map(TransactionId::of);
    Arbitrary<StunMethod> method = Arbitraries.integers().between(0, 0xfff).map(StunMethod::new);
    Arbitrary<StunClass> cls = Arbitraries.of(StunClass.class);
    Arbitrary<List<StunAttribute>> attrs = attribute().list().ofMaxSize(8);
    return Combinators.combine(method, cls, tx, attrs).as((mt, c, t, as) -> {
      StunMessage.Builder b = StunMessage.builder(mt, c, t);
      as.forEach(b::add);
      return b.build();
    });
  }

  private static Arbitrary<InetAddress> addresses() {
    Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
    Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
    return Arbitraries.oneOf(v4, v6).map(b -> {
      try {
        return b.length == 4 ? InetAddress.getByAddress(b) : Inet6Address.getByAddress(null, b, -1);
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    });
  }

  private static Arbitrary<StunAttribute> attribute() {
    Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40)
        .filter(s -> s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF));
    Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xffffffffL);
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    Arbitrary<Integer> code = Arbitraries.integers().between(300, 699);
    Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
    Arbitrary<Integer> unknownType = Arbitraries.integers().between(0, 0xffff)
        .filter(t -> t == 0x001d || t == 0x001e || t == 0x8023 || t >= 0xC000);
    return Arbitraries.oneOf(List.of(
        Combinators.combine(addresses(), port).as(MappedAddress::new),
        Combinators.combine(addresses(), port).as(XorMappedAddress::new),
        Combinators.combine(addresses(), port).as(XorPeerAddress::new),
        Combinators.combine(addresses(), port).as(XorRelayedAddress::new),
        text.map(Username::new), text.map(Realm::new), text.map(Nonce::new), text.map(Software::new),
        Combinators.combine(code, text).as(ErrorCode::new),
        Arbitraries.integers().between(0, 0xffff).list().ofMaxSize(5).map(UnknownAttributes::new),
        u32.map(Priority::new), Arbitraries.just(new UseCandidate()),
        Arbitraries.longs().map(IceControlled::new), Arbitraries.longs().map(IceControlling::new),
        Arbitraries.integers().between(0, 0xffff).map(ChannelNumber::new), u32.map(Lifetime::new),
        bytes.map(Data::new), u8.map(RequestedTransport::new), Arbitraries.just(new DontFragment()),
        Arbitraries.longs().map(ReservationToken::new), Arbitraries.of(true, false).map(EvenPort::new),
        u8.map(RequestedAddressFamily::new), u8.map(AdditionalAddressFamily::new),
        Combinators.combine(u8, code, text).as(AddressErrorCode::new),
        Combinators.combine(u8, u8, Arbitraries.integers()).as(Icmp::new),
        Combinators.combine(unknownType, bytes).as(RawAttribute::new)));
  }
}
