package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, the data channel cells against Chromium with its default flags: no media permission, so
 * its only host candidate is a {@code <uuid>.local} mDNS name that jrtc must resolve (RFC 6762
 * query on the namespace's interfaces) before it can check the pair.
 */
@ExtendWith(ChromiumExtension.class)
@ChromiumFlags({})
class ChromiumMdnsDataChannelIT {

  @Test
  @DisplayName("mDNS candidates, jrtc offers (trickle): connected, channels both ways echo, stats match")
  void jrtcOffers(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.channelsBothWays(page, transcript, true, true);
  }

  @Test
  @DisplayName("mDNS candidates, jrtc answers (non-trickle): connected, channels both ways echo, stats match")
  void jrtcAnswers(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.channelsBothWays(page, transcript, false, false);
  }

  /**
   * The two cells above connect even if jrtc never resolves the name: Chromium checks jrtc's raw
   * host candidates and jrtc answers over a peer-reflexive pair. Here Chromium never gets jrtc's
   * candidates, so only jrtc's own checks to the resolved address can bring the connection up.
   */
  @Test
  @DisplayName("mDNS candidates: jrtc resolves Chromium's <uuid>.local and connects with its own checks")
  void jrtcResolvesTheName(BrowserPage page, Transcript transcript) {
    DataChannelCall call = new DataChannelCall(page, transcript);
    try {
      JrtcChannel channel = call.jrtcChannel("after-mdns", null);
      // Chromium announces (RFC 6762 §8.3) rather than answers, one packet a second across all of
      // its names: the name may resolve several seconds after jrtc asks.
      call.connectWithholdingJrtcCandidates(Duration.ofSeconds(20));
      call.checkSelectedPairs();
      channel.awaitOpen(DataChannelCall.TIMEOUT);
      channel.channel().send("resolved");
      assertThat(channel.nextText(DataChannelCall.TIMEOUT)).isEqualTo("resolved");
    } finally {
      call.close();
    }
  }
}
