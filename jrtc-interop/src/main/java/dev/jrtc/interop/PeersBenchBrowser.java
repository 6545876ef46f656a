package dev.jrtc.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The browser pairs of {@link PeersBench}, in one loaded page ({@code page.html} served
 * cross-origin isolated, with {@code peers_bench.js} installed): the browser on both sides (two
 * connections of the page, timed in the page with {@code performance.now()}), and jrtc offering
 * to the browser (timed in this JVM at jrtc, the offerer and sender; the receiver's throughput is
 * timed in the page).
 */
final class PeersBenchBrowser {

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(PeersBenchJrtc.TIMEOUT_SECONDS);

  private final BrowserPage page;
  private final String browser;
  private final boolean isolated;
  private final double resolutionUs;

  private PeersBenchBrowser(BrowserPage page, String browser, boolean isolated, double resolutionUs) {
    this.page = page;
    this.browser = browser;
    this.isolated = isolated;
    this.resolutionUs = resolutionUs;
  }

  /** Installs {@code peers_bench.js} in the page. */
  static PeersBenchBrowser install(BrowserPage page, String browser) throws IOException {
    String script;
    try (InputStream in = PeersBenchBrowser.class.getResourceAsStream("peers_bench.js")) {
      if (in == null) {
        throw new IOException("peers_bench.js is missing from the resources");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    page.eval(script);
    boolean isolated = Boolean.TRUE.equals(page.eval("return peersBench.crossOriginIsolated();"));
    double resolution = ((Number) page.eval("return peersBench.timerResolutionUs();")).doubleValue();
    return new PeersBenchBrowser(page, browser, isolated, resolution);
  }

  private String pageClock() {
    return String.format(java.util.Locale.ROOT, "%s page, performance.now() (%s, %s)", browser,
        isolated ? "cross-origin isolated" : "NOT isolated",
        resolutionUs > 0 ? String.format(java.util.Locale.ROOT, "%.0f us steps", resolutionUs) : "steps unknown");
  }

  /** The browser on both sides: everything runs and is timed in the page; one RPC per phase. */
  PeersBenchStats.Figures localPair(PeersBench.Plan plan) {
    Map<String, Object> args = plan.localPairArgs(plan.bulkBytes());
    args.put("timeoutMs", STEP_TIMEOUT.toMillis());
    Map<String, Object> r = Json.asObject(page.eval("return await peersBench.local(args);", args,
        STEP_TIMEOUT.multipliedBy(3)));
    return PeersBenchStats.Figures.ofLocalPair(r, plan.bulkBytes(), pageClock());
  }

  /**
   * jrtc offers, the browser answers. jrtc sends its complete offer (after its host gathering)
   * in one page RPC that returns the browser's answer at once, without candidates: jrtc learns
   * the browser's addresses as peer-reflexive candidates from its checks (RFC 8445 §7.3.1.3).
   * Setup is timed at jrtc, minus that RPC's transit (its time at jrtc less the answer's time in
   * the page; its median is reported apart). Bulk goes jrtc to browser, timed in the page; round
   * trips are timed at jrtc ({@link PeersBenchCross}).
   */
  PeersBenchStats.Figures jrtcToBrowser(PeersBench.Plan plan) throws Exception {
    return PeersBenchCross.run(plan, plan.bulkBytes(), new PeersBenchCross.Answerer() {
      @Override
      public Map<String, Object> answer(String sdp) {
        return Json.asObject(page.eval("return await peersBench.answer(args);", Map.of("sdp", sdp), STEP_TIMEOUT));
      }

      @Override
      public void armBulk(long bytes) {
        page.eval("return await peersBench.armBulk(args);",
            Map.of("bulkBytes", bytes, "timeoutMs", STEP_TIMEOUT.toMillis()));
      }

      @Override
      public Map<String, Object> bulkResult() {
        return Json.asObject(page.eval("return await peersBench.bulkResult();", Map.of(), STEP_TIMEOUT.plusSeconds(5)));
      }

      @Override
      public void echo() {
        page.eval("return await peersBench.echo();");
      }

      @Override
      public void closeRemote() {
        page.eval("return peersBench.closeRemote();");
      }
    }, browser, "this JVM at jrtc; MB/s at the " + browser + " page");
  }
}
