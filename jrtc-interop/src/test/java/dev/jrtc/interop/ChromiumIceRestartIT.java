package dev.jrtc.interop;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, an ICE restart in the middle of a transfer against Chromium (libwebrtc): 4 MiB each way in
 * numbered 16 KiB messages on reliable ordered channels while one side restarts ICE
 * ({@link IceRestartCells#browserCell}); jrtc once offerer and once answerer of the first exchange,
 * the restart once made by jrtc and once by Chromium.
 */
@ExtendWith(ChromiumExtension.class)
class ChromiumIceRestartIT {

  @Test
  @DisplayName("jrtc offers, then jrtc restarts ICE mid-transfer: every message in order, hashes match, new ufrags, connected")
  void jrtcOffersJrtcRestarts(BrowserPage page, Transcript transcript) throws Exception {
    IceRestartCells.browserCell(page, transcript, true, true);
  }

  @Test
  @DisplayName("jrtc offers, then Chromium restarts ICE mid-transfer: every message in order, hashes match, new ufrags, connected")
  void jrtcOffersChromiumRestarts(BrowserPage page, Transcript transcript) throws Exception {
    IceRestartCells.browserCell(page, transcript, true, false);
  }

  @Test
  @DisplayName("jrtc answers, then jrtc restarts ICE mid-transfer: every message in order, hashes match, new ufrags, connected")
  void jrtcAnswersJrtcRestarts(BrowserPage page, Transcript transcript) throws Exception {
    IceRestartCells.browserCell(page, transcript, false, true);
  }

  @Test
  @DisplayName("jrtc answers, then Chromium restarts ICE mid-transfer: every message in order, hashes match, new ufrags, connected")
  void jrtcAnswersChromiumRestarts(BrowserPage page, Transcript transcript) throws Exception {
    IceRestartCells.browserCell(page, transcript, false, false);
  }
}
