package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.RTCDataChannelInit;
import dev.jrtc.RTCDataChannelState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, the jrtc &lt;-&gt; Chromium data channel cells of the interop matrix, with jrtc once
 * offerer and once answerer: connected on both sides over namespace addresses, channels opened from
 * either side (in-band and negotiated), text and binary echoed, 16 MiB each way with matching
 * SHA-256, unordered and {@code maxRetransmits: 0} channels, remote close of a channel and of the
 * connection both ways, trickle and non-trickle, and Chromium's getStats() counters against what
 * jrtc sent.
 */
@ExtendWith(ChromiumExtension.class)
class ChromiumDataChannelIT {

  private static final Duration T = DataChannelCall.TIMEOUT;
  private static final int BULK = 16 << 20;
  private static final int CHUNK = 64 << 10;

  @Test
  @DisplayName("jrtc offers (trickle): connected, pairs in the namespace, channels both ways echo text and binary, stats match")
  void jrtcOffersTrickle(BrowserPage page, Transcript transcript) {
    channelsBothWays(page, transcript, true, true);
  }

  @Test
  @DisplayName("jrtc answers (trickle): connected, pairs in the namespace, channels both ways echo text and binary, stats match")
  void jrtcAnswersTrickle(BrowserPage page, Transcript transcript) {
    channelsBothWays(page, transcript, false, true);
  }

  @Test
  @DisplayName("jrtc offers, non-trickle (all candidates in the SDP): connected, echo")
  void jrtcOffersNonTrickle(BrowserPage page, Transcript transcript) {
    channelsBothWays(page, transcript, true, false);
  }

  @Test
  @DisplayName("jrtc answers, non-trickle (all candidates in the SDP): connected, echo")
  void jrtcAnswersNonTrickle(BrowserPage page, Transcript transcript) {
    channelsBothWays(page, transcript, false, false);
  }

  @Test
  @DisplayName("jrtc offers: 16 MiB each way with matching SHA-256")
  void bulkJrtcOffers(BrowserPage page, Transcript transcript) throws Exception {
    bulk(page, transcript, true);
  }

  @Test
  @DisplayName("jrtc answers: 16 MiB each way with matching SHA-256")
  void bulkJrtcAnswers(BrowserPage page, Transcript transcript) throws Exception {
    bulk(page, transcript, false);
  }

  @Test
  @DisplayName("jrtc offers: unordered and maxRetransmits 0 channels, both ways")
  void partialReliabilityJrtcOffers(BrowserPage page, Transcript transcript) {
    partialReliability(page, transcript, true);
  }

  @Test
  @DisplayName("jrtc answers: unordered and maxRetransmits 0 channels, both ways")
  void partialReliabilityJrtcAnswers(BrowserPage page, Transcript transcript) {
    partialReliability(page, transcript, false);
  }

  @Test
  @DisplayName("jrtc offers: Chromium closes a channel, then jrtc closes one; Chromium closes the connection")
  void remoteClosesJrtcOffers(BrowserPage page, Transcript transcript) {
    closes(page, transcript, true, true);
  }

  @Test
  @DisplayName("jrtc answers: Chromium closes a channel, then jrtc closes one; jrtc closes the connection")
  void jrtcClosesJrtcAnswers(BrowserPage page, Transcript transcript) {
    closes(page, transcript, false, false);
  }

  @Test
  @DisplayName("jrtc's own checks connect when Chromium never gets jrtc's candidates (control for the mDNS cell)")
  void jrtcChecksAloneConnect(BrowserPage page, Transcript transcript) {
    DataChannelCall call = new DataChannelCall(page, transcript);
    try {
      JrtcChannel channel = call.jrtcChannel("own-checks", null);
      call.connectWithholdingJrtcCandidates(Duration.ofSeconds(10));
      call.checkSelectedPairs();
      channel.awaitOpen(T);
      channel.channel().send("own checks");
      assertThat(channel.nextText(T)).isEqualTo("own checks");
    } finally {
      call.close();
    }
  }

  // ------------------------------------------------------------------ cells

