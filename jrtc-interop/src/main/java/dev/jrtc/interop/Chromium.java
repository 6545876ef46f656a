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
final class Chromium implements BrowserProcess {

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

  private static final Path LOG_DIR = Path.of("target", "chromium-logs");

  private final Process process;
  private final Path profileDir;
  private final Path logFile;
  private final List<String> command;
  private volatile long logMark;

  private Chromium(Process process, Path profileDir, Path logFile, List<String> command) {
    this.process = process;
    this.profileDir = profileDir;
    this.logFile = logFile;
    this.command = command;
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
    Path logDir = Files.isDirectory(Path.of("target")) ? LOG_DIR : Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(logDir);
    Path log = Files.createTempFile(logDir, "chromium-", ".log");
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(BASE_FLAGS);
    command.add("--user-data-dir=" + profile);
    command.addAll(extraFlags);
    command.add(url.toString());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // No display and no session bus: keep Chromium from looking for either.
    builder.environment().remove("DISPLAY");
    builder.environment().remove("WAYLAND_DISPLAY");
    builder.environment().put("DBUS_SESSION_BUS_ADDRESS", "disabled:");
    try {
      return new Chromium(builder.start(), profile, log, List.copyOf(command));
    } catch (IOException e) {
      deleteTree(profile);
      throw e;
    }
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The command line it was started with. */
  List<String> command() {
    return command;
  }

  /** Chromium's stdout and stderr. */
  Path logFile() {
    return logFile;
  }

  /** Makes {@link #logTail} show only what Chromium logs from now on (e.g. for the next test). */
  @Override
  public void markLog() {
    try {
      logMark = Files.size(logFile);
    } catch (IOException e) {
      logMark = 0;
    }
  }

  /**
   * The last {@code n} lines since {@link #markLog()} of Chromium's log that are not noise (its complaints about the
   * missing D-Bus are dropped), under a heading with the process state, for failure messages.
   */
  @Override
  public String logTail(int n) {
    List<String> lines;
    try {
      byte[] bytes = Files.readAllBytes(logFile);
      int from = (int) Math.min(logMark, bytes.length);
      lines = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).lines()
          .filter(l -> !l.contains("dbus/") && !l.isBlank()).collect(Collectors.toList());
    } catch (IOException e) {
      lines = List.of("(cannot read " + logFile + ": " + e + ")");
    }
    String state = process.isAlive() ? "running" : "exited with status " + process.exitValue();
    StringBuilder sb = new StringBuilder("--- chromium (" + state + "), last lines of " + logFile + " ---\n");
    if (!process.isAlive()) {
      sb.append("command: ").append(String.join(" ", command)).append('\n');
    }
    for (String line : lines.subList(Math.max(0, lines.size() - n), lines.size())) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  /** Ends the process tree (SIGTERM, then SIGKILL after 5 s) and deletes the profile. */
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
    // Children the browser did not take down with it (they may have forked meanwhile: look again).
    process.descendants().forEach(tree::add);
    for (ProcessHandle child : tree) {
      child.destroyForcibly();
    }
    for (ProcessHandle child : tree) {
      try {
        child.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Already gone or unkillable: nothing more a test can do.
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
        // A late writer (crashpad) may add files while we walk: the second attempt catches it.
      }
    }
  }
}
