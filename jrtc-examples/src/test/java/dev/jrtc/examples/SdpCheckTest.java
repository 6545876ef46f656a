package dev.jrtc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jrtc sdp check}: output lines and exit codes. */
class SdpCheckTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static final String GOOD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=x-caf\u00e9:\u00e9t\u00e9\r\n";

  @Test
  void okFilesExitZero() throws IOException {
    Path a = write("a.sdp", GOOD);
    Path b = write("b.sdp", GOOD.replace("\r\n", "\n").substring(0, GOOD.length() - 10));
    int rc = SdpCheck.run(List.of(a.toString(), b.toString()), out, err);
    assertThat(rc).isZero();
    assertThat(out()).isEqualTo("OK  " + a + " (9 lines)\nOK  " + b + " (9 lines)\n".replace("\n", System.lineSeparator()));
    assertThat(err()).isEmpty();
  }

  @Test
  void parseErrorExitsOneWithLineAndReason() throws IOException {
    Path good = write("good.sdp", GOOD);
    Path bad = write("bad.sdp", GOOD.replace("m=audio 9", "m=audio x"));
    int rc = SdpCheck.run(List.of(bad.toString(), good.toString()), out, err);
    assertThat(rc).isEqualTo(1);
    assertThat(out()).contains("FAIL " + bad + ": line 6: port is not a number")
        .contains("OK  " + good + " (9 lines)");
  }

  @Test
  void invalidUtf8Fails() throws IOException {
    byte[] bytes = GOOD.getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, broken, 0, bytes.length);
    broken[bytes.length] = (byte) 0xff;
    Path p = write("latin.sdp", broken);
    assertThat(SdpCheck.run(List.of(p.toString()), out, err)).isEqualTo(1);
    assertThat(out()).startsWith("FAIL " + p + ": not valid UTF-8");
  }

  @Test
  void noFilesOrUnreadableFileExitTwo() {
    assertThat(SdpCheck.run(List.of(), out, err)).isEqualTo(2);
    assertThat(err()).contains("usage: ./jrtc sdp check FILE...");
    Path missing = dir.resolve("missing.sdp");
    assertThat(SdpCheck.run(List.of(missing.toString()), out, err)).isEqualTo(2);
    assertThat(err()).contains("cannot read " + missing);
  }

  @Test
  void countsLinesWithAndWithoutFinalNewline() {
    assertThat(SdpCheck.countLines("a\r\nb\r\n")).isEqualTo(2);
    assertThat(SdpCheck.countLines("a\nb")).isEqualTo(2);
    assertThat(SdpCheck.countLines("")).isZero();
  }
}
