package dev.jrtc.interop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON reader and writer (RFC 8259) for the browser harness, so the tests need no JSON
 * library.
 *
 * <p>Values map to Java as: object → {@code LinkedHashMap<String, Object>} (member order kept),
 * array → {@code ArrayList<Object>}, string → {@link String}, number → {@link Long} when it is an
 * integer that fits, otherwise {@link Double}, {@code true/false} → {@link Boolean}, {@code null} →
 * {@code null}. The writer accepts those types plus any {@link Map}, {@link Collection}, {@link
 * Number} and {@link Boolean}; anything else is an error (the harness never sends objects by their
 * {@code toString()}).
 */
final class Json {

  private Json() {}

  /** Thrown for text that is not JSON, with the offset where reading stopped. */
  static final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonException(String message) {
      super(message);
    }
  }

  /** Parses one JSON value; trailing non-whitespace is an error. */
  static Object parse(String text) {
    Reader reader = new Reader(text);
    reader.skipWhitespace();
    Object value = reader.readValue(0);
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.error("trailing characters after the JSON value");
    }
    return value;
  }

  /** Writes a value as compact JSON. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  /** Casts a parsed value to an object, or fails naming what it was. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> asObject(Object value) {
    if (value instanceof Map) {
      return (Map<String, Object>) value;
    }
    throw new JsonException("expected a JSON object, got " + describe(value));
  }

  /** Casts a parsed value to an array, or fails naming what it was. */
  @SuppressWarnings("unchecked")
  static List<Object> asArray(Object value) {
    if (value instanceof List) {
      return (List<Object>) value;
    }
    throw new JsonException("expected a JSON array, got " + describe(value));
  }

  /** Casts a parsed value to a string, or fails naming what it was. */
  static String asString(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    throw new JsonException("expected a JSON string, got " + describe(value));
  }

  /** Casts a parsed value to an array of numbers, as doubles, or fails naming what it was. */
  static double[] asDoubles(Object value) {
    List<Object> list = asArray(value);
    double[] d = new double[list.size()];
    for (int i = 0; i < d.length; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw new JsonException("expected a JSON array of numbers, got " + describe(value));
      }
      d[i] = n.doubleValue();
    }
    return d;
  }

  private static String describe(Object value) {
    String text = value == null ? "null" : write(value);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      writeString((String) value, out);
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new JsonException("JSON has no representation for " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.append((long) d);
      } else {
        out.append(d);
      }
    } else if (value instanceof Number) {
      out.append(value);
    } else if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new JsonException("JSON object keys must be strings, got " + e.getKey());
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString((String) e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof Collection) {
      out.append('[');
      boolean first = true;
      for (Object element : (Collection<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(element, out);
      }
      out.append(']');
    } else {
      throw new JsonException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
          // RFC 8259 §7: control characters must be escaped; U+2028/9 too, so the text is also
          // valid JavaScript source.
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /** Recursive-descent reader over the grammar of RFC 8259 §2-§7. */
  private static final class Reader {
    private static final int MAX_DEPTH = 512;
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    JsonException error(String what) {
      return new JsonException(what + " at offset " + pos);
    }

    void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          return;
        }
      }
    }

    Object readValue(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH);
      }
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{': return readObject(depth);
        case '[': return readArray(depth);
        case '"': return readString();
        case 't': return readLiteral("true", Boolean.TRUE);
        case 'f': return readLiteral("false", Boolean.FALSE);
        case 'n': return readLiteral("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return readNumber();
          }
          throw error("unexpected character '" + c + "'");
      }
    }

    private Object readLiteral(String word, Object value) {
      if (!text.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return value;
    }

    private Map<String, Object> readObject(int depth) {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++; // '{'
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a member name");
        }
        String key = readString();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        map.put(key, readValue(depth + 1));
        skipWhitespace();
        char c = next();
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}' in an object");
        }
      }
    }

    private List<Object> readArray(int depth) {
      List<Object> list = new ArrayList<>();
      pos++; // '['
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        skipWhitespace();
        list.add(readValue(depth + 1));
        skipWhitespace();
        char c = next();
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']' in an array");
        }
      }
    }

    private String readString() {
      pos++; // opening quote
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          pos--;
          throw error("unescaped control character in a string");
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"': sb.append('"'); break;
          case '\\': sb.append('\\'); break;
          case '/': sb.append('/'); break;
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'n': sb.append('\n'); break;
          case 'r': sb.append('\r'); break;
          case 't': sb.append('\t'); break;
          case 'u':
            if (pos + 4 > text.length()) {
              throw error("truncated \\u escape");
            }
            int code = 0;
            for (int i = 0; i < 4; i++) {
              int digit = Character.digit(text.charAt(pos + i), 16);
              if (digit < 0) {
                throw error("bad hex digit in \\u escape");
              }
              code = code * 16 + digit;
            }
            pos += 4;
            sb.append((char) code);
            break;
          default:
            pos--;
            throw error("bad escape '\\" + e + "'");
        }
      }
    }

    private Object readNumber() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (isDigit(peek())) {
        while (isDigit(peek())) {
          pos++;
        }
      } else {
        throw error("expected a digit");
      }
      boolean integer = true;
      if (peek() == '.') {
        integer = false;
        pos++;
        if (!isDigit(peek())) {
          throw error("expected a digit after '.'");
        }
        while (isDigit(peek())) {
          pos++;
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        integer = false;
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!isDigit(peek())) {
          throw error("expected a digit in the exponent");
        }
        while (isDigit(peek())) {
          pos++;
        }
      }
      String number = text.substring(start, pos);
      if (integer && number.length() <= 18) {
        return Long.parseLong(number);
      }
      return Double.parseDouble(number);
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      return text.charAt(pos++);
    }

    private void expect(char c) {
      if (next() != c) {
        pos--;
        throw error("expected '" + c + "'");
      }
    }
  }
}
