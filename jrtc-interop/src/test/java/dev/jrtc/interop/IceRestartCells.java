package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.RTCIceCandidatePair;
import dev.jrtc.RTCIceTransport;
import dev.jrtc.RTCSctpTransport;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 6, "an ICE restart in the middle of a transfer completes without losing a reliable
 * message", against a browser ({@link DataChannelCall}): two reliable ordered channels stream
 * {@value #MESSAGES} numbered messages of {@value #MESSAGE_SIZE} bytes (4 MiB) each way, jrtc to
 * the browser and the browser to jrtc; once a quarter has arrived on both, one side calls
 * {@code restartIce()} and the offer/answer with new ufrag/pwd (RFC 8445 §9, RFC 8839 §4.4.1.1.1)
 * is exchanged, new candidates trickled; the senders hold the second half until that exchange is
 * done, so messages are in flight while the new checks run and the pair changes. Then: every
 * message arrived once and in order (checked at each message), the SHA-256 of each stream matches,
 * both sides hold the new credentials in currentLocalDescription/currentRemoteDescription, both
 * have a selected pair of the new generation, and jrtc's connectionState is connected (never
 * failed or closed on the way).
 */
final class IceRestartCells {

  static final int MESSAGES = 256;
  static final int MESSAGE_SIZE = 16 << 10;
  private static final Duration T = DataChannelCall.TIMEOUT;
  /**
   * How long the restart's answer takes to reach the restarting side, as over a real signaling
   * server; meanwhile the restarting side's new candidates reach the answerer. The restarting
   * side gathers and checks at once with its new credentials; without the delay whether its checks
   * start before the answer arrives is left to chance.
   */
  static final Duration ANSWER_DELAY = Duration.ofMillis(1000);
  /**
   * How long both sides get to select a pair of the new generation once the exchange is done
   * (in every passing run here it took under 2 s; the bound only limits what a failing cell costs).
   */
  static final Duration SETTLE = Duration.ofSeconds(8);

  private IceRestartCells() {}

