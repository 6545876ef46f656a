package dev.jrtc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Whatever a client PATCHes, the parser answers with a fragment or a 4xx reason, nothing else. */
class TrickleIceFragmentProperties {

  @Property(tries = 500)
  void anyTextParsesOrIsRefusedWithAReason(@ForAll @StringLength(max = 400) String text) {
    check(text);
  }

  @Property(tries = 500)
  void sdpLikeTextParsesOrIsRefusedWithAReason(@ForAll("sdpfragLike") String text) {
    check(text);
  }

  @Provide
  Arbitrary<String> sdpfragLike() {
    Arbitrary<String> prefix = Arbitraries.of("a=ice-ufrag:", "a=ice-pwd:", "a=mid:", "a=candidate:",
        "a=end-of-candidates", "m=", "a=", "c=", "", "=", "a");
    Arbitrary<String> rest = Arbitraries.strings().withChars("0123456789 abcdefhostyp.:\t").ofMaxLength(60);
    Arbitrary<String> line = prefix.flatMap(p -> rest.map(r -> p + r));
    return line.list().ofMaxSize(12).flatMap(lines ->
        Arbitraries.of("\r\n", "\n").map(eol -> String.join(eol, lines)));
  }

  private static void check(String text) {
    try {
      TrickleIceFragment f = TrickleIceFragment.parse(text);
      for (TrickleIceFragment.Candidate c : f.candidates()) {
        assertThat(c.attribute()).startsWith("candidate:");
        assertThat(List.of(c.attribute().split(" +")).size()).isGreaterThanOrEqualTo(8);
      }
    } catch (BadRequestException e) {
      assertThat(e.status()).isBetween(400, 499);
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    }
  }
}
