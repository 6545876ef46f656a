package dev.jrtc.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A headless Debian Firefox ESR process pointed at one URL, with a fresh profile whose
 * {@code user.js} grants media without prompts (fake devices), lets ICE use loopback and raw host
 * addresses (no mDNS obfuscation), and turns off every update, telemetry and background network
 * service, so that the only traffic is the test's (TESTING.md "The network rule").
 */
final class Firefox implements BrowserProcess {

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

  private static final Path LOG_DIR = Path.of("target", "firefox-logs");

  private final Process process;
  private final Path profileDir;
  private final Path logFile;
  private final List<String> command;
  private volatile long logMark;

  private Firefox(Process process, Path profileDir, Path logFile, List<String> command) {
    this.process = process;
    this.profileDir = profileDir;
    this.logFile = logFile;
    this.command = command;
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
    Files.write(profile.resolve("user.js"), prefs, StandardCharsets.UTF_8);
    Path logDir = Files.isDirectory(Path.of("target")) ? LOG_DIR : Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(logDir);
    Path log = Files.createTempFile(logDir, "firefox-", ".log");
    List<String> command = List.of(BINARY.toString(), "--headless", "--no-remote", "--profile", profile.toString(),
        url.toString());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().remove("DISPLAY");
    builder.environment().remove("WAYLAND_DISPLAY");
    builder.environment().put("DBUS_SESSION_BUS_ADDRESS", "disabled:");
    builder.environment().put("MOZ_HEADLESS", "1");
    builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
    try {
      return new Firefox(builder.start(), profile, log, command);
    } catch (IOException e) {
      deleteTree(profile);
      throw e;
    }
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void markLog() {
    try {
      logMark = Files.size(logFile);
    } catch (IOException e) {
      logMark = 0;
    }
  }

  @Override
  public String logTail(int n) {
    List<String> lines;
    try {
      byte[] bytes = Files.readAllBytes(logFile);
      int from = (int) Math.min(logMark, bytes.length);
      lines = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).collect(Collectors.toList());
    } catch (IOException e) {
      lines = List.of("(cannot read " + logFile + ": " + e + ")");
    }
    String state = process.isAlive() ? "running" : "exited with status " + process.exitValue();
    StringBuilder sb = new StringBuilder("--- firefox (" + state + "), last lines of " + logFile + " ---\n");
    if (!process.isAlive()) {
      sb.append("command: ").append(String.join(" ", command)).append('\n');
    }
    for (String line : lines.subList(Math.max(0, lines.size() - n), lines.size())) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().collect(Collectors.toList()));
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process.descendants().forEach(tree::add);
    for (ProcessHandle child : tree) {
      child.destroyForcibly();
    }
    for (ProcessHandle child : tree) {
      try {
        child.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // already gone
      }
    }
    deleteTree(profileDir);
  }

  private static void deleteTree(Path dir) {
    for (int attempt = 0; attempt < 2 && Files.exists(dir); attempt++) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(p);
        }
      } catch (IOException | UncheckedIOException e) {
        // a late writer: the second attempt catches it
      }
    }
  }
}
