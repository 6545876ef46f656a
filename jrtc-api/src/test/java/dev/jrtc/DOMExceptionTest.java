package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** STYLE.md S9: one exception class per DOM name; RTCError carries its details. */
class DOMExceptionTest {

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of((Function<String, DOMException>) InvalidStateException::new, "InvalidStateError"),
        Arguments.of((Function<String, DOMException>) InvalidAccessException::new, "InvalidAccessError"),
        Arguments.of((Function<String, DOMException>) InvalidModificationException::new, "InvalidModificationError"),
        Arguments.of((Function<String, DOMException>) OperationException::new, "OperationError"),
        Arguments.of((Function<String, DOMException>) SyntaxException::new, "SyntaxError"),
        Arguments.of((Function<String, DOMException>) NotSupportedException::new, "NotSupportedError"),
        Arguments.of((Function<String, DOMException>) TypeException::new, "TypeError"),
        Arguments.of((Function<String, DOMException>) RangeException::new, "RangeError"),
        Arguments.of((Function<String, DOMException>) InvalidCharacterException::new, "InvalidCharacterError"),
        Arguments.of((Function<String, DOMException>) UnknownException::new, "UnknownError"),
        Arguments.of((Function<String, DOMException>) NotFoundException::new, "NotFoundError"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("names")
  void nameAndMessage(Function<String, DOMException> make, String name) {
    DOMException e = make.apply("what was wrong");
    assertThat(e.name()).isEqualTo(name);
    assertThat(e.getMessage()).isEqualTo("what was wrong");
    assertThat(e).isInstanceOf(RuntimeException.class);
    assertThat(e.toString()).isEqualTo(name + ": what was wrong");
  }

  @Test
  void rtcErrorIsAnOperationExceptionNamedRtcError() {
    RTCError e = new RTCError(RTCErrorInit.sdpSyntaxError(7), "bad line");
    assertThat(e).isInstanceOf(OperationException.class);
    assertThat(e.name()).isEqualTo("RTCError");
    assertThat(e.errorDetail()).isEqualTo(RTCErrorDetailType.SDP_SYNTAX_ERROR);
    assertThat(e.sdpLineNumber()).isEqualTo(7);
    assertThat(e.sctpCauseCode()).isNull();
    assertThat(e.receivedAlert()).isNull();
    assertThat(e.sentAlert()).isNull();
    assertThat(e.httpRequestStatusCode()).isNull();
  }

  @Test
  void rtcErrorKeepsItsCause() {
    IllegalStateException cause = new IllegalStateException("x");
    RTCError e = new RTCError(new RTCErrorInit(RTCErrorDetailType.DTLS_FAILURE, null, null, 40, 0, null),
        "handshake failed", cause);
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e.receivedAlert()).isEqualTo(40);
    assertThat(e.sentAlert()).isEqualTo(0);
  }
}
