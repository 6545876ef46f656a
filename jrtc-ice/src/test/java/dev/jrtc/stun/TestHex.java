package dev.jrtc.stun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads hex test resources (whitespace ignored). */
final class TestHex {
  private TestHex() {}

  static byte[] resource(String path) {
    try (InputStream in = TestHex.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing resource " + path);
      }
      String s = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s+", "");
      return HexFormat.of().parseHex(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
