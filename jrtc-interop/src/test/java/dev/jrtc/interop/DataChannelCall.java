package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCIceCandidate;
import dev.jrtc.RTCIceCandidatePair;
import dev.jrtc.RTCIceGatheringState;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCPeerConnectionState;
import dev.jrtc.RTCSctpTransport;
import dev.jrtc.RTCSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A jrtc peer and a browser peer connection joined for data channel cells: the offer/answer
 * exchange (jrtc offerer or answerer), candidates trickled both ways or carried in the SDP only,
 * the channels each side sees ({@link JrtcChannel} on the jrtc side; on the browser side every
 * channel, created or announced, echoes each message back unchanged on the channel it came from,
 * unless its label starts with {@code sink}), and the checks on the connected pair.
 */
final class DataChannelCall {

  static final Duration TIMEOUT = Duration.ofSeconds(20);
  /** The channel the browser creates before offering when it has none (else its offer has no m=application). */
  static final String BOOTSTRAP = "bootstrap";

  final JrtcPeer jrtc;
  final BrowserPeerConnection browser;
  /** jrtc's event executor (its W3C "main thread"): channels are created and watched in one task on it. */
  private final ExecutorService events;
  private final Transcript transcript;
  private final List<String> jrtcStates = new ArrayList<>();
  private final List<String> jrtcCandidates = new ArrayList<>();
  private final LinkedBlockingQueue<RTCIceCandidate> jrtcTrickle = new LinkedBlockingQueue<>();
  /** Completes when jrtc's current ICE generation ends gathering; replaced on an ICE restart. */
  private volatile CompletableFuture<Void> jrtcGathered = new CompletableFuture<>();
  /** How many of the browser's candidates ({@code pc.outCandidates}) went to jrtc so far. */
  private int browserForwarded;
  private final List<String> toBrowser = new ArrayList<>();
  private final List<String> toJrtc = new ArrayList<>();
  private final CompletableFuture<Void> jrtcConnected = new CompletableFuture<>();
  private final Map<String, JrtcChannel> announced = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<JrtcChannel> announcedQueue = new LinkedBlockingQueue<>();