  /** A browser cell: jrtc offers first or answers first; jrtc restarts or the browser does. */
  static void browserCell(BrowserPage page, Transcript transcript, boolean jrtcOffers, boolean jrtcRestarts)
      throws Exception {
    DataChannelCall call = new DataChannelCall(page, transcript);
    Thread sender = null;
    try {
      JrtcChannel toBrowser = call.jrtcChannel("sink-restart-to-browser", null);
      call.connect(jrtcOffers, true);
      call.checkSelectedPairs();
      RTCIceTransport ice = iceTransport(call);
      List<String> pairChanges = new ArrayList<>();
      ice.onSelectedCandidatePairChange(e -> {
        synchronized (pairChanges) {
          pairChanges.add(describe(ice.getSelectedCandidatePair()));
        }
      });
      transcript.live("jrtc selectedcandidatepairchange after the first connect", () -> {
        synchronized (pairChanges) {
          return List.copyOf(pairChanges);
        }
      });
      call.browser.createDataChannel("sink-restart-to-jrtc");
      JrtcChannel fromBrowser = call.nextAnnounced(T);
      assertThat(fromBrowser.label()).isEqualTo("sink-restart-to-jrtc");
      NumberedReceiver received = new NumberedReceiver();
      fromBrowser.sinkBinary(received::accept);
      toBrowser.awaitOpen(T);
      fromBrowser.awaitOpen(T);
      call.browser.waitFor("['sink-restart-to-browser', 'sink-restart-to-jrtc'].every(l => pc.channels[l]"
          + " && pc.channels[l].readyState === 'open')", T);

      // The browser checks each message's number as it arrives, and streams its own 4 MiB,
      // holding the second half until pc.restartDone.
      call.browser.eval(String.join("\n",
          "const size = args.size, n = args.n;",
          "pc.restartDone = false;",
          "const r = pc.fromJrtc = {next: 0, chunks: [], error: null};",
          "pc.channels['sink-restart-to-browser'].addEventListener('message', m => {",
          "  const seq = new DataView(m.data).getUint32(0);",
          "  if (seq !== r.next && r.error === null) r.error = 'message ' + seq + ' arrived when ' + r.next + ' was expected';",
          "  if (m.data.byteLength !== size && r.error === null) r.error = 'message ' + seq + ' has ' + m.data.byteLength + ' bytes';",
          "  r.next = seq + 1; r.chunks.push(new Uint8Array(m.data));",
          "});",
          "const ch = pc.channels['sink-restart-to-jrtc'];",
          "ch.bufferedAmountLowThreshold = 256 * 1024;",
          "const s = pc.toJrtc = {sent: 0, sha256: null, error: null};",
          "(async () => {",
          "  const all = new Uint8Array(size * n);",
          "  for (let o = 0; o < all.length; o += 65536) crypto.getRandomValues(all.subarray(o, o + 65536));",
          "  for (let i = 0; i < n; i++) new DataView(all.buffer).setUint32(i * size, i);",
          "  for (let i = 0; i < n; i++) {",
          "    if (i === n / 2) await pc.waitFor(() => pc.restartDone, 'the ICE restart exchange', 60000);",
          "    while (ch.bufferedAmount > 1024 * 1024) await new Promise(res => ch.addEventListener('bufferedamountlow', res, {once: true}));",
          "    ch.send(all.subarray(i * size, (i + 1) * size)); s.sent++;",
          "  }",
          "  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', all));",
          "  s.sha256 = Array.from(d).map(b => b.toString(16).padStart(2, '0')).join('');",
          "})().catch(e => { s.error = String(e); });",
          "return null;"), Map.of("size", MESSAGE_SIZE, "n", MESSAGES));
      CountDownLatch restartDone = new CountDownLatch(1);
      NumberedSender numbered = new NumberedSender(toBrowser, restartDone);
      sender = new Thread(numbered, "jrtc-restart-sender");
      sender.setDaemon(true);
      sender.start();

      // A quarter has arrived both ways: the transfer is under way.
      call.browser.waitFor("pc.fromJrtc.next >= " + MESSAGES / 4 + " || pc.fromJrtc.error", T);
      received.awaitCount(MESSAGES / 4, T);
      String jrtcUfragBefore = ufrag(call.jrtc.pc().currentLocalDescription().sdp());
      String browserUfragBefore = ufrag(Json.asString(call.browser.eval("return pc.currentLocalDescription.sdp;")));
      int pairChangesBefore = pairChanges.size();

      // The restart: restartIce() on one side, its offer with new ufrag/pwd, the other's answer.
      call.expectNewGathering();
      if (jrtcRestarts) {
        call.jrtc.pc().restartIce();
        String offer = call.jrtc.createOffer();
        transcript.record("ICE restart: jrtc's offer", offer);
        assertThat(ufrag(offer)).as("jrtc's restart offer has a new ufrag").isNotEqualTo(jrtcUfragBefore);
        call.jrtc.setLocalDescription("offer", offer);
        call.browser.setRemoteDescription("offer", offer);
        String answer = call.browser.createAnswer();
        call.browser.setLocalDescription("answer", answer);
        transcript.record("ICE restart: the browser's answer", answer);
        call.trickleOneWay(ANSWER_DELAY, true); // the answer is under way; jrtc's new candidates are not
        call.jrtc.setRemoteDescription("answer", answer);
      } else {
        String offer = Json.asString(call.browser.eval(
            "pc.restartIce(); await pc.setLocalDescription(); return pc.localDescription.sdp;"));
        transcript.record("ICE restart: the browser's offer", offer);
        assertThat(ufrag(offer)).as("the browser's restart offer has a new ufrag").isNotEqualTo(browserUfragBefore);
        call.jrtc.setRemoteDescription("offer", offer);
        String answer = call.jrtc.createAnswer();
        call.jrtc.setLocalDescription("answer", answer);
        transcript.record("ICE restart: jrtc's answer", answer);
        call.trickleOneWay(ANSWER_DELAY, false); // the answer is under way; the browser's new candidates are not
        call.browser.setRemoteDescription("answer", answer);
      }
      restartDone.countDown();
      call.browser.eval("pc.restartDone = true; return null;");

      // RFC 8839 §4.4.1.2.2: the answer to a restart offer has new credentials too.
      String jrtcUfrag = ufrag(call.jrtc.pc().currentLocalDescription().sdp());
      String browserUfrag = ufrag(Json.asString(call.browser.eval("return pc.currentLocalDescription.sdp;")));
      transcript.record("ufrags before/after the restart", Map.of("jrtc", jrtcUfragBefore + " -> " + jrtcUfrag,
          "browser", browserUfragBefore + " -> " + browserUfrag));
      assertThat(jrtcUfrag).as("jrtc's currentLocalDescription ufrag after the restart").isNotEqualTo(jrtcUfragBefore);
      assertThat(browserUfrag).as("the browser's currentLocalDescription ufrag after the restart")
          .isNotEqualTo(browserUfragBefore);
      assertThat(ufrag(call.jrtc.pc().currentRemoteDescription().sdp())).as("jrtc's currentRemoteDescription ufrag")
          .isEqualTo(browserUfrag);
      assertThat(ufrag(Json.asString(call.browser.eval("return pc.currentRemoteDescription.sdp;"))))
          .as("the browser's currentRemoteDescription ufrag").isEqualTo(jrtcUfrag);

      // New candidates both ways until both sides run on a pair of the new generation.
      boolean settled = call.trickleUntil(SETTLE, true, () -> pairChanges.size() > pairChangesBefore
          && jrtcUfrag.equals(ice.getLocalParameters().usernameFragment())
          && browserUfrag.equals(ice.getRemoteParameters().usernameFragment())
          && browserPairUfrag(call).equals(browserUfrag));
      transcript.record("jrtc connectionState history", call.jrtcConnectionStates());
      transcript.record("after the restart: the browser's selected pair (getStats, with ufrags)", browserPair(call));
      transcript.record("after the restart: jrtc's selected pair", describe(ice.getSelectedCandidatePair()));
      // role() follows the latest offerer, not the agent (AiortcIceRestartIT.roleAfterJrtcRestart).
      transcript.record("after the restart: jrtc's RTCIceTransport.role()", ice.role() == null ? null : ice.role().value());
      assertThat(ice.getLocalParameters().usernameFragment()).as("jrtc RTCIceTransport local ufrag").isEqualTo(jrtcUfrag);
      assertThat(ice.getRemoteParameters().usernameFragment()).as("jrtc RTCIceTransport remote ufrag")
          .isEqualTo(browserUfrag);
      assertThat(pairChanges.size()).as("jrtc selectedcandidatepairchange events after the restart: %s", pairChanges)
          .isGreaterThan(pairChangesBefore);
      assertThat(browserPairUfrag(call)).as("ufrag of the browser's selected local candidate (getStats)")
          .isEqualTo(browserUfrag);
      assertThat(settled).as("both sides connected on a new-generation pair within %s", SETTLE).isTrue();
      call.checkSelectedPairs();

      // Both streams complete, in order, hashes equal.
      sender.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(numbered.failure.get()).as("jrtc sender").isNull();
      assertThat(numbered.sha256.get()).as("jrtc sent everything").isNotNull();
      Map<String, Object> fromJrtc = Json.asObject(call.browser.eval(String.join("\n",
          "await pc.waitFor(() => pc.fromJrtc.next >= args.n || pc.fromJrtc.error, 'all messages', 60000);",
          "const r = pc.fromJrtc; const all = new Uint8Array(r.chunks.reduce((a, c) => a + c.length, 0)); let o = 0;",
          "for (const c of r.chunks) { all.set(c, o); o += c.length; }",
          "const d = new Uint8Array(await crypto.subtle.digest('SHA-256', all));",
          "return {next: r.next, count: r.chunks.length, error: r.error,",
          "  sha256: Array.from(d).map(b => b.toString(16).padStart(2, '0')).join('')};"),
          Map.of("n", MESSAGES), Duration.ofSeconds(70)));
      transcript.record("browser: what it received from jrtc", fromJrtc);
      assertThat(fromJrtc.get("error")).as("order of jrtc's messages at the browser").isNull();
      assertThat(fromJrtc.get("count")).isEqualTo((long) MESSAGES);
      assertThat(fromJrtc.get("sha256")).as("SHA-256 of jrtc's 4 MiB at the browser").isEqualTo(numbered.sha256.get());

      Map<String, Object> toJrtc = Json.asObject(call.browser.eval(
          "await pc.waitFor(() => pc.toJrtc.sha256 || pc.toJrtc.error, 'the browser sent everything', 60000);"
              + " return pc.toJrtc;", Map.of(), Duration.ofSeconds(70)));
      transcript.record("browser: what it sent to jrtc", toJrtc);
      assertThat(toJrtc.get("error")).as("browser sender").isNull();
      received.awaitCount(MESSAGES, Duration.ofSeconds(60));
      assertThat(received.error.get()).as("order of the browser's messages at jrtc").isNull();
      assertThat(received.sha256()).as("SHA-256 of the browser's 4 MiB at jrtc").isEqualTo(toJrtc.get("sha256"));

      // connectionState stayed or came back to connected, never failed or closed on the way.
      assertThat(call.jrtc.pc().connectionState().value()).isEqualTo("connected");
      assertThat(call.jrtcConnectionStates()).doesNotContain("failed", "closed");
      assertThat(call.browser.eval("return pc.connectionState;")).isEqualTo("connected");
      assertThat(call.browser.events()).noneMatch(l -> l.endsWith("connectionstatechange failed"));
    } finally {
      if (sender != null) {
        sender.interrupt();
      }
      call.close();
    }
  }

