package dev.jrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** RFC 8832 §5: DCEP messages round trip byte for byte; random bytes only raise DcepParseException. */
class DcepProperties {

  static Arbitrary<String> text() {
    // Valid UTF-16 only (no lone surrogates), so the UTF-8 round trip is exact.
    return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD').ofMaxLength(40);
  }

  @Provide
  Arbitrary<DcepMessage> messages() {
    Arbitrary<DcepMessage> open = Combinators.combine(Arbitraries.of(ChannelType.values()),
            Arbitraries.integers().between(0, 0xffff), Arbitraries.longs().between(0, 0xffffffffL), text(), text())
        .as(DataChannelOpen::new);
    return Arbitraries.oneOf(open, Arbitraries.just(new DataChannelAck()));
  }

  @Property
  void roundTrips(@ForAll("messages") DcepMessage m) throws DcepParseException {
    byte[] bytes = m.toBytes();
    DcepMessage parsed = DcepMessage.parse(bytes);
    assertThat(parsed).isEqualTo(m);
    assertThat(parsed.toBytes()).isEqualTo(bytes);
  }

  @Property
  void randomBytesOnlyRaiseDcepParseException(@ForAll @Size(max = 64) byte[] garbage) {
    assertThatCode(() -> {
      try {
        DcepMessage.parse(garbage);
      } catch (DcepParseException expected) {
        // The only failure allowed.
      }
    }).doesNotThrowAnyException();
  }

  @Property
  void randomBodyAfterOpenTypeOnlyRaisesDcepParseException(@ForAll @Size(max = 64) byte[] body) {
    byte[] b = new byte[body.length + 1];
    b[0] = 0x03;
    System.arraycopy(body, 0, b, 1, body.length);
    assertThatCode(() -> {
      try {
        DcepMessage.parse(b);
      } catch (DcepParseException expected) {
        // The only failure allowed.
      }
    }).doesNotThrowAnyException();
  }
}