  static void channelsBothWays(BrowserPage page, Transcript transcript, boolean jrtcOffers, boolean trickle) {
    DataChannelCall call = new DataChannelCall(page, transcript);
    try {
      // The first channel exists before the offer so that it carries an m=application section.
      JrtcChannel fromJrtc = null;
      if (jrtcOffers) {
        fromJrtc = call.jrtcChannel("from-jrtc", null);
      } else {
        call.browser.createDataChannel("from-browser");
      }
      JrtcChannel negotiated = call.jrtcChannel("negotiated",
          RTCDataChannelInit.builder().negotiated(true).id(7).build());
      call.browser.eval("pc.watchChannel(pc.createDataChannel('negotiated', {negotiated: true, id: 7})); return null;");
      call.connect(jrtcOffers, trickle);
      call.checkSelectedPairs();

      // Channels opened after connecting, from the side that did not open the first one.
      if (jrtcOffers) {
        call.browser.createDataChannel("from-browser");
      } else {
        fromJrtc = call.jrtcChannel("from-jrtc", null);
      }
      JrtcChannel announced = call.nextAnnounced(T);
      assertThat(announced.label()).isEqualTo("from-browser");
      fromJrtc.awaitOpen(T);
      negotiated.awaitOpen(T);
      call.browser.waitFor("pc.channels['from-jrtc'] && pc.channels['from-jrtc'].readyState === 'open'"
          + " && pc.channels['negotiated'].readyState === 'open'", T);
      assertThat(negotiated.channel().id()).isEqualTo(7);
      assertThat(negotiated.channel().negotiated()).isTrue();

      // jrtc -> browser -> jrtc echo, text and binary, on the jrtc-opened and the negotiated channel.
      long sentMessages = 0;
      long sentBytes = 0;
      for (JrtcChannel ch : List.of(fromJrtc, negotiated)) {
        String text = "héllo ✓ from jrtc on " + ch.label();
        ch.channel().send(text);
        assertThat(ch.nextText(T)).isEqualTo(text);
        byte[] binary = new byte[1500];
        new Random(42).nextBytes(binary);
        ch.channel().send(binary);
        assertThat(ch.nextBinary(T)).isEqualTo(binary);
        ch.channel().send(new byte[0]); // an empty message (RFC 8831 §6.6: WebRTC Binary Empty)
        assertThat(ch.nextBinary(T)).isEmpty();
        if (ch == fromJrtc) {
          sentMessages = 3;
          sentBytes = text.getBytes(StandardCharsets.UTF_8).length + binary.length;
        }
      }

      // browser -> jrtc on the channel the browser opened: jrtc echoes, the browser checks.
      announced.awaitOpen(T);
      echoOnJrtc(announced);
      Object echoed = call.browser.eval(String.join("\n",
          "const ch = pc.channels['from-browser'];",
          "const got = [];",
          "const done = new Promise((resolve, reject) => {",
          "  ch.addEventListener('message', m => { got.push(m.data); if (got.length === 2) resolve(); });",
          "  setTimeout(() => reject(new Error('echo from jrtc: got ' + got.length + ' of 2 messages')), 10000);",
          "});",
          "const bin = new Uint8Array(1200); for (let i = 0; i < bin.length; i++) bin[i] = (i * 7) & 255;",
          "ch.send('ping from the browser ✓'); ch.send(bin);",
          "await done;",
          "const back = new Uint8Array(got[1]);",
          "return {text: got[0], binaryLength: back.length, binaryEqual: back.every((b, i) => b === bin[i])};"));
      transcript.record("browser echo result", echoed);
      Map<String, Object> e = Json.asObject(echoed);
      assertThat(e.get("text")).isEqualTo("ping from the browser ✓");
      assertThat(e.get("binaryLength")).isEqualTo(1200L);
      assertThat(e.get("binaryEqual")).isEqualTo(true);

      // Chromium's own counters for the channel jrtc opened: what jrtc sent, and echoed back.
      Map<String, Object> stats = call.browserChannelStats("from-jrtc", sentMessages);
      assertThat(((Number) stats.get("messagesReceived")).longValue()).isEqualTo(sentMessages);
      assertThat(((Number) stats.get("bytesReceived")).longValue()).isEqualTo(sentBytes);
      assertThat(((Number) stats.get("messagesSent")).longValue()).isEqualTo(sentMessages);
      assertThat(((Number) stats.get("bytesSent")).longValue()).isEqualTo(sentBytes);
      assertThat(stats.get("state")).isEqualTo("open");
      assertThat(stats.get("id")).isEqualTo(fromJrtc.channel().id().longValue());
      // Summed over every candidate pair: jrtc and Chromium were once seen on different pairs (see
      // DataChannelCall#checkSelectedPairs), and what jrtc sends then arrives on another pair.
      Map<String, Object> pair = call.browserSelectedPair();
      transcript.record("browser selected pair after the echo", pair);
      assertThat(((Number) pair.get("allPairsBytesReceived")).longValue()).isGreaterThanOrEqualTo(sentBytes);
    } finally {
      call.close();
    }
  }