  /** The ufrag of the browser's selected pair's local candidate, "" if getStats does not say. */
  private static String browserPairUfrag(DataChannelCall call) {
    Object ufrag = browserPair(call).get("localUfrag");
    return ufrag == null ? "" : Json.asString(ufrag);
  }

  /**
   * The browser's selected pair from getStats(), with the ufrag of each candidate (Chromium's
   * RTCIceCandidateStats.usernameFragment; absent in Firefox 153), or an empty map.
   */
  static Map<String, Object> browserPair(DataChannelCall call) {
    Object v = call.browser.eval(String.join("\n",
        "const stats = await pc.getStats(); let pair = null;",
        "stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId); });",
        "if (!pair) stats.forEach(s => { if (s.type === 'candidate-pair' && s.selected) pair = s; });",
        "if (!pair) { const all = []; stats.forEach(s => { if (s.type === 'candidate-pair') all.push(s.localCandidateId + ' -> '"
            + " + s.remoteCandidateId + ' ' + s.state + (s.nominated ? ' nominated' : '') + (s.selected ? ' selected' : '')); });",
        "  return {none: 'no selected pair in getStats()', pairs: all, iceConnectionState: pc.iceConnectionState}; }",
        "const l = stats.get(pair.localCandidateId) || {}, r = stats.get(pair.remoteCandidateId) || {};",
        "return {local: l.address + ':' + l.port + ' ' + l.candidateType, localUfrag: l.usernameFragment,",
        "  remote: r.address + ':' + r.port + ' ' + r.candidateType, remoteUfrag: r.usernameFragment,",
        "  state: pair.state, nominated: pair.nominated};"));
    return Json.asObject(v);
  }

