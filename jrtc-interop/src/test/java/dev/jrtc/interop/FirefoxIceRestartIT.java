package dev.jrtc.interop;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, an ICE restart in the middle of a transfer against Firefox ESR (nICEr): 4 MiB each way in
 * numbered 16 KiB messages on reliable ordered channels while one side restarts ICE
 * ({@link IceRestartCells#browserCell}); jrtc once offerer and once answerer of the first exchange,
 * the restart once made by jrtc and once by Firefox.
 */
@ExtendWith(ChromiumExtension.class)
@UseFirefox
class FirefoxIceRestartIT {

  @Test
  @DisplayName("jrtc offers, then jrtc restarts ICE mid-transfer: every message in order, hashes match, new ufrags, connected")
  void jrtcOffersJrtcRestarts(BrowserPage page, Transcript transcript) throws Exception {
    IceRestartCells.browserCell(page, transcript, true, true);
  }

  @Test
  @KnownPeerLimit(value = "Firefox ESR 153 (nICEr) loses a nomination that arrives before it has the answer to its own restart "
      + "offer: jrtc (controlling since the first exchange; Firefox stays controlled, its checks carry "
      + "ICE-CONTROLLED) answers, checks at once with the new credentials and nominates a new-generation pair "
      + "(USE-CANDIDATE); Firefox answers that check with success ~1 s before the answer reaches it, and "
      + "never treats the pair as nominated: its getStats() then shows no nominated or selected pair and its "
      + "data stays on the previous generation's port (failed in every run; captured on the wire in 4). RFC "
      + "8445 §7.3.1.5 wants the nomination kept until the triggered check succeeds. jrtc nominates once "
      + "(regular nomination, RFC 8445 §8.1.1); libwebrtc, which repeats USE-CANDIDATE on its pings, is not "
      + "hurt by this",
      failureContains = "ufrag of the browser's selected local candidate (getStats)")
  @DisplayName("jrtc offers, then Firefox restarts ICE mid-transfer: every message in order, hashes match, new ufrags, connected")
  void jrtcOffersFirefoxRestarts(BrowserPage page, Transcript transcript) throws Exception {
    IceRestartCells.browserCell(page, transcript, true, false);
  }

  @Test
  @DisplayName("jrtc answers, then jrtc restarts ICE mid-transfer: every message in order, hashes match, new ufrags, connected")
  void jrtcAnswersJrtcRestarts(BrowserPage page, Transcript transcript) throws Exception {
    IceRestartCells.browserCell(page, transcript, false, true);
  }

  @Test
  @DisplayName("jrtc answers, then Firefox restarts ICE mid-transfer: every message in order, hashes match, new ufrags, connected")
  void jrtcAnswersFirefoxRestarts(BrowserPage page, Transcript transcript) throws Exception {
    IceRestartCells.browserCell(page, transcript, false, false);
  }
}
