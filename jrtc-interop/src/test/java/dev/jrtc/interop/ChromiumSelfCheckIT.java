package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the harness before any jrtc test relies on it: Chromium starts in the private namespace,
 * the page RPC works both ways (values, arguments, errors, persistent globals, reloads), the fake
 * devices give media tracks, and two peer connections inside the page connect a data channel over
 * the namespace's own interfaces and nowhere else.
 */
@ExtendWith(ChromiumExtension.class)
class ChromiumSelfCheckIT {

  @Test
  @DisplayName("the page runs scripts and returns their JSON values")
  void evalReturnsValues(BrowserPage page) {
    assertThat(page.userAgent()).contains("HeadlessChrome/");
    assertThat(page.eval("return 1 + 1;")).isEqualTo(2L);
    assertThat(page.eval("return;")).isNull();
    assertThat(page.evalObject("return {a: [1, 'x', null, true], b: 0.5};"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, "x", null, true), "b", 0.5));
  }

  @Test
  @DisplayName("arguments reach the script unchanged")
  void argsRoundTrip(BrowserPage page) {
    String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=\"quoted\" \\ back\u00e9\u2028\r\n";
    Map<String, Object> args = Map.of("sdp", sdp, "list", List.of(1L, 2L, 3L));
    assertThat(page.evalObject("return args;", args)).isEqualTo(args);
    assertThat(page.eval("return args.sdp.length;", args)).isEqualTo((long) sdp.length());
  }

  @Test
  @DisplayName("a script that throws raises BrowserException with the JavaScript error and the console")
  void errorsCarryTheBrowserMessage(BrowserPage page) {
    assertThatThrownBy(() -> page.eval("console.log('before the throw'); throw new TypeError('boom');"))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("TypeError: boom")
        .hasMessageContaining("before the throw")
        .satisfies(e -> {
          assertThat(((BrowserException) e).jsName()).isEqualTo("TypeError");
          assertThat(((BrowserException) e).jsMessage()).isEqualTo("boom");
        });
    assertThatThrownBy(() -> page.eval("const pc = new RTCPeerConnection(); pc.close(); await pc.createOffer();"))
        .isInstanceOf(BrowserException.class)
        .satisfies(e -> assertThat(((BrowserException) e).jsName()).isEqualTo("InvalidStateError"));
  }

  @Test
  @DisplayName("globals persist across scripts; a reload clears them")
  void globalsPersistUntilReload(BrowserPage page) {
    page.eval("window.counter = 41; return null;");
    assertThat(page.eval("return ++window.counter;")).isEqualTo(42L);
    BrowserPage reloaded = page.reload(java.time.Duration.ofSeconds(30));
    assertThat(reloaded.eval("return typeof window.counter;")).isEqualTo("undefined");
    assertThatThrownBy(() -> page.eval("return 1;")).isInstanceOf(BrowserException.class);
  }

  @Test
  @DisplayName("scripts run concurrently: one waits for a promise another one resolves")
  void scriptsRunConcurrently(BrowserPage page) throws Exception {
    page.eval("window.gate = new Promise(r => window.openGate = r); return null;");
    var waiter = java.util.concurrent.CompletableFuture.supplyAsync(() -> page.eval("return await window.gate;"));
    page.eval("openGate('opened'); return null;");
    assertThat(waiter.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("opened");
  }

  @Test
  @DisplayName("fake devices give getUserMedia one audio and one video track")
  void fakeDevicesGiveTracks(BrowserPage page) {
    Object kinds = page.eval("const s = await navigator.mediaDevices.getUserMedia({audio: true, video: true});"
        + " const kinds = s.getTracks().map(t => t.kind).sort(); s.getTracks().forEach(t => t.stop()); return kinds;");
    assertThat(kinds).isEqualTo(List.of("audio", "video"));
  }

  @Test
  @DisplayName("two peer connections in the page connect a data channel inside the namespace")
  void twoPeerConnectionsConnect(BrowserPage page, Transcript transcript) {
    transcript.live("pc1/pc2 states", () -> page.eval(
        "return window.pc1 ? [pc1.connectionState, pc2.connectionState, pc1.iceConnectionState, pc2.iceConnectionState] : null;",
        Map.of(), java.time.Duration.ofSeconds(3)));
    Map<String, Object> result = page.evalObject(String.join("\n",
        "window.pc1 = new RTCPeerConnection(); window.pc2 = new RTCPeerConnection();",
        "window.candidates = [];",
        "pc1.onicecandidate = e => { if (e.candidate) { candidates.push(e.candidate.candidate); pc2.addIceCandidate(e.candidate); } };",
        "pc2.onicecandidate = e => { if (e.candidate) { candidates.push(e.candidate.candidate); pc1.addIceCandidate(e.candidate); } };",
        "const dc1 = pc1.createDataChannel('self-check');",
        "const echoed = new Promise((resolve, reject) => {",
        "  pc2.ondatachannel = e => { e.channel.onmessage = m => e.channel.send('echo:' + m.data); };",
        "  dc1.onopen = () => dc1.send('ping');",
        "  dc1.onmessage = m => resolve(m.data);",
        "  setTimeout(() => reject(new Error('no echo within 10 s; states ' + pc1.connectionState + '/' + pc2.connectionState)), 10000);",
        "});",
        "await pc1.setLocalDescription(); await pc2.setRemoteDescription(pc1.localDescription);",
        "await pc2.setLocalDescription(); await pc1.setRemoteDescription(pc2.localDescription);",
        "const message = await echoed;",
        "const stats = await pc1.getStats(); let pair = null;",
        "stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId); });",
        "const local = stats.get(pair.localCandidateId), remote = stats.get(pair.remoteCandidateId);",
        "return {message, state: pc1.connectionState, candidates,",
        "        local: local.address, remote: remote.address, protocol: local.protocol};"));
    transcript.record("page result", result);
    assertThat(result.get("message")).isEqualTo("echo:ping");
    assertThat(result.get("state")).isEqualTo("connected");
    assertThat(result.get("protocol")).isEqualTo("udp");
    assertThat(PrivateNetwork.candidateAddressInside(Json.asString(result.get("local")))).isTrue();
    assertThat(PrivateNetwork.candidateAddressInside(Json.asString(result.get("remote")))).isTrue();
    List<Object> candidates = Json.asArray(result.get("candidates"));
    assertThat(candidates).isNotEmpty();
    for (Object candidate : candidates) {
      // candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...
      String address = Json.asString(candidate).split(" ")[4];
      assertThat(PrivateNetwork.candidateAddressInside(address)).as("candidate %s", candidate).isTrue();
    }
  }
}
