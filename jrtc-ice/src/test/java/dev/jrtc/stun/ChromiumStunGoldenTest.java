package dev.jrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A Binding request captured from Chromium 156 (ICE connectivity check), parsed and mutated. */
class ChromiumStunGoldenTest {
  private static final byte[] WIRE = TestHex.resource("/captures/chrome/chromium156-stun-binding-request.hex");

  @Test
  void parsesEveryField() throws Exception {
    StunMessage m = StunMessage.parse(WIRE);
    assertThat(m.method()).isEqualTo(StunMethod.BINDING);
    assertThat(m.stunClass()).isEqualTo(StunClass.REQUEST);
    assertThat(m.transactionId().toString()).isEqualTo("334e746d377a364651305979");
    assertThat(m.attributes()).containsExactly(
        new Username("jvozefx1:eTT2"),
        new RawAttribute(0xC057, new byte[] {0, 0, 0x03, (byte) 0xe7}), // GOOG-NETWORK-INFO
        new IceControlling(0x944535cd492d9dc8L),
        new Priority(0x6e001effL),
        m.attribute(MessageIntegrity.class).orElseThrow(),
        new Fingerprint(0xef450682L));
    assertThat(m.checkFingerprint()).isTrue();
    assertThat(m.encode()).isEqualTo(WIRE);
  }

  @Test
  void truncatedIsRejected() {
    assertThatThrownBy(() -> StunMessage.parse(Arrays.copyOf(WIRE, WIRE.length - 4)))
        .isInstanceOf(StunParseException.class).hasMessageContaining("does not match datagram size");
  }

  @Test
  void badFingerprintIsDetected() throws Exception {
    byte[] b = WIRE.clone();
    b[b.length - 1] ^= 1;
    assertThat(StunMessage.parse(b).checkFingerprint()).isFalse();
  }

  @Test
  void badAttributeLengthIsRejected() {
    byte[] b = WIRE.clone();
    b[22] = 0x7f; // USERNAME length far beyond the message
    assertThatThrownBy(() -> StunMessage.parse(b))
        .isInstanceOf(StunParseException.class).hasMessageContaining("exceeds the message");
  }

  @Test
  void badCookieIsRejected() {
    byte[] b = WIRE.clone();
    b[4] = 0;
    assertThat(StunMessage.isStun(b, 0, b.length)).isFalse();
    assertThatThrownBy(() -> StunMessage.parse(b))
        .isInstanceOf(StunParseException.class).hasMessageContaining("magic cookie");
  }

  @Test
  @DisplayName("RFC 8489 §14.5 attributes after MESSAGE-INTEGRITY do not count")
  void attributesAfterIntegrityAreIgnored() throws Exception {
    // Insert USE-CANDIDATE (0x0025, empty) between MESSAGE-INTEGRITY and FINGERPRINT.
    byte[] tail = {0x00, 0x25, 0x00, 0x00};
    byte[] b = new byte[WIRE.length + 4];
    System.arraycopy(WIRE, 0, b, 0, WIRE.length - 8);
    System.arraycopy(tail, 0, b, WIRE.length - 8, 4);
    System.arraycopy(WIRE, WIRE.length - 8, b, WIRE.length - 4, 8);
    b[3] = (byte) (b[3] + 4);
    StunMessage m = StunMessage.parse(b);
    assertThat(m.attributes()).contains(new UseCandidate());
    assertThat(m.attribute(UseCandidate.class)).isEmpty();
    assertThat(m.attribute(Fingerprint.class)).isPresent();
    assertThat(m.encode()).isEqualTo(b);
  }

  @Test
  void unknownComprehensionRequiredAttributes() throws Exception {
    StunMessage m = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, StunMessage.parse(WIRE).transactionId())
        .add(new RawAttribute(0x7001, new byte[] {1})).add(new RawAttribute(0xC001, new byte[0])).build();
    assertThat(StunMessage.parse(m.encode()).unknownComprehensionRequired()).containsExactly(0x7001);
    assertThat(StunMessage.parse(WIRE).unknownComprehensionRequired()).isEmpty();
  }
}
