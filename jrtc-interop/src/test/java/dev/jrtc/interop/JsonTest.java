package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The harness's JSON reader and writer against RFC 8259 examples and malformed input. */
class JsonTest {

  @Test
  void readsEveryValueKind() {
    Object value = Json.parse(" {\"a\": [1, -2.5e1, \"x\\u00e9\\n\", true, false, null], \"b\": {}, \"c\": []} ");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", Arrays.asList(1L, -25.0, "x\u00e9\n", true, false, null));
    expected.put("b", Map.of());
    expected.put("c", List.of());
    assertThat(value).isEqualTo(expected);
  }

  @Test
  void keepsMemberOrder() {
    assertThat(Json.asObject(Json.parse("{\"z\":1,\"a\":2,\"m\":3}")).keySet()).containsExactly("z", "a", "m");
  }

  @Test
  void writesEscapesAndNumbers() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("s", "q\"b\\\r\n\t\u0001\u2028");
    map.put("i", 42L);
    map.put("d", 0.5);
    map.put("whole", 3.0);
    map.put("n", null);
    map.put("l", List.of(true, false));
    assertThat(Json.write(map)).isEqualTo(
        "{\"s\":\"q\\\"b\\\\\\r\\n\\t\\u0001\\u2028\",\"i\":42,\"d\":0.5,\"whole\":3,\"n\":null,\"l\":[true,false]}");
  }

  @Test
  void surrogatePairsSurviveARoundTrip() {
    String text = "emoji \uD83D\uDE00 and \\ \"";
    assertThat(Json.parse(Json.write(text))).isEqualTo(text);
    assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void bigIntegersBecomeDoubles() {
    assertThat(Json.parse("123456789012345678")).isEqualTo(123456789012345678L);
    assertThat(Json.parse("1234567890123456789012")).isEqualTo(1.234567890123456789012e21);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "{a:1}", "01x", "tru", "\"abc", "\"\\x\"", "\"\\u12\"",
      "1 2", "-", "1.", "1e", "[1 2]", "{\"a\":1,}", "\"a\u0001\""})
  void rejectsMalformedText(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.JsonException.class).hasMessageContaining("offset");
  }

  @Test
  void refusesToWriteWhatJsonCannotHold() {
    assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(Json.JsonException.class);
    assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(Json.JsonException.class);
    assertThatThrownBy(() -> Json.write(Map.of(1, 2))).isInstanceOf(Json.JsonException.class);
  }

  @Test
  void castsNameWhatTheyGot() {
    assertThatThrownBy(() -> Json.asObject(List.of(1L))).hasMessageContaining("expected a JSON object, got [1]");
    assertThatThrownBy(() -> Json.asString(null)).hasMessageContaining("got null");
  }

  @Test
  void numberArraysAsDoubles() {
    assertThat(Json.asDoubles(Json.parse("[1, 2.5, -3e2]"))).containsExactly(1.0, 2.5, -300.0);
    assertThat(Json.asDoubles(Json.parse("[]"))).isEmpty();
    assertThatThrownBy(() -> Json.asDoubles(Json.parse("[1, \"2\"]"))).isInstanceOf(Json.JsonException.class)
        .hasMessageContaining("expected a JSON array of numbers, got [1,\"2\"]");
    assertThatThrownBy(() -> Json.asDoubles(null)).hasMessageContaining("expected a JSON array, got null");
  }

  @Property
  void anyStringRoundTrips(@ForAll String s) {
    assertThat(Json.parse(Json.write(s))).isEqualTo(s);
  }

  @Property
  void anyLongRoundTrips(@ForAll long n) {
    Object back = Json.parse(Json.write(n));
    assertThat(((Number) back).doubleValue()).isEqualTo((double) n);
  }

  @Property
  void arbitraryTextEitherParsesOrFailsWithJsonException(@ForAll String text) {
    try {
      Json.parse(text);
    } catch (Json.JsonException expected) {
      // the only failure allowed
    }
  }
}
