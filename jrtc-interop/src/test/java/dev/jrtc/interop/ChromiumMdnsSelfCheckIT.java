package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chromium's default network view (no WebRTC flags, so no media permission and mDNS hiding on),
 * in its own browser via {@link ChromiumFlags}: it gathers only {@code <uuid>.local} host
 * candidates, as TESTING.md measured. Later ICE tests rely on this to exercise mDNS resolution.
 */
@ExtendWith(ChromiumExtension.class)
@ChromiumFlags({})
class ChromiumMdnsSelfCheckIT {

  @Test
  @DisplayName("without media permission Chromium hides its host addresses behind mDNS names")
  void hostCandidatesAreMdnsNames(BrowserPage page, Transcript transcript) {
    List<Object> candidates = page.evalArray(String.join("\n",
        "const pc = new RTCPeerConnection(); pc.createDataChannel('x');",
        "const done = new Promise(r => pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') r(); });",
        "await pc.setLocalDescription(); await done;",
        "const c = pc.localDescription.sdp.split('\\r\\n').filter(l => l.startsWith('a=candidate:'));",
        "pc.close(); return c;"));
    transcript.record("candidates", candidates);
    assertThat(candidates).isNotEmpty();
    for (Object candidate : candidates) {
      String address = Json.asString(candidate).split(" ")[4];
      assertThat(address).as("candidate %s", candidate).endsWith(".local");
    }
  }
}
