package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.examples.web.WebDemo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 part 2: the browser demo ({@code ./jrtc demo}, {@link WebDemo}) driven end to end by a
 * headless Chromium. The demo runs in-process with its default network settings (inside the
 * namespace of {@code ../shared/TESTING.md} that is {@code lo} and the veth's 10.77.0.x), Chromium
 * opens {@code /?auto} (connect over POST /whip, a chat message, a 16 MiB echoed transfer) and the
 * test reads the page's figures and takes a screenshot over the DevTools protocol
 * ({@link DevTools}) into {@code target/webdemo.png}.
 */
class WebDemoIT {

  private static final Duration AUTO_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern URL = Pattern.compile("open (http://127\\.0\\.0\\.1:(\\d+)/) in a browser");
  private static final Path SCREENSHOT = Path.of("target", "webdemo.png");
  private static final String NUMBER = "\\d+(\\.\\d+)?";

  private final ByteArrayOutputStream demoOutput = new ByteArrayOutputStream();
  private Thread demoThread;
  private Chromium chromium;
  private DevTools devTools;
  private String baseUrl;

  @BeforeEach
  void startDemo() throws InterruptedException {
    PrivateNetwork.require();
    PrintStream out = new PrintStream(new SynchronizedOutput(demoOutput), true, StandardCharsets.UTF_8);
    // Port 0: the demo binds a free port and prints the URL it serves.
    demoThread = new Thread(() -> WebDemo.run(new String[] {"0"}, out), "webdemo-under-test");
    demoThread.setDaemon(true);
    demoThread.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Matcher m;
    while (!(m = URL.matcher(demoOutput())).find()) {
      if (System.nanoTime() > deadline || !demoThread.isAlive()) {
        throw new AssertionError("the demo never printed its URL:\n" + demoOutput());
      }
      Thread.sleep(20);
    }
    baseUrl = m.group(1);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (devTools != null) {
      devTools.close();
    }
    if (chromium != null) {
      chromium.close();
    }
    if (demoThread != null) {
      // WebDemo.run serves until interrupted, then closes the server and every session.
      demoThread.interrupt();
      demoThread.join(10_000);
    }
  }

  @Test
  void autoRunEchoesSixteenMebibytesAndShowsItsFigures() throws Exception {
    List<String> flags = new ArrayList<>(Chromium.DEFAULT_WEBRTC_FLAGS);
    flags.add("--remote-debugging-port=0");
    flags.add("--window-size=900,1000");
    String pageUrl = baseUrl + "?auto";
    chromium = Chromium.launch(URI.create(pageUrl), flags);
    devTools = DevTools.attach(chromium.logFile(), baseUrl, Duration.ofSeconds(20));

    // Once the page's session is up, bad requests from another client must be refused (415)
    // without disturbing it.
    String state = pollUntil("document.body.dataset.state === 'connected' || document.body.dataset.auto !== undefined",
        "document.body.dataset.state");
    assertThat(state).as("the page's connection state%s", context()).isEqualTo("connected");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> badPost = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "whip"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("v=0\r\n")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(badPost.statusCode()).as("text/plain POST /whip: %s", badPost.body()).isEqualTo(415);
    String resource = (String) devTools.evaluate("window.demo.resource");
    assertThat(resource).as("the page's session resource").startsWith("/whip/");
    HttpResponse<String> badPatch = http.send(HttpRequest.newBuilder(URI.create(baseUrl + resource.substring(1)))
        .header("Content-Type", "text/plain")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("a=end-of-candidates\r\n")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(badPatch.statusCode()).as("text/plain PATCH %s: %s", resource, badPatch.body()).isEqualTo(415);

    long start = System.nanoTime();
    String auto = pollUntil("document.body.dataset.auto !== undefined", "document.body.dataset.auto");
    assertThat(auto).as("document.body.dataset.auto%s", context()).isEqualTo("ok");
    // The round trip comes from a ping sent every second: it may land just after the transfer.
    String rtt = pollUntil("/^\\d+(\\.\\d+)?$/.test(document.getElementById('rtt').textContent)",
        "document.getElementById('rtt').textContent");
    assertThat(rtt).as("#rtt%s", context()).matches(NUMBER);
    assertThat(text("rtt-avg")).as("#rtt-avg").matches(NUMBER);
    assertThat(text("transfer-rate")).as("#transfer-rate").matches(NUMBER);
    assertThat(text("state")).as("#state").isEqualTo("connected");
    String sent = text("sha-sent");
    assertThat(sent).as("#sha-sent").matches("[0-9a-f]{64}");
    assertThat(text("sha-back")).as("#sha-back").isEqualTo(sent);
    assertThat(text("match")).as("#match").startsWith("identical");
    Map<String, Object> result = Json.asObject(devTools.evaluate("window.demo.result"));
    assertThat(result.get("ok")).as("demo.result.ok").isEqualTo(true);
    assertThat(result.get("bytes")).as("demo.result.bytes").isEqualTo(16L * 1024 * 1024);
    assertThat(result.get("backHash")).as("demo.result.backHash").isEqualTo(sent);
    assertThat(String.valueOf(devTools.evaluate("document.getElementById('log').textContent")))
        .as("the page's log").contains("echo: hello from the page");

    byte[] png = devTools.screenshotPng();
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, png);
    assertThat(png.length).as("screenshot size in bytes").isGreaterThan(10_000);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as("the screenshot decodes as an image").isNotNull();
    assertThat(image.getWidth()).as("screenshot width").isGreaterThanOrEqualTo(400);
    assertThat(image.getHeight()).as("screenshot height").isGreaterThanOrEqualTo(400);
    assertThat(luminanceStandardDeviation(image)).as("screenshot pixel variance (not blank)").isGreaterThan(5.0);
    System.out.printf("webdemo: %s MB/s echoed, rtt %s ms, auto run took %.1f s after the bad requests; screenshot %s (%d bytes)%n",
        text("transfer-rate"), rtt, (System.nanoTime() - start) / 1e9, SCREENSHOT.toAbsolutePath(), png.length);
  }

  /** Polls {@code condition} in the page until it holds (or {@link #AUTO_TIMEOUT}), then returns {@code value}. */
  private String pollUntil(String condition, String value) throws InterruptedException {
    long deadline = System.nanoTime() + AUTO_TIMEOUT.toNanos();
    while (!Boolean.TRUE.equals(devTools.evaluate("!!(" + condition + ")"))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + AUTO_TIMEOUT + " waiting for " + condition + context());
      }
      Thread.sleep(100);
    }
    return String.valueOf(devTools.evaluate(value));
  }

  private String text(String id) throws InterruptedException {
    return String.valueOf(devTools.evaluate("document.getElementById('" + id + "').textContent"));
  }

  /** What the page logged, what the demo printed and Chromium's last lines, for failure messages. */
  private String context() {
    String pageLog;
    try {
      pageLog = String.valueOf(devTools.evaluate("document.getElementById('log').textContent"));
    } catch (RuntimeException | InterruptedException e) {
      pageLog = "(cannot read: " + e + ")";
    }
    return "\n--- page log ---\n" + pageLog + "\n--- demo output ---\n" + demoOutput() + "\n" + chromium.logTail(30);
  }

  private String demoOutput() {
    synchronized (demoOutput) {
      return demoOutput.toString(StandardCharsets.UTF_8);
    }
  }

  /** Standard deviation of the pixels' luminance: 0 for a blank (single-colour) image. */
  static double luminanceStandardDeviation(BufferedImage image) {
    double sum = 0;
    double sumSquares = 0;
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        double l = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
        sum += l;
        sumSquares += l * l;
        n++;
      }
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
  }

  /** The demo prints from its own threads: writes go to the buffer under its lock. */
  private static final class SynchronizedOutput extends java.io.OutputStream {
    private final ByteArrayOutputStream target;

    SynchronizedOutput(ByteArrayOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      synchronized (target) {
        target.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (target) {
        target.write(b, off, len);
      }
    }
  }
}
