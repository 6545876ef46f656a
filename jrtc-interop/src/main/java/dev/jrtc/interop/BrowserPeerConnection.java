package dev.jrtc.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A browser's {@code RTCPeerConnection}, held in the page as {@code pcs[name]} and driven from
 * Java. Each method is one {@link BrowserPage#eval} round trip; JavaScript errors surface as
 * {@link BrowserException} with the browser's error name ({@code InvalidAccessError}, ...).
 *
 * <p>The page keeps a log of the connection's events ({@code signalingstatechange},
 * {@code negotiationneeded}, {@code icecandidate}, {@code track}, {@code datachannel}, state
 * changes) in {@code pcs[name].jrtcLog}; {@link #events()} reads it, and {@link
 * #reportTo(Transcript)} puts it, the states and both descriptions into a test's transcript.
 */
final class BrowserPeerConnection {

  private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(3);

  private final BrowserPage page;
  private final String name;

  private BrowserPeerConnection(BrowserPage page, String name) {
    this.page = page;
    this.name = name;
  }

  /**
   * Creates {@code pcs[name] = new RTCPeerConnection(configuration)} in the page. An empty
   * configuration means no ICE servers, so nothing is ever sent outside the namespace.
   */
  static BrowserPeerConnection create(BrowserPage page, String name, Map<String, ?> configuration) {
    page.eval(String.join("\n",
        "window.pcs = window.pcs || {};",
        "const pc = new RTCPeerConnection(args.configuration);",
        "const log = [];",
        "pc.jrtcLog = log;",
        "pcs[args.name] = pc;",
        "const t0 = performance.now();",
        "const note = (text) => log.push(Math.round(performance.now() - t0) + ' ms ' + text);",
        "pc.addEventListener('signalingstatechange', () => note('signalingstatechange ' + pc.signalingState));",
        "pc.addEventListener('negotiationneeded', () => note('negotiationneeded'));",
        "pc.addEventListener('icecandidate', (e) => note('icecandidate ' + (e.candidate ? e.candidate.candidate : 'null')));",
        "pc.addEventListener('icegatheringstatechange', () => note('icegatheringstatechange ' + pc.iceGatheringState));",
        "pc.addEventListener('iceconnectionstatechange', () => note('iceconnectionstatechange ' + pc.iceConnectionState));",
        "pc.addEventListener('connectionstatechange', () => note('connectionstatechange ' + pc.connectionState));",
        "pc.addEventListener('track', (e) => note('track ' + e.track.kind + ' mid=' + e.transceiver.mid"
            + " + ' streams=[' + e.streams.map(s => s.id).join(', ') + ']'));",
        "pc.channels = {};",
        "pc.received = [];",
        "pc.watchChannel = (channel) => {",
        "  pc.channels[channel.label] = channel;",
        "  channel.addEventListener('open', () => note('channel open ' + channel.label));",
        "  channel.addEventListener('close', () => note('channel close ' + channel.label));",
        "  channel.addEventListener('message', (m) => pc.received.push({label: channel.label,",
        "      data: typeof m.data === 'string' ? m.data : '<binary ' + (m.data.byteLength ?? m.data.size) + ' bytes>'}));",
        "};",
        "pc.addEventListener('datachannel', (e) => { note('datachannel ' + e.channel.label); pc.watchChannel(e.channel); });",
        "pc.waitFor = (predicate, what, timeoutMs) => new Promise((resolve, reject) => {",
        "  const start = performance.now();",
        "  const check = () => {",
        "    let value; try { value = predicate(); } catch (e) { reject(e); return; }",
        "    if (value) resolve(value);",
        "    else if (performance.now() - start > timeoutMs) reject(new Error('timed out after ' + timeoutMs + ' ms waiting for ' + what));",
        "    else setTimeout(check, 10);",
        "  };",
        "  check();",
        "});",
        "return null;"),
        Map.of("name", name, "configuration", configuration));
    return new BrowserPeerConnection(page, name);
  }

  /** Creates one with an empty configuration. */
  static BrowserPeerConnection create(BrowserPage page, String name) {
    return create(page, name, Map.of());
  }

  String name() {
    return name;
  }

  BrowserPage page() {
    return page;
  }

  /**
   * Runs {@code body} with {@code pc} bound to this connection and the given extra arguments in
   * {@code args}, for anything the typed methods do not cover.
   */
  Object eval(String body, Map<String, ?> extraArgs) {
    Map<String, Object> args = new LinkedHashMap<>(extraArgs);
    args.put("name", name);
    return page.eval("const pc = pcs[args.name];\n" + body, args);
  }

  Object eval(String body) {
    return eval(body, Map.of());
  }

  /** {@link #eval(String, Map)} with a longer timeout, for bulk transfers. */
  Object eval(String body, Map<String, ?> extraArgs, Duration timeout) {
    Map<String, Object> args = new LinkedHashMap<>(extraArgs);
    args.put("name", name);
    return page.eval("const pc = pcs[args.name];\n" + body, args, timeout);
  }

  /** {@code pc.addTransceiver(kind, {direction})}; returns nothing (the mid is not known yet). */
  void addTransceiver(String kind, String direction) {
    eval("pc.addTransceiver(args.kind, {direction: args.direction}); return null;",
        Map.of("kind", kind, "direction", direction));
  }

  /**
   * {@code pc.createDataChannel(label)}, kept as {@code pc.channels[label]}; channels the remote
   * side opens are kept there too, and every text message received lands in {@link #received()}.
   */
  void createDataChannel(String label) {
    eval("pc.watchChannel(pc.createDataChannel(args.label)); return null;", Map.of("label", label));
  }

  /** Sends a text message on the channel {@code label} (created here or announced by the remote side). */
  void send(String label, String text) {
    eval("const ch = pc.channels[args.label];"
        + " if (!ch) throw new Error('no data channel ' + args.label + ', have ' + Object.keys(pc.channels));"
        + " ch.send(args.text); return null;", Map.of("label", label, "text", text));
  }

  /** Every message received on this connection's data channels, oldest first, as "label: text". */
  List<String> received() {
    List<String> messages = new ArrayList<>();
    for (Object o : Json.asArray(eval("return pc.received;"))) {
      Map<String, Object> m = Json.asObject(o);
      messages.add(m.get("label") + ": " + m.get("data"));
    }
    return messages;
  }

  /**
   * Waits in the browser until the JavaScript expression {@code condition} (with {@code pc} in
   * scope) is truthy, checking every 10 ms; returns its value. Fails with {@code what} after
   * {@code timeout}.
   *
   * <pre>{@code chromium.waitFor("pc.connectionState === 'connected'", Duration.ofSeconds(10));}</pre>
   */
  Object waitFor(String condition, Duration timeout) {
    return page.eval("const pc = pcs[args.name];\n"
        + "return await pc.waitFor(() => (" + condition + "), args.what, args.timeoutMs);",
        Map.of("name", name, "what", condition, "timeoutMs", timeout.toMillis()),
        timeout.plusSeconds(5));
  }

  /** Waits until ICE gathering is complete and returns the local candidates (attribute values). */
  List<String> gatheredCandidates(Duration timeout) {
    waitFor("pc.iceGatheringState === 'complete'", timeout);
    return events("icecandidate").stream().filter(c -> c.startsWith("candidate:")).toList();
  }

  /**
   * Adds the fake devices' tracks ({@code getUserMedia}, needs {@code --use-fake-device-for-media-stream})
   * with {@code addTrack(track, stream)}; returns the stream id.
   */
  String addUserMediaTracks(boolean audio, boolean video) {
    return Json.asString(eval(String.join("\n",
        "const stream = await navigator.mediaDevices.getUserMedia({audio: args.audio, video: args.video});",
        "for (const track of stream.getTracks()) pc.addTrack(track, stream);",
        "return stream.id;"), Map.of("audio", audio, "video", video)));
  }

  /** {@code (await pc.createOffer()).sdp}. */
  String createOffer() {
    return Json.asString(eval("return (await pc.createOffer()).sdp;"));
  }

  /** {@code (await pc.createAnswer()).sdp}. */
  String createAnswer() {
    return Json.asString(eval("return (await pc.createAnswer()).sdp;"));
  }

  /** {@code pc.setLocalDescription({type, sdp})}. */
  void setLocalDescription(String type, String sdp) {
    eval("await pc.setLocalDescription({type: args.type, sdp: args.sdp}); return null;",
        Map.of("type", type, "sdp", sdp));
  }

  /** {@code pc.setLocalDescription()} (implicit offer or answer); returns the local SDP. */
  String setLocalDescription() {
    return Json.asString(eval("await pc.setLocalDescription(); return pc.localDescription.sdp;"));
  }

  /** {@code pc.setRemoteDescription({type, sdp})}. */
  void setRemoteDescription(String type, String sdp) {
    eval("await pc.setRemoteDescription({type: args.type, sdp: args.sdp}); return null;",
        Map.of("type", type, "sdp", sdp));
  }

  String signalingState() {
    return Json.asString(eval("return pc.signalingState;"));
  }

  /** {@code pc.localDescription} as {@code {type, sdp}}, or null. */
  Map<String, Object> localDescription() {
    Object value = eval("return pc.localDescription;");
    return value == null ? null : Json.asObject(value);
  }

  /** {@code pc.remoteDescription} as {@code {type, sdp}}, or null. */
  Map<String, Object> remoteDescription() {
    Object value = eval("return pc.remoteDescription;");
    return value == null ? null : Json.asObject(value);
  }

  /**
   * The browser's transceivers in {@code getTransceivers()} order: mid, kind, direction,
   * currentDirection, stopped, the codecs of {@code sender.getParameters()} and {@code
   * receiver.getParameters()} (each {@code {payloadType, mimeType, clockRate, channels?,
   * sdpFmtpLine?}}) and the sender's header extensions.
   */
  List<TransceiverView> transceivers() {
    List<Object> raw = Json.asArray(eval(String.join("\n",
        "return pc.getTransceivers().map(t => ({",
        "  mid: t.mid, kind: t.receiver.track.kind, direction: t.direction,",
        "  currentDirection: t.currentDirection, stopped: t.stopped === true,",
        "  senderCodecs: t.sender.getParameters().codecs || [],",
        "  receiverCodecs: t.receiver.getParameters().codecs || [],",
        "  senderHeaderExtensions: t.sender.getParameters().headerExtensions || []}));")));
    List<TransceiverView> views = new ArrayList<>();
    for (Object o : raw) {
      views.add(TransceiverView.fromJson(Json.asObject(o)));
    }
    return views;
  }

  /** The {@code track} events of {@link #events()} without their time stamps, oldest first. */
  List<String> trackEvents() {
    return events("track");
  }

  /** The event log of this connection, oldest first, each line "<ms since creation> ms <event>". */
  List<String> events() {
    List<String> lines = new ArrayList<>();
    for (Object o : Json.asArray(eval("return pc.jrtcLog;"))) {
      lines.add(Json.asString(o));
    }
    return lines;
  }

  /** What the {@code type} events of {@link #events()} say after their type, oldest first. */
  private List<String> events(String type) {
    String marker = " ms " + type + " ";
    List<String> said = new ArrayList<>();
    for (String line : events()) {
      int at = line.indexOf(marker);
      if (at >= 0) {
        said.add(line.substring(at + marker.length()));
      }
    }
    return said;
  }

  void close() {
    eval("pc.close(); return null;");
  }

  /** Adds live entries (states, both descriptions, transceivers, events) to a transcript. */
  void reportTo(Transcript transcript) {
    String label = "browser " + name;
    transcript.live(label + " states", () -> page.eval(
        "const pc = pcs[args.name]; return {signalingState: pc.signalingState, iceGatheringState: pc.iceGatheringState,"
            + " iceConnectionState: pc.iceConnectionState, connectionState: pc.connectionState};",
        Map.of("name", name), REPORT_TIMEOUT));
    transcript.live(label + " localDescription", () -> sdpOf(page.eval(
        "return pcs[args.name].localDescription;", Map.of("name", name), REPORT_TIMEOUT)));
    transcript.live(label + " remoteDescription", () -> sdpOf(page.eval(
        "return pcs[args.name].remoteDescription;", Map.of("name", name), REPORT_TIMEOUT)));
    transcript.live(label + " transceivers", () -> page.eval(
        "return pcs[args.name].getTransceivers().map(t => ({mid: t.mid, direction: t.direction,"
            + " currentDirection: t.currentDirection, sendCodecs: (t.sender.getParameters().codecs || [])"
            + ".map(c => c.payloadType + ' ' + c.mimeType + '/' + c.clockRate)}));",
        Map.of("name", name), REPORT_TIMEOUT));
    transcript.live(label + " events", () -> String.join("\n", Json.asArray(page.eval(
        "return pcs[args.name].jrtcLog;", Map.of("name", name), REPORT_TIMEOUT)).stream()
        .map(String::valueOf).toArray(String[]::new)));
  }

  private static String sdpOf(Object description) {
    if (description == null) {
      return "(null)";
    }
    Map<String, Object> d = Json.asObject(description);
    return "type " + d.get("type") + "\n" + d.get("sdp");
  }
}
