package dev.jrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** jqwik: candidate attributes round trip; arbitrary text only throws CandidateParseException. */
class CandidateAttributeProperties {

  @Property(tries = 3000)
  void garbageOnlyThrowsCandidateParseException(@ForAll String s) {
    try {
      CandidateAttribute.parse(s);
      CandidateAttribute.parse("candidate:" + s);
    } catch (CandidateParseException expected) {
      // the only exception allowed
    }
  }

  @Property(tries = 2000)
  void mutatedCandidatesOnlyThrowCandidateParseException(@ForAll("candidates") CandidateAttribute c,
      @ForAll char ch, @ForAll("index") int index) {
    String s = c.toString();
    int i = Math.floorMod(index, s.length());
    String mutated = s.substring(0, i) + ch + s.substring(i + 1);
    try {
      CandidateAttribute parsed = CandidateAttribute.parse(mutated);
      try {
        parsed.toCandidate();
      } catch (CandidateParseException expected) {
        // unusable, but parsed
      }
    } catch (CandidateParseException expected) {
      // the only exception allowed
    }
  }

  @Property(tries = 1000)
  void writeThenParseIsIdentity(@ForAll("candidates") CandidateAttribute c) throws Exception {
    assertThat(CandidateAttribute.parse(c.toString())).isEqualTo(c);
  }

  @Provide
  Arbitrary<Integer> index() {
    return Arbitraries.integers().between(0, 500);
  }

  @Provide
  Arbitrary<CandidateAttribute> candidates() {
    Arbitrary<String> foundation = Arbitraries.strings().withChars("abcXYZ019+/").ofMinLength(1).ofMaxLength(32);
    Arbitrary<Integer> component = Arbitraries.integers().between(1, 256);
    Arbitrary<String> transport = Arbitraries.of("udp", "UDP", "tcp", "TCP");
    Arbitrary<Long> priority = Arbitraries.longs().between(1, 0xffffffffL);
    Arbitrary<String> ip = Arbitraries.of("192.0.2.1", "10.0.0.255", "2001:db8::1", "::1", "fe80::1:2",
        "4f0c9c7e-1b2a-4a8d-9a3e-2f4b1c6d7e8f.local", "host.example.org");
    Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
    Arbitrary<String> type = Arbitraries.of("host", "srflx", "prflx", "relay");
    Arbitrary<String> rel = Arbitraries.of("0.0.0.0", "192.0.2.9").injectNull(0.5);
    Arbitrary<Integer> relPort = Arbitraries.integers().between(-1, 65535);
    Arbitrary<List<CandidateAttribute.Extension>> ext = Combinators.combine(
        Arbitraries.of("generation", "ufrag", "network-id", "network-cost", "tcptype"),
        Arbitraries.strings().withChars("abc0123+/-").ofMinLength(1).ofMaxLength(8))
        .as(CandidateAttribute.Extension::new).list().ofMaxSize(4);
    return Combinators.combine(foundation, component, transport, priority, ip, port, type,
        Combinators.combine(rel, relPort, ext).as((r, rp, e) -> new Object[] {r, rp, e}))
        .as((f, c, t, p, a, po, ty, rest) -> new CandidateAttribute(f, c, t, p, a, po, ty, (String) rest[0],
            (Integer) rest[1], castList(rest[2])));
  }

  @SuppressWarnings("unchecked")
  private static List<CandidateAttribute.Extension> castList(Object o) {
    return (List<CandidateAttribute.Extension>) o;
  }
}