  /** Echoes every message on a jrtc channel back on it, text as text, binary as binary. */
  private static void echoOnJrtc(JrtcChannel ch) {
    Thread echo = new Thread(() -> {
      try {
        while (ch.channel().readyState() == RTCDataChannelState.OPEN) {
          Object m = ch.next(Duration.ofDays(1));
          if (m instanceof String s) {
            ch.channel().send(s);
          } else {
            ch.channel().send((byte[]) m);
          }
        }
      } catch (RuntimeException | AssertionError e) {
        // the channel closed or the test ended
      }
    }, "jrtc-echo-" + ch.label());
    echo.setDaemon(true);
    echo.start();
  }

  static void bulk(BrowserPage page, Transcript transcript, boolean jrtcOffers) throws Exception {
    DataChannelCall call = new DataChannelCall(page, transcript);
    try {
      JrtcChannel toBrowser = call.jrtcChannel("sink-to-browser", null);
      call.connect(jrtcOffers, true);
      toBrowser.awaitOpen(T);
      call.browser.waitFor("pc.channels['sink-to-browser'] && pc.channels['sink-to-browser'].readyState === 'open'", T);
      // The browser collects the chunks and hashes them once all arrived.
      call.browser.eval(String.join("\n",
          "const ch = pc.channels['sink-to-browser'];",
          "pc.bulk = {chunks: [], bytes: 0};",
          "ch.addEventListener('message', m => { pc.bulk.chunks.push(new Uint8Array(m.data)); pc.bulk.bytes += m.data.byteLength; });",
          "return null;"));
      MessageDigest sent = MessageDigest.getInstance("SHA-256");
      Random random = new Random(6);
      for (int off = 0; off < BULK; off += CHUNK) {
        byte[] chunk = new byte[CHUNK];
        random.nextBytes(chunk);
        sent.update(chunk);
        toBrowser.sendPaced(chunk, 1 << 20, T);
      }
      String browserHash = Json.asString(call.browser.eval(String.join("\n",
          "await pc.waitFor(() => pc.bulk.bytes >= args.total, 'all ' + args.total + ' bytes', 60000);",
          "const all = new Uint8Array(pc.bulk.bytes); let o = 0;",
          "for (const c of pc.bulk.chunks) { all.set(c, o); o += c.length; }",
          "pc.bulk.chunks = [];",
          "const d = new Uint8Array(await crypto.subtle.digest('SHA-256', all));",
          "return Array.from(d).map(b => b.toString(16).padStart(2, '0')).join('');"),
          Map.of("total", BULK), Duration.ofSeconds(90)));
      assertThat(browserHash).as("SHA-256 of the 16 MiB jrtc sent, computed by the browser")
          .isEqualTo(HexFormat.of().formatHex(sent.digest()));
      Map<String, Object> stats = call.browserChannelStats("sink-to-browser", BULK / CHUNK);
      assertThat(((Number) stats.get("messagesReceived")).longValue()).isEqualTo(BULK / CHUNK);
      assertThat(((Number) stats.get("bytesReceived")).longValue()).isEqualTo(BULK);

      // The browser opens a channel and sends 16 MiB to jrtc, paced on bufferedamountlow.
      call.browser.createDataChannel("sink-to-jrtc");
      JrtcChannel fromBrowser = call.nextAnnounced(T);
      assertThat(fromBrowser.label()).isEqualTo("sink-to-jrtc");
      MessageDigest received = MessageDigest.getInstance("SHA-256");
      AtomicLong receivedBytes = new AtomicLong();
      CompletableFuture<Void> all = new CompletableFuture<>();
      fromBrowser.sinkBinary(b -> {
        received.update(b);
        if (receivedBytes.addAndGet(b.length) >= BULK) {
          all.complete(null);
        }
      });
      fromBrowser.awaitOpen(T);
      String sentHash = Json.asString(call.browser.eval(String.join("\n",
          "const ch = pc.channels['sink-to-jrtc'];",
          "await pc.waitFor(() => ch.readyState === 'open', 'open', 10000);",
          "ch.bufferedAmountLowThreshold = 512 * 1024;",
          "const all = new Uint8Array(args.total);",
          "for (let o = 0; o < all.length; o += 65536) crypto.getRandomValues(all.subarray(o, o + 65536));",
          "for (let o = 0; o < all.length; o += args.chunk) {",
          "  if (ch.bufferedAmount > 1024 * 1024) await new Promise(r => ch.addEventListener('bufferedamountlow', r, {once: true}));",
          "  ch.send(all.subarray(o, o + args.chunk));",
          "}",
          "const d = new Uint8Array(await crypto.subtle.digest('SHA-256', all));",
          "return Array.from(d).map(b => b.toString(16).padStart(2, '0')).join('');"),
          Map.of("total", BULK, "chunk", CHUNK), Duration.ofSeconds(90)));
      all.get(60, TimeUnit.SECONDS);
      assertThat(receivedBytes.get()).isEqualTo(BULK);
      assertThat(HexFormat.of().formatHex(received.digest())).as("SHA-256 of the 16 MiB the browser sent")
          .isEqualTo(sentHash);
    } finally {
      call.close();
    }
  }

