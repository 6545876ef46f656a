package dev.jrtc.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads SDP test resources as UTF-8 text, byte for byte (no line-ending conversion). */
final class SdpTestFiles {
  private SdpTestFiles() {}

  static String resource(String path) {
    try (InputStream in = SdpTestFiles.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