  static RTCIceTransport iceTransport(DataChannelCall call) {
    RTCSctpTransport sctp = call.jrtc.pc().sctp();
    assertThat(sctp).as("jrtc sctp transport").isNotNull();
    return sctp.transport().iceTransport();
  }

  static String describe(RTCIceCandidatePair pair) {
    return pair == null ? "(none)" : pair.local().candidate() + "  <->  " + pair.remote().candidate();
  }

  /** The first a=ice-ufrag of an SDP. */
  static String ufrag(String sdp) {
    return SdpView.parse(sdp).sections().get(0).attribute("ice-ufrag").get(0);
  }

  /** The message {@code seq}: its number in the first 4 bytes, then seeded random bytes. */
  static byte[] message(int seq) {
    byte[] m = new byte[MESSAGE_SIZE];
    new Random(seq * 31L + 7).nextBytes(m);
    ByteBuffer.wrap(m).putInt(0, seq);
    return m;
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends the numbered messages on a jrtc channel, holding the second half until {@code gate} opens. */
  static final class NumberedSender implements Runnable {
    private final JrtcChannel channel;
    private final CountDownLatch gate;
    final AtomicReference<String> sha256 = new AtomicReference<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final AtomicInteger sent = new AtomicInteger();

    NumberedSender(JrtcChannel channel, CountDownLatch gate) {
      this.channel = channel;
      this.gate = gate;
    }

    @Override
    public void run() {
      try {
        MessageDigest digest = newSha256();
        for (int i = 0; i < MESSAGES; i++) {
          if (i == MESSAGES / 2 && !gate.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the ICE restart exchange did not finish within 60 s");
          }
          byte[] m = message(i);
          digest.update(m);
          channel.sendPaced(m, 1 << 20, Duration.ofSeconds(60));
          sent.incrementAndGet();
        }
        sha256.set(HexFormat.of().formatHex(digest.digest()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable e) {
        failure.set(e);
      }
    }
  }

  /** Checks numbered messages as they arrive (each must be the next one) and hashes them. */
  static final class NumberedReceiver {
    private final MessageDigest digest = newSha256();
    private int next;
    final AtomicReference<String> error = new AtomicReference<>();
    private final CompletableFuture<String> done = new CompletableFuture<>();
    private final Object lock = new Object();

    void accept(byte[] m) {
      synchronized (lock) {
        int seq = m.length >= 4 ? ByteBuffer.wrap(m).getInt(0) : -1;
        if (seq != next) {
          error.compareAndSet(null, "message " + seq + " arrived when " + next + " was expected");
        } else if (m.length != MESSAGE_SIZE) {
          error.compareAndSet(null, "message " + seq + " has " + m.length + " bytes");
        }
        next = seq + 1;
        digest.update(m);
        lock.notifyAll();
        if (next == MESSAGES) {
          done.complete(HexFormat.of().formatHex(digest.digest()));
        }
      }
    }

    int count() {
      synchronized (lock) {
        return next;
      }
    }

    /** Waits until {@code n} messages arrived (or one out of order). */
    void awaitCount(int n, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lock) {
        while (next < n && error.get() == null) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("jrtc received " + next + " of the " + n + " numbered messages expected within "
                + timeout);
          }
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      }
    }

    String sha256() {
      return done.getNow(null);
    }
  }
}
