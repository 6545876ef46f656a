package dev.jrtc.interop;

import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCDataChannel;
import dev.jrtc.RTCIceCandidate;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCSettings;
import dev.jrtc.common.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The browser pairs of {@link PeersBench}, in one loaded page ({@code page.html} served
 * cross-origin isolated, with {@code peers_bench.js} installed): the browser on both sides (two
 * connections of the page, timed in the page with {@code performance.now()}), and jrtc offering
 * to the browser (timed in this JVM at jrtc, the offerer and sender; the receiver's throughput is
 * timed in the page).
 */
final class PeersBenchBrowser {

  private static final Clock CLOCK = Clock.system();
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
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("setupRuns", plan.setupRuns());
    args.put("bulkRuns", plan.bulkRuns());
    args.put("bulkBytes", plan.bulkBytes());
    args.put("warmBytes", PeersBench.Plan.warmUpBytes(plan.bulkBytes()));
    args.put("warm", plan.warmRoundTrips());
    args.put("roundTrips", plan.roundTrips());
    args.put("timeoutMs", STEP_TIMEOUT.toMillis());
    Map<String, Object> r = Json.asObject(page.eval("return await peersBench.local(args);", args,
        STEP_TIMEOUT.multipliedBy(3)));
    Object path = r.get("path");
    return PeersBenchStats.Figures.of(numbers(r.get("setupMs")), numbers(r.get("mbps")), plan.bulkBytes(),
        numbers(r.get("rttUs")), pageClock(), path == null ? null : path.toString());
  }

  /**
   * jrtc offers, the browser answers. jrtc sends its complete offer (after its host gathering)
   * in one page RPC that returns the browser's answer at once, without candidates: jrtc learns
   * the browser's addresses as peer-reflexive candidates from its checks (RFC 8445 §7.3.1.3).
   * Setup is timed at jrtc, minus that RPC's transit (its time at jrtc less the answer's time in
   * the page; its median is reported apart). Bulk goes jrtc to browser, timed in the page; round
   * trips are timed at jrtc.
   */
  PeersBenchStats.Figures jrtcToBrowser(PeersBench.Plan plan) throws Exception {
    double[] setup = new double[plan.setupRuns()];
    double[] transit = new double[plan.setupRuns()];
    for (int i = 0; i < setup.length; i++) {
      try (Cross c = connect()) {
        setup[i] = c.setupNanos / 1e6;
        transit[i] = c.transitNanos / 1e6;
      }
    }
    try (Cross c = connect()) {
      String path = PeersBenchJrtc.selectedPath(c.pc);
      double[] mbps = new double[plan.bulkRuns()];
      for (int i = -1; i < mbps.length; i++) {
        long bytes = i < 0 ? PeersBench.Plan.warmUpBytes(plan.bulkBytes()) : plan.bulkBytes();
        page.eval("return await peersBench.armBulk(args);",
            Map.of("bulkBytes", bytes, "timeoutMs", STEP_TIMEOUT.toMillis()));
        CompletableFuture<long[]> received = CompletableFuture.supplyAsync(() -> {
          Map<String, Object> r = Json.asObject(page.eval("return await peersBench.bulkResult();", Map.of(),
              STEP_TIMEOUT.plusSeconds(5)));
          return new long[] {((Number) r.get("bytes")).longValue(),
              Math.round(((Number) r.get("ms")).doubleValue() * 1e6)};
        });
        PeersBenchJrtc.Pump pump = PeersBenchJrtc.Pump.start(c.tx, bytes);
        long[] r = PeersBenchJrtc.await(received, pump, "bulk to " + browser);
        if (i >= 0) {
          mbps[i] = r[0] / 1e6 / (Math.max(r[1], 1) / 1e9);
        }
      }
      page.eval("return await peersBench.echo();");
      double[] rtt = PeersBenchJrtc.pingPong(c.tx, plan.warmRoundTrips(), plan.roundTrips());
      return PeersBenchStats.Figures.of(setup, mbps, plan.bulkBytes(), rtt,
          "this JVM at jrtc; MB/s at the " + browser + " page", path).withTransit(transit);
    }
  }

  /** jrtc offerer and the page's answerer, channel "bench" open at jrtc. */
  private final class Cross implements AutoCloseable {
    final RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.defaults(), RTCSettings.defaults());
    RTCDataChannel tx;
    long setupNanos;
    long transitNanos;

    @Override
    public void close() {
      pc.close();
      page.eval("return peersBench.closeRemote();");
    }
  }

  private Cross connect() throws Exception {
    Cross c = new Cross();
    try {
      CompletableFuture<Void> gathered = new CompletableFuture<>();
      c.pc.onIceCandidate(e -> {
        RTCIceCandidate candidate = e.candidate();
        if (candidate == null || candidate.candidate().isEmpty()) {
          gathered.complete(null);
        }
      });
      CompletableFuture<Long> opened = new CompletableFuture<>();
      c.tx = c.pc.createDataChannel("bench");
      c.tx.onOpen(e -> opened.complete(CLOCK.monotonicNanos()));
      long t0 = CLOCK.monotonicNanos();
      PeersBenchJrtc.join(c.pc.setLocalDescription(PeersBenchJrtc.join(c.pc.createOffer(), "createOffer")),
          "setLocalDescription(offer)");
      PeersBenchJrtc.awaitGathered(c.pc, gathered);
      long sent = CLOCK.monotonicNanos();
      Map<String, Object> answer = Json.asObject(page.eval("return await peersBench.answer(args);",
          Map.of("sdp", c.pc.localDescription().sdp()), STEP_TIMEOUT));
      c.transitNanos = CLOCK.monotonicNanos() - sent
          - Math.round(((Number) answer.get("ms")).doubleValue() * 1e6);
      PeersBenchJrtc.join(c.pc.setRemoteDescription(PeersBenchJrtc.description("answer",
          Json.asString(answer.get("sdp")))), "setRemoteDescription(answer)");
      c.setupNanos = PeersBenchJrtc.join(opened, "the open event") - t0 - c.transitNanos;
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  private static double[] numbers(Object array) {
    List<Object> list = Json.asArray(array);
    double[] d = new double[list.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) list.get(i)).doubleValue();
    }
    return d;
  }
}
