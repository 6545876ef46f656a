package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Firefox harness itself: the page RPC, and two peer connections in the page connecting inside the namespace. */
@ExtendWith(ChromiumExtension.class)
@UseFirefox
class FirefoxSelfCheckIT {

  @Test
  @DisplayName("the page RPC returns values and raises script errors")
  void rpcWorks(BrowserPage page) {
    assertThat(page.eval("return navigator.userAgent;")).asString().contains("Firefox");
    assertThat(page.eval("return args.a + 1;", Map.of("a", 41))).isEqualTo(42L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> page.eval("throw new TypeError('boom');"))
        .isInstanceOf(BrowserException.class).hasMessageContaining("boom");
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
        "pc1.onicecandidate = e => { if (e.candidate && e.candidate.candidate) { candidates.push(e.candidate.candidate); pc2.addIceCandidate(e.candidate); } };",
        "pc2.onicecandidate = e => { if (e.candidate && e.candidate.candidate) { candidates.push(e.candidate.candidate); pc1.addIceCandidate(e.candidate); } };",
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
        "stats.forEach(s => { if (s.type === 'candidate-pair' && s.selected) pair = s; });",
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
      String address = Json.asString(candidate).split(" ")[4];
      assertThat(PrivateNetwork.candidateAddressInside(address)).as("candidate %s", candidate).isTrue();
    }
  }
}
