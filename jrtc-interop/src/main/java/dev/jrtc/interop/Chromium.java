package dev.jrtc.interop;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A headless Debian Chromium process pointed at one URL.
 *
 * <p>Started as the binary {@link #BINARY} itself (the {@code /usr/bin/chromium} wrapper adds
 * flags of its own) with the base flags of {@code ../shared/TESTING.md}, a new empty profile
 * directory and the caller's extra flags ({@link #DEFAULT_WEBRTC_FLAGS} unless told otherwise). Its
 * stdout and stderr go to a log file that outlives the process ({@link #logFile()}), so a failed
 * run can be read afterwards. {@link #close()} ends the whole process tree (Chromium forks zygote,
 * GPU, network and renderer processes) and deletes the profile.
 *
 * <p>Chromium is only ever given local URLs: the test's namespace has no DNS and no route out.
 */
final class Chromium extends BrowserProcess {

  /** The real binary; the {@code /usr/bin/chromium} shell wrapper is not used. */
  static final Path BINARY = Path.of("/usr/lib/chromium/chromium");

  /** Flags every run gets: headless, no sandbox (root, container), and no background traffic. */
  static final List<String> BASE_FLAGS = List.of(
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      "--mute-audio");

  /**
   * The WebRTC flags used unless a test asks otherwise. With the fake media UI (permission
   * granted) and mDNS hiding off, Chromium gathers raw host candidates on {@code lo} and the
   * namespace's veth ({@code 127.0.0.1}, {@code 10.77.0.x}); the fake devices give getUserMedia a
   * synthetic camera and microphone.
   */
  static final List<String> DEFAULT_WEBRTC_FLAGS = List.of(
      "--allow-loopback-in-peer-connection",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      "--disable-features=WebRtcHideLocalIpsWithMdns",
      "--autoplay-policy=no-user-gesture-required");

  private Chromium(Started started) {
    super("chromium", started);
  }

  /** Starts Chromium with {@link #DEFAULT_WEBRTC_FLAGS} on {@code url}. */
  static Chromium launch(URI url) throws IOException {
    return launch(url, DEFAULT_WEBRTC_FLAGS);
  }

  /** Starts Chromium with the base flags, {@code extraFlags} and {@code url}. */
  static Chromium launch(URI url, List<String> extraFlags) throws IOException {
    String scheme = url.getScheme();
    String host = url.getHost();
    if (!"http".equals(scheme) || !("127.0.0.1".equals(host) || "localhost".equals(host))) {
      throw new IllegalArgumentException("Chromium may only be given local http URLs, not " + url);
    }
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: install Debian's chromium "
          + "(apt-get update && apt-get install -y chromium); ./jrtc test does it");
    }
    Path profile = Files.createTempDirectory("jrtc-chromium-profile-");
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(BASE_FLAGS);
    command.add("--user-data-dir=" + profile);
    command.addAll(extraFlags);
    command.add(url.toString());
    return new Chromium(start("chromium", command, profile, Map.of()));
  }

  /** Chromium complains about the missing D-Bus all the time: not worth a failure message's lines. */
  @Override
  boolean isNoise(String line) {
    return line.contains("dbus/");
  }
}
