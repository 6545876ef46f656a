package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.RTCIceCandidatePair;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, the data channel cells against Firefox ESR with its default host-address obfuscation
 * ({@code media.peerconnection.ice.obfuscate_host_addresses} true; loopback candidates off, as by
 * default): Firefox's host candidates are {@code <uuid>.local} mDNS names that jrtc must resolve
 * (RFC 6762 queries on the namespace's interfaces) to check them.
 */
@ExtendWith(ChromiumExtension.class)
@UseFirefox(prefs = {
    "user_pref(\"media.peerconnection.ice.obfuscate_host_addresses\", true);",
    "user_pref(\"media.peerconnection.ice.loopback\", false);"})
class FirefoxMdnsDataChannelIT {

  @Test
  @DisplayName("mDNS candidates, jrtc offers (trickle): connected, jrtc's pair on the resolved address, channels both ways echo")
  void jrtcOffers(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.channelsBothWays(page, transcript, true, true);
  }

  @Test
  @DisplayName("mDNS candidates, jrtc answers (non-trickle): connected, jrtc's pair on the resolved address, channels both ways echo")
  void jrtcAnswers(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.channelsBothWays(page, transcript, false, false);
  }

  /**
   * Firefox never gets jrtc's candidates, so it learns jrtc's address only from jrtc's checks: the
   * connection comes up only if jrtc resolved Firefox's name and checked the resulting address,
   * and jrtc's selected remote candidate is then Firefox's host candidate, not a peer-reflexive one.
   */
  @Test
  @DisplayName("mDNS candidates: jrtc resolves Firefox's <uuid>.local and connects with its own checks (remote is host, not prflx)")
  void jrtcResolvesTheName(BrowserPage page, Transcript transcript) {
    DataChannelCall call = new DataChannelCall(page, transcript);
    try {
      JrtcChannel channel = call.jrtcChannel("after-mdns", null);
      call.connectWithholdingJrtcCandidates(Duration.ofSeconds(20));
      assertThat(call.browserHidesAddresses()).as("Firefox's host candidates are all .local names: %s",
          call.browser.events()).isTrue();
      call.checkSelectedPairs();
      RTCIceCandidatePair pair = call.selectedPair();
      assertThat(pair.remote().type().value()).as("jrtc's selected remote candidate %s", pair.remote().candidate())
          .isEqualTo("host");
      channel.awaitOpen(DataChannelCall.TIMEOUT);
      channel.channel().send("resolved");
      assertThat(channel.nextText(DataChannelCall.TIMEOUT)).isEqualTo("resolved");
    } finally {
      call.close();
    }
  }
}
