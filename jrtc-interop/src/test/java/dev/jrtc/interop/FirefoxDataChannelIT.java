package dev.jrtc.interop;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, the jrtc &lt;-&gt; Firefox ESR data channel cells (nICEr ICE, NSS DTLS, usrsctp), the same
 * cells as {@link ChromiumDataChannelIT} on the same page RPC.
 */
@ExtendWith(ChromiumExtension.class)
@UseFirefox
class FirefoxDataChannelIT {

  @Test
  @DisplayName("jrtc offers (trickle): connected, pairs in the namespace, channels both ways echo text and binary, stats match")
  void jrtcOffersTrickle(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.channelsBothWays(page, transcript, true, true);
  }

  @Test
  @DisplayName("jrtc answers (trickle): connected, pairs in the namespace, channels both ways echo text and binary, stats match")
  void jrtcAnswersTrickle(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.channelsBothWays(page, transcript, false, true);
  }

  @Test
  @DisplayName("jrtc offers, non-trickle (all candidates in the SDP): connected, echo")
  void jrtcOffersNonTrickle(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.channelsBothWays(page, transcript, true, false);
  }

  @Test
  @DisplayName("jrtc answers, non-trickle (all candidates in the SDP): connected, echo")
  void jrtcAnswersNonTrickle(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.channelsBothWays(page, transcript, false, false);
  }

  @Test
  @DisplayName("jrtc offers: 16 MiB each way with matching SHA-256")
  void bulkJrtcOffers(BrowserPage page, Transcript transcript) throws Exception {
    ChromiumDataChannelIT.bulk(page, transcript, true);
  }

  @Test
  @DisplayName("jrtc answers: 16 MiB each way with matching SHA-256")
  void bulkJrtcAnswers(BrowserPage page, Transcript transcript) throws Exception {
    ChromiumDataChannelIT.bulk(page, transcript, false);
  }

  @Test
  @DisplayName("jrtc offers: unordered and maxRetransmits 0 channels, both ways")
  void partialReliabilityJrtcOffers(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.partialReliability(page, transcript, true);
  }

  @Test
  @DisplayName("jrtc answers: unordered and maxRetransmits 0 channels, both ways")
  void partialReliabilityJrtcAnswers(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.partialReliability(page, transcript, false);
  }

  @Test
  @DisplayName("jrtc offers: Firefox closes a channel, then jrtc closes one; Firefox closes the connection")
  void remoteClosesJrtcOffers(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.closes(page, transcript, true, true);
  }

  @Test
  @DisplayName("jrtc answers: Firefox closes a channel, then jrtc closes one; jrtc closes the connection")
  void jrtcClosesJrtcAnswers(BrowserPage page, Transcript transcript) {
    ChromiumDataChannelIT.closes(page, transcript, false, false);
  }
}
