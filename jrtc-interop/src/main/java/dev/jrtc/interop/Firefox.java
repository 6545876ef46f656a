package dev.jrtc.interop;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A headless Debian Firefox ESR process pointed at one URL, with a fresh profile whose
 * {@code user.js} grants media without prompts (fake devices), lets ICE use loopback and raw host
 * addresses (no mDNS obfuscation), and turns off every update, telemetry and background network
 * service, so that the only traffic is the test's (TESTING.md "The network rule").
 */
final class Firefox extends BrowserProcess {

  static final Path BINARY = Path.of("/usr/lib/firefox-esr/firefox-esr");

  /** The profile's preferences (user.js, one {@code user_pref} each). */
  static final List<String> PREFS = List.of(
      // WebRTC: no permission prompt, fake devices, loopback and raw host candidates.
      "user_pref(\"media.navigator.permission.disabled\", true);",
      "user_pref(\"media.navigator.streams.fake\", true);",
      "user_pref(\"media.peerconnection.ice.loopback\", true);",
      "user_pref(\"media.peerconnection.ice.obfuscate_host_addresses\", false);",
      "user_pref(\"media.peerconnection.ice.default_address_only\", false);",
      "user_pref(\"media.autoplay.default\", 0);",
      // No updates, telemetry, reports or background network services.
      "user_pref(\"app.update.enabled\", false);",
      "user_pref(\"app.update.auto\", false);",
      "user_pref(\"app.update.checkInstallTime\", false);",
      "user_pref(\"extensions.update.enabled\", false);",
      "user_pref(\"extensions.getAddons.cache.enabled\", false);",
      "user_pref(\"extensions.systemAddon.update.enabled\", false);",
      "user_pref(\"browser.search.update\", false);",
      "user_pref(\"media.gmp-manager.updateEnabled\", false);",
      "user_pref(\"toolkit.telemetry.enabled\", false);",
      "user_pref(\"toolkit.telemetry.unified\", false);",
      "user_pref(\"toolkit.telemetry.server\", \"\");",
      "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
      "user_pref(\"datareporting.healthreport.uploadEnabled\", false);",
      "user_pref(\"browser.crashReports.unsubmittedCheck.enabled\", false);",
      "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
      "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
      "user_pref(\"browser.safebrowsing.downloads.enabled\", false);",
      "user_pref(\"browser.safebrowsing.update.enabled\", false);",
      "user_pref(\"network.captive-portal-service.enabled\", false);",
      "user_pref(\"network.connectivity-service.enabled\", false);",
      "user_pref(\"network.dns.disablePrefetch\", true);",
      "user_pref(\"network.prefetch-next\", false);",
      "user_pref(\"network.predictor.enabled\", false);",
      "user_pref(\"services.settings.server\", \"http://127.0.0.1:1/\");",
      "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
      "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
      "user_pref(\"browser.aboutwelcome.enabled\", false);",
      "user_pref(\"browser.newtabpage.enabled\", false);",
      "user_pref(\"browser.startup.page\", 0);",
      "user_pref(\"startup.homepage_welcome_url\", \"\");",
      "user_pref(\"datareporting.policy.firstRunURL\", \"\");",
      "user_pref(\"browser.tabs.warnOnClose\", false);",
      "user_pref(\"dom.disable_open_during_load\", false);");

  private Firefox(Started started) {
    super("firefox", started);
  }

  /** Starts Firefox headless on {@code url} (a local http URL only) with a fresh profile. */
  static Firefox launch(URI url) throws IOException {
    return launch(url, List.of());
  }

  /**
   * Like {@link #launch(URI)}, with {@code extraPrefs} ({@code user_pref(...)} lines) written after
   * {@link #PREFS}: Firefox applies user.js in order, so a later line for the same name wins.
   */
  static Firefox launch(URI url, List<String> extraPrefs) throws IOException {
    if (!"http".equals(url.getScheme()) || !"127.0.0.1".equals(url.getHost())) {
      throw new IllegalArgumentException("Firefox may only be given local http URLs, not " + url);
    }
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: install Debian's firefox-esr "
          + "(apt-get update && apt-get install -y firefox-esr)");
    }
    Path profile = Files.createTempDirectory("jrtc-firefox-profile-");
    List<String> prefs = new ArrayList<>(PREFS);
    prefs.addAll(extraPrefs);
    try {
      Files.write(profile.resolve("user.js"), prefs, StandardCharsets.UTF_8);
    } catch (IOException e) {
      ChildProcesses.deleteTree(profile);
      throw e;
    }
    List<String> command = List.of(BINARY.toString(), "--headless", "--no-remote", "--profile", profile.toString(),
        url.toString());
    return new Firefox(start("firefox", command, profile,
        Map.of("MOZ_HEADLESS", "1", "MOZ_CRASHREPORTER_DISABLE", "1")));
  }
}
