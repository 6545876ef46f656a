package dev.jrtc.examples;

import dev.jrtc.sdp.SdpParseException;
import dev.jrtc.sdp.SessionDescription;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./jrtc sdp check FILE...}: parses each SDP file with jrtc-sdp, writes it back and
 * compares the bytes. SDP is UTF-8 (RFC 8866 §5); a file that is not valid UTF-8 fails.
 *
 * <p>Prints {@code OK  file (N lines)}, {@code FAIL file: line L: reason} for a parse error, or
 * {@code FAIL file: line L differs:} with the input and output line (CR shown as {@code \r}) for
 * the first differing line. Returns 0 when every file round trips, 1 when one does not, 2 when no
 * file was given or a file cannot be read.
 */
public final class SdpCheck {

  private SdpCheck() {}

  /** Checks each file; see the class comment for output and exit codes. */
  public static int run(List<String> files, PrintStream out, PrintStream err) {
    if (files.isEmpty()) {
      err.println("usage: ./jrtc sdp check FILE...");
      return 2;
    }
    int status = 0;
    for (String file : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(Paths.get(file));
      } catch (IOException | RuntimeException e) {
        err.println("jrtc sdp check: cannot read " + file + ": " + e.getMessage());
        status = 2;
        continue;
      }
      int result = check(file, bytes, out);
      if (result != 0 && status == 0) {
        status = result;
      }
    }
    return status;
  }

  private static int check(String file, byte[] bytes, PrintStream out) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      out.println("FAIL " + file + ": not valid UTF-8 (RFC 8866 §5): " + e.getMessage());
      return 1;
    }
    String written;
    try {
      written = SessionDescription.parse(text).write();
    } catch (SdpParseException e) {
      out.println("FAIL " + file + ": line " + e.lineNumber() + ": " + e.reason());
      return 1;
    }
    byte[] back = written.getBytes(StandardCharsets.UTF_8);
    if (Arrays.equals(back, bytes)) {
      out.println("OK  " + file + " (" + countLines(text) + " lines)");
      return 0;
    }
    List<String> in = linesWithTerminators(text);
    List<String> outLines = linesWithTerminators(written);
    int n = Math.max(in.size(), outLines.size());
    for (int i = 0; i < n; i++) {
      String a = i < in.size() ? in.get(i) : "";
      String b = i < outLines.size() ? outLines.get(i) : "";
      if (!a.equals(b)) {
        out.println("FAIL " + file + ": line " + (i + 1) + " differs:");
        out.println("  in : " + show(a));
        out.println("  out: " + show(b));
        return 1;
      }
    }
    // Same text, different bytes: cannot happen for valid UTF-8, but say so rather than claim OK.
    out.println("FAIL " + file + ": bytes differ after UTF-8 encoding");
    return 1;
  }

  /** Number of lines: terminated lines plus an unterminated last one. */
  static int countLines(String text) {
    return linesWithTerminators(text).size();
  }

  /** Splits after each LF, keeping the terminators, so CRLF and LF differences show. */
  private static List<String> linesWithTerminators(String text) {
    List<String> lines = new java.util.ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }

  private static String show(String line) {
    return line.replace("\r", "\\r").replace("\n", "\\n");
  }

  /** For running without the launcher: {@code java dev.jrtc.examples.SdpCheck FILE...}. */
  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }
}