  static void partialReliability(BrowserPage page, Transcript transcript, boolean jrtcOffers) {
    DataChannelCall call = new DataChannelCall(page, transcript);
    try {
      JrtcChannel unordered = call.jrtcChannel("unordered", RTCDataChannelInit.builder().ordered(false).build());
      JrtcChannel noRetransmits = call.jrtcChannel("rtx0", RTCDataChannelInit.builder().maxRetransmits(0).build());
      call.connect(jrtcOffers, true);
      unordered.awaitOpen(T);
      noRetransmits.awaitOpen(T);
      Map<String, Object> seen = Json.asObject(call.browser.eval(String.join("\n",
          "await pc.waitFor(() => pc.channels['unordered'] && pc.channels['rtx0']", "  && pc.channels['unordered'].readyState === 'open' && pc.channels['rtx0'].readyState === 'open', 'open', 10000);",
          "const u = pc.channels['unordered'], r = pc.channels['rtx0'];",
          "return {uOrdered: u.ordered, uRtx: u.maxRetransmits, rOrdered: r.ordered, rRtx: r.maxRetransmits};")));
      transcript.record("browser's view of the channels", seen);
      // DCEP (RFC 8832 §5.1) carried the reliability parameters to the browser.
      assertThat(seen.get("uOrdered")).isEqualTo(false);
      assertThat(seen.get("uRtx")).isNull();
      assertThat(seen.get("rOrdered")).isEqualTo(true);
      assertThat(seen.get("rRtx")).isEqualTo(0L);
      int n = 100;
      for (JrtcChannel ch : List.of(unordered, noRetransmits)) {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
          String m = ch.label() + " " + i;
          expected.add(m);
          ch.channel().send(m);
        }
        // No loss inside the namespace: every message comes back, in any order on the unordered one.
        Set<String> got = new HashSet<>();
        for (int i = 0; i < n; i++) {
          got.add(ch.nextText(T));
        }
        assertThat(got).isEqualTo(expected);
        Map<String, Object> stats = call.browserChannelStats(ch.label(), n);
        assertThat(((Number) stats.get("messagesReceived")).longValue()).isEqualTo(n);
      }
      // The browser opens the same kinds of channels towards jrtc.
      call.browser.eval("pc.watchChannel(pc.createDataChannel('b-unordered', {ordered: false}));"
          + " pc.watchChannel(pc.createDataChannel('b-rtx0', {maxRetransmits: 0})); return null;");
      JrtcChannel a = call.nextAnnounced(T);
      JrtcChannel b = call.nextAnnounced(T);
      JrtcChannel bUnordered = a.label().equals("b-unordered") ? a : b;
      JrtcChannel bRtx0 = a == bUnordered ? b : a;
      assertThat(bUnordered.channel().ordered()).isFalse();
      assertThat(bUnordered.channel().maxRetransmits()).isNull();
      assertThat(bRtx0.channel().ordered()).isTrue();
      assertThat(bRtx0.channel().maxRetransmits()).isEqualTo(0);
      bUnordered.awaitOpen(T);
      bRtx0.awaitOpen(T);
      call.browser.eval("for (const l of ['b-unordered', 'b-rtx0']) for (let i = 0; i < 100; i++) pc.channels[l].send(l + ' ' + i);"
          + " return null;");
      for (JrtcChannel ch : List.of(bUnordered, bRtx0)) {
        Set<String> got = new HashSet<>();
        for (int i = 0; i < n; i++) {
          got.add(ch.nextText(T));
        }
        assertThat(got).hasSize(n).allMatch(m -> m.startsWith(ch.label() + " "));
      }
    } finally {
      call.close();
    }
  }

  static void closes(BrowserPage page, Transcript transcript, boolean jrtcOffers, boolean browserClosesConnection) {
    DataChannelCall call = new DataChannelCall(page, transcript);
    try {
      JrtcChannel closedByBrowser = call.jrtcChannel("closed-by-browser", null);
      JrtcChannel closedByJrtc = call.jrtcChannel("closed-by-jrtc", null);
      JrtcChannel survivor = call.jrtcChannel("survivor", null);
      call.connect(jrtcOffers, true);
      for (JrtcChannel ch : List.of(closedByBrowser, closedByJrtc, survivor)) {
        ch.awaitOpen(T);
      }
      call.browser.waitFor("['closed-by-browser', 'closed-by-jrtc', 'survivor'].every(l => pc.channels[l]"
          + " && pc.channels[l].readyState === 'open')", T);
      call.browser.eval("pc.channels['closed-by-browser'].close(); return null;");
      closedByBrowser.awaitClose(T);
      // webrtc-pc §6.2 "closing procedure": a remote reset fires closing, then close.
      assertThat(closedByBrowser.events()).containsExactly("open", "closing", "close");
      assertThat(closedByBrowser.channel().readyState()).isEqualTo(RTCDataChannelState.CLOSED);
      call.browser.waitFor("pc.channels['closed-by-browser'].readyState === 'closed'", T);

      closedByJrtc.channel().close();
      assertThat(closedByJrtc.channel().readyState()).isIn(RTCDataChannelState.CLOSING, RTCDataChannelState.CLOSED);
      call.browser.waitFor("pc.channels['closed-by-jrtc'].readyState === 'closed'", T);
      closedByJrtc.awaitClose(T);
      assertThat(closedByJrtc.events()).containsExactly("open", "close");
      assertThat(call.browser.events()).anyMatch(l -> l.endsWith("channel close closed-by-jrtc"));

      // The survivor still carries messages both ways.
      survivor.channel().send("still here");
      assertThat(survivor.nextText(T)).isEqualTo("still here");

      if (browserClosesConnection) {
        call.browser.eval("pc.close(); return null;");
        survivor.awaitClose(T);
        assertThat(survivor.events()).contains("open", "close");
        assertThat(survivor.channel().readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        List<String> sctp = new ArrayList<>();
        sctp.add(call.jrtc.pc().sctp().state().value());
        transcript.record("jrtc sctp state after the browser closed", sctp);
        assertThat(call.jrtc.pc().sctp().state().value()).isEqualTo("closed");
      } else {
        call.jrtc.pc().close();
        assertThat(call.jrtc.pc().connectionState().value()).isEqualTo("closed");
        assertThat(survivor.channel().readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        call.browser.waitFor("pc.channels['survivor'].readyState === 'closed'", T);
        assertThat(call.browser.events()).anyMatch(l -> l.endsWith("channel close survivor"));
      }
    } finally {
      call.close();
    }
  }
}