  DataChannelCall(BrowserPage page, Transcript transcript) {
    this.transcript = transcript;
    this.events = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "jrtc-events");
      t.setDaemon(true);
      return t;
    });
    this.jrtc = new JrtcPeer(RTCConfiguration.defaults(), RTCSettings.builder().eventExecutor(events).build());
    this.browser = BrowserPeerConnection.create(page, "browser");
    browser.reportTo(transcript);
    jrtc.reportTo(transcript);
    RTCPeerConnection pc = jrtc.pc();
    transcript.live("jrtc connectionState (history)", () -> pc.connectionState().value() + " " + states());
    transcript.live("jrtc gathered candidates", () -> {
      synchronized (jrtcCandidates) {
        return List.copyOf(jrtcCandidates);
      }
    });
    transcript.live("jrtc channels announced by the browser", () -> List.copyOf(announced.values()).toString());
    transcript.live("jrtc selected pair", () -> describe(selectedPair()));
    transcript.live("jrtc remote candidates (RTCIceTransport)", () -> pc.sctp() == null ? "(no sctp)"
        : pc.sctp().transport().iceTransport().getRemoteCandidates().stream().map(RTCIceCandidate::candidate).toList());
    pc.onConnectionStateChange(e -> {
      RTCPeerConnectionState s = pc.connectionState();
      synchronized (jrtcStates) {
        jrtcStates.add(s.value());
      }
      if (s == RTCPeerConnectionState.CONNECTED) {
        jrtcConnected.complete(null);
      }
    });
    transcript.live("candidates trickled to the browser", () -> snapshot(toBrowser));
    transcript.live("candidates trickled to jrtc", () -> snapshot(toJrtc));
    pc.onIceCandidate(e -> {
      RTCIceCandidate c = e.candidate();
      if (c == null || c.candidate().isEmpty()) {
        jrtcGathered.complete(null);
        synchronized (jrtcCandidates) {
          jrtcCandidates.add("(end of candidates)");
        }
        return;
      }
      synchronized (jrtcCandidates) {
        jrtcCandidates.add(c.candidate());
      }
      jrtcTrickle.add(c);
    });
    pc.onDataChannel(e -> {
      JrtcChannel ch = new JrtcChannel(e.channel());
      if (ch.label().equals(BOOTSTRAP)) {
        return;
      }
      announced.put(ch.label(), ch);
      announcedQueue.add(ch);
    });
    // Every browser channel echoes (text as text, binary as binary) unless its label says sink.
    browser.eval(String.join("\n",
        "pc.bytesIn = {};",
        "const watch = pc.watchChannel;",
        "pc.watchChannel = (channel) => {",
        "  watch(channel);",
        "  channel.binaryType = 'arraybuffer';",
        "  pc.bytesIn[channel.label] = 0;",
        "  channel.addEventListener('message', (m) => {",
        "    pc.bytesIn[channel.label] += typeof m.data === 'string' ? new TextEncoder().encode(m.data).length : m.data.byteLength;",
        "    if (!channel.label.startsWith('sink') && channel.readyState === 'open') channel.send(m.data);",
        "  });",
        "};",
        "pc.outCandidates = [];",
        "pc.addEventListener('icecandidate', (e) => { if (e.candidate && e.candidate.candidate)"
            + " pc.outCandidates.push({candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid,"
            + " usernameFragment: e.candidate.usernameFragment}); });",
        "return null;"));
  }

  private List<String> states() {
    synchronized (jrtcStates) {
      return List.copyOf(jrtcStates);
    }
  }

  private static List<String> snapshot(List<String> list) {
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  /** Every connectionstatechange jrtc fired so far, as the state after it, oldest first. */
  List<String> jrtcConnectionStates() {
    return states();
  }

  /**
   * Before an ICE restart: jrtc gathers again for the new credentials (RFC 8445 §9), so the
   * end of that gathering is awaited anew.
   */
  void expectNewGathering() {
    jrtcGathered = new CompletableFuture<>();
  }

  /** Whether jrtc signalled the end of gathering for its current ICE generation. */
  boolean jrtcGatheringEnded() {
    return jrtcGathered.isDone();
  }

  /** A jrtc channel created here and watched. */
  JrtcChannel jrtcChannel(String label, dev.jrtc.RTCDataChannelInit init) {
    // As a page would: createDataChannel and the handlers in one task of the event executor, so
    // that the open event (queued on that executor) cannot run before the handlers are set.
    try {
      return events.submit(() -> new JrtcChannel(init == null ? jrtc.pc().createDataChannel(label)
          : jrtc.pc().createDataChannel(label, init))).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("jrtc createDataChannel(" + label + ") failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("jrtc createDataChannel(" + label + ") on the event executor: " + e, e);
    }
  }

  /** The next channel the browser announced to jrtc (ondatachannel). */
  JrtcChannel nextAnnounced(Duration timeout) {
    try {
      JrtcChannel ch = announcedQueue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (ch == null) {
        throw new AssertionError("jrtc: no datachannel event within " + timeout);
      }
      return ch;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Offer/answer; with {@code trickle} the SDPs exchanged are the ones createOffer/createAnswer
   * returned (no candidates) and every candidate goes through addIceCandidate, both ways; without,
   * each side waits for complete gathering and sends its local description with all candidates
   * and no addIceCandidate is made.
   */
  void connect(boolean jrtcOffers, boolean trickle) {
    if (jrtcOffers) {
      String offer = jrtc.createOffer();
      jrtc.setLocalDescription("offer", offer);
      String sentOffer = trickle ? offer : jrtcLocalSdpAfterGathering();
      transcript.record("offer sent to the browser", sentOffer);
      browser.setRemoteDescription("offer", sentOffer);
      String answer = browser.createAnswer();
      browser.setLocalDescription("answer", answer);
      String sentAnswer = trickle ? answer : browserLocalSdpAfterGathering();
      transcript.record("answer sent to jrtc", sentAnswer);
      jrtc.setRemoteDescription("answer", sentAnswer);
    } else {
      browser.eval("if (Object.keys(pc.channels).length === 0) pc.watchChannel(pc.createDataChannel(args.label));"
          + " return null;", Map.of("label", BOOTSTRAP));
      String offer = browser.createOffer();
      browser.setLocalDescription("offer", offer);
      String sentOffer = trickle ? offer : browserLocalSdpAfterGathering();
      transcript.record("offer sent to jrtc", sentOffer);
      jrtc.setRemoteDescription("offer", sentOffer);
      String answer = jrtc.createAnswer();
      jrtc.setLocalDescription("answer", answer);
      String sentAnswer = trickle ? answer : jrtcLocalSdpAfterGathering();
      transcript.record("answer sent to the browser", sentAnswer);
      browser.setRemoteDescription("answer", sentAnswer);
    }
    if (trickle) {
      trickleUntilConnected();
    }
    awaitConnected();
  }

  private String jrtcLocalSdpAfterGathering() {
    awaitGathered();
    return jrtc.pc().localDescription().sdp();
  }

  private String browserLocalSdpAfterGathering() {
    browser.waitFor("pc.iceGatheringState === 'complete'", TIMEOUT);
    return Json.asString(browser.eval("return pc.localDescription.sdp;"));
  }

  private void awaitGathered() {
    try {
      jrtcGathered.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      if (jrtc.pc().iceGatheringState() != RTCIceGatheringState.COMPLETE) {
        throw new AssertionError("jrtc: ICE gathering not complete within " + TIMEOUT + ": "
            + jrtc.pc().iceGatheringState().value() + " (" + e + ")");
      }
    }
  }

  /** Forwards candidates both ways (jrtc's as they come, the browser's in batches) until both are connected. */
  private void trickleUntilConnected() {
    trickleUntilConnected(TIMEOUT, true);
  }

  /**
   * Like {@link #connect(boolean, boolean)} with jrtc offering and trickling, but jrtc's candidates
   * are never given to the browser: the browser can learn jrtc's address only from jrtc's checks
   * (peer-reflexive, RFC 8445 §7.3.1.3), so the connection comes up only if jrtc reaches the
   * browser's candidates itself; with mDNS names that needs jrtc to resolve them.
   */
  void connectWithholdingJrtcCandidates(Duration timeout) {
    String offer = jrtc.createOffer();
    jrtc.setLocalDescription("offer", offer);
    transcript.record("offer sent to the browser", offer);
    browser.setRemoteDescription("offer", offer);
    String answer = browser.createAnswer();
    browser.setLocalDescription("answer", answer);
    transcript.record("answer sent to jrtc", answer);
    jrtc.setRemoteDescription("answer", answer);
    trickleUntilConnected(timeout, false);
    browser.waitFor("pc.connectionState === 'connected'", timeout);
    awaitConnected();
  }

  private void trickleUntilConnected(Duration timeout, boolean sendJrtcCandidates) {
    trickleUntil(timeout, sendJrtcCandidates, () -> true);
  }

  /**
   * Forwards candidates both ways until both are connected, both ended gathering and {@code
   * done} holds; returns whether that happened within {@code timeout}.
   */
  boolean trickleUntil(Duration timeout, boolean sendJrtcCandidates, java.util.function.BooleanSupplier done) {
    return trickleUntil(timeout, sendJrtcCandidates, true, done);
  }

  /**
   * For {@code duration}, forwards only one side's candidates: jrtc's to the browser ({@code
   * fromJrtc}) or the browser's to jrtc. While a restart's answer is under way the answering side
   * may already have the offerer's new candidates, but not the other way round.
   */
  void trickleOneWay(Duration duration, boolean fromJrtc) {
    trickleUntil(duration, fromJrtc, !fromJrtc, () -> false);
  }

  /**
   * Forwards candidates (jrtc's as they come, the browser's in batches, each side's from where the
   * last call stopped; either direction may be held back) until both are connected, both ended
   * gathering and {@code done} holds; returns whether that happened within {@code timeout}.
   */
  private boolean trickleUntil(Duration timeout, boolean sendJrtcCandidates, boolean sendBrowserCandidates,
      java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<RTCIceCandidate> fromJrtc = new ArrayList<>();
      if (sendJrtcCandidates) {
        jrtcTrickle.drainTo(fromJrtc);
      }
      for (RTCIceCandidate c : fromJrtc) {
        synchronized (toBrowser) {
          toBrowser.add(c.candidate());
        }
        // As an application sends candidate.toJSON(): with its usernameFragment when jrtc gives one.
        Map<String, Object> init = new java.util.HashMap<>(Map.of("candidate", c.candidate(), "sdpMid", c.sdpMid()));
        if (c.usernameFragment() != null) {
          init.put("usernameFragment", c.usernameFragment());
        }
        browser.eval("await pc.addIceCandidate(args.init); return null;", Map.of("init", init));
      }
      Map<String, Object> b = Json.asObject(browser.eval(
          "return {c: pc.outCandidates.slice(args.from), gathering: pc.iceGatheringState, state: pc.connectionState};",
          Map.of("from", browserForwarded)));
      for (Object o : sendBrowserCandidates ? Json.asArray(b.get("c")) : List.of()) {
        Map<String, Object> c = Json.asObject(o);
        synchronized (toJrtc) {
          toJrtc.add(Json.asString(c.get("candidate")));
        }
        jrtc.addIceCandidate(Json.asString(c.get("candidate")), Json.asString(c.get("sdpMid")),
            c.get("usernameFragment") == null ? null : Json.asString(c.get("usernameFragment")));
        browserForwarded++;
      }
      boolean browserEnded = "complete".equals(b.get("gathering"));
      if ("connected".equals(b.get("state")) && jrtc.pc().connectionState() == RTCPeerConnectionState.CONNECTED
          && browserEnded && (jrtcGathered.isDone() || !sendJrtcCandidates) && done.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(20); // polling pace only; nothing is asserted on time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return false;
  }

  /** Both sides report connectionState connected. */
  void awaitConnected() {
    browser.waitFor("pc.connectionState === 'connected'", TIMEOUT);
    try {
      jrtcConnected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("jrtc connectionState did not reach connected within " + TIMEOUT + ": "
          + jrtc.pc().connectionState().value() + " history " + states());
    }
    assertThat(jrtc.pc().connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
  }

  RTCIceCandidatePair selectedPair() {
    RTCSctpTransport sctp = jrtc.pc().sctp();
    return sctp == null ? null : sctp.transport().iceTransport().getSelectedCandidatePair();
  }

  private static String describe(RTCIceCandidatePair pair) {
    return pair == null ? "(none)" : pair.local().candidate() + "  <->  " + pair.remote().candidate();
  }

  /**
   * Both selected pairs are on namespace addresses, and each side's pair is the other's seen
   * from the far end (same addresses and ports, swapped); the browser's pair comes from getStats().
   */
  Map<String, Object> checkSelectedPairs() {
    RTCIceCandidatePair jrtcPair = selectedPair();
    assertThat(jrtcPair).as("jrtc selected candidate pair").isNotNull();
    Map<String, Object> b = browserSelectedPair();
    transcript.record("browser selected pair (getStats)", b);
    transcript.record("jrtc selected pair when connected", describe(jrtcPair));
    transcript.record("jrtc remote candidates when connected", jrtc.pc().sctp().transport().iceTransport()
        .getRemoteCandidates().stream().map(c -> c.candidate() + " (address " + c.address() + ")").toList());
    assertThat(PrivateNetwork.candidateAddressInside(jrtcPair.local().address()))
        .as("jrtc local %s", jrtcPair.local().candidate()).isTrue();
    // jrtc's remote must be an IP (a .local name is only a name: packets go to what it resolved to).
    assertThat(jrtcPair.remote().address()).as("jrtc remote %s", jrtcPair.remote().candidate()).doesNotEndWith(".local");
    assertThat(PrivateNetwork.candidateAddressInside(jrtcPair.remote().address()))
        .as("jrtc remote %s", jrtcPair.remote().candidate()).isTrue();
    String browserLocal = b.get("localAddress") == null ? "" : Json.asString(b.get("localAddress"));
    if (!browserLocal.isEmpty()) {
      // With mDNS hiding on, Chromium reports its own address as "" in getStats(); jrtc's remote
      // address above is that same endpoint, seen from jrtc.
      assertThat(PrivateNetwork.candidateAddressInside(browserLocal)).as("browser local %s", b).isTrue();
    }
    String browserRemote = b.get("remoteAddress") == null ? "" : Json.asString(b.get("remoteAddress"));
    if (browserRemote.equals("(redacted)")) {
      browserRemote = ""; // Firefox's word for a peer-reflexive remote address it does not show
    }
    if (!browserRemote.isEmpty()) {
      // Chromium reports a peer-reflexive remote address as "" too; jrtc's local address is that endpoint.
      assertThat(PrivateNetwork.candidateAddressInside(browserRemote)).as("browser remote %s", b).isTrue();
    }
    // Chromium reports its selected pair "in-progress" while it re-checks it, so the state is not asserted.
    assertThat(b.get("protocol")).isEqualTo("udp");
    // Whether both ends use the same pair (the browser's remote candidate is jrtc's local one) is
    // recorded, not asserted: Chromium disagrees in about 1 run in 6, and not through a jrtc fault
    // (RFC 8445 §8.1.1). jrtc controlling: jrtc sends on the pair it nominated (Chromium's getStats
    // shows it "nominated", still "waiting" because Chromium never checked it), while Chromium keeps
    // sending on another writable pair it was never asked to use. jrtc controlled: Chromium
    // nominates two pairs (both "succeeded nominated", its loopback candidate and its 10.77.0.1
    // one); jrtc uses the higher-priority nominated one (RFC 5245 §11.1.1), Chromium the other.
    // Data flows either way: each side receives on every valid pair.
    boolean same = (browserRemote.isEmpty() || jrtcPair.local().address().equals(browserRemote))
        && ((Number) b.get("remotePort")).intValue() == jrtcPair.local().port()
        && ((Number) b.get("localPort")).intValue() == jrtcPair.remote().port();
    transcript.record("both ends on the same pair", same);
    if (!same) {
      dev.jrtc.RTCIceTransport ice = jrtc.pc().sctp().transport().iceTransport();
      Object pairs = browser.eval(String.join("\n",
          "const stats = await pc.getStats(); const all = [];",
          "const addr = id => { const c = stats.get(id); return c ? c.address + ':' + c.port + ' ' + c.candidateType : id; };",
          "stats.forEach(s => { if (s.type === 'candidate-pair') all.push(addr(s.localCandidateId) + ' -> '",
          "  + addr(s.remoteCandidateId) + ' ' + s.state + (s.nominated ? ' nominated' : '') + ' sent ' + s.bytesSent"
              + " + ' received ' + s.bytesReceived); });",
          "return all;"));
      transcript.record("the browser's candidate pairs when the ends disagree", pairs);
      System.err.println("WARN jrtc and the browser selected different pairs: jrtc (" + ice.role().value() + ") "
          + describe(jrtcPair) + ", browser " + b + "; the browser's pairs " + pairs);
    }
    return b;
  }

  /** True when every host candidate the browser gathered is an mDNS name (Chromium's default flags). */
  boolean browserHidesAddresses() {
    List<String> hosts = browser.events().stream().filter(l -> l.contains(" ms icecandidate candidate:")
        && l.contains(" typ host")).toList();
    return !hosts.isEmpty() && hosts.stream().allMatch(l -> l.contains(".local "));
  }

  /** The browser's selected pair from getStats(): addresses, ports, state, protocol, bytes. */
  Map<String, Object> browserSelectedPair() {
    return Json.asObject(browser.eval(String.join("\n",
        "const stats = await pc.getStats(); let pair = null;",
        "stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId); });",
        // Firefox has no transport stats: its selected pair carries a non-standard selected flag.
        "if (!pair) stats.forEach(s => { if (s.type === 'candidate-pair' && s.selected) pair = s; });",
        "if (!pair) return null;",
        "const l = stats.get(pair.localCandidateId), r = stats.get(pair.remoteCandidateId);",
        "let allPairsBytesReceived = 0;",
        "stats.forEach(s => { if (s.type === 'candidate-pair') allPairsBytesReceived += s.bytesReceived || 0; });",
        "return {localAddress: l.address, localPort: l.port, remoteAddress: r.address, remotePort: r.port,",
        "        protocol: l.protocol, state: pair.state, bytesSent: pair.bytesSent, bytesReceived: pair.bytesReceived,",
        "        allPairsBytesReceived};")));
  }

  /**
   * The browser's {@code data-channel} stats for {@code label}: messages/bytes sent and received,
   * state, id. Chromium caches a getStats() report for a few tens of ms, so the report is read
   * again (every 20 ms, up to 5 s) until it counts at least {@code minMessagesReceived}; the caller
   * then asserts the exact figures.
   */
  Map<String, Object> browserChannelStats(String label, long minMessagesReceived) {
    Object v = browser.eval(String.join("\n",
        "const read = async () => {",
        "  const stats = await pc.getStats(); let found = null;",
        "  stats.forEach(s => { if (s.type === 'data-channel' && s.label === args.label) found = s; });",
        "  return found && {messagesSent: found.messagesSent, bytesSent: found.bytesSent,",
        "    messagesReceived: found.messagesReceived, bytesReceived: found.bytesReceived, state: found.state,",
        "    id: found.dataChannelIdentifier};",
        "};",
        "const start = performance.now(); let r = await read();",
        "while ((!r || r.messagesReceived < args.min) && performance.now() - start < 5000) {",
        "  await new Promise(res => setTimeout(res, 20)); r = await read();",
        "}",
        "return r;"),
        Map.of("label", label, "min", minMessagesReceived));
    assertThat(v).as("browser data-channel stats for '%s'", label).isNotNull();
    Map<String, Object> stats = Json.asObject(v);
    transcript.record("browser data-channel stats " + label, stats);
    return stats;
  }

  void close() {
    try {
      jrtc.close();
      events.shutdown();
    } finally {
      browser.eval("pc.close(); return null;");
    }
  }
}
