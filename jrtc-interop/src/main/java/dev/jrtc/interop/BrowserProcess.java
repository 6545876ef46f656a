package dev.jrtc.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A headless browser process started by the harness ({@link Chromium} or {@link Firefox}) on a
 * fresh profile directory, its stdout and stderr in a log file that outlives it (so a failed run
 * can be read afterwards). The browsers differ in how they are configured; starting, the log and
 * the teardown are the same and live here.
 */
abstract sealed class BrowserProcess implements AutoCloseable permits Chromium, Firefox {

  /** A started browser, for the subclass constructor. */
  record Started(Process process, Path profileDir, Path logFile, List<String> command) {}

  private final String name;
  private final Process process;
  private final Path profileDir;
  private final Path logFile;
  private final List<String> command;
  private volatile long logMark;

  BrowserProcess(String name, Started started) {
    this.name = name;
    this.process = started.process();
    this.profileDir = started.profileDir();
    this.logFile = started.logFile();
    this.command = started.command();
  }

  /**
   * Runs {@code command} with its output in a new log under {@code target/<name>-logs}, no
   * display and no session bus (the browser must look for neither), and {@code env} on top. The
   * profile is deleted if the process cannot be started.
   */
  static Started start(String name, List<String> command, Path profile, Map<String, String> env)
      throws IOException {
    try {
      Path log = Files.createTempFile(ChildProcesses.logDirectory(name + "-logs"), name + "-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().remove("DISPLAY");
      builder.environment().remove("WAYLAND_DISPLAY");
      builder.environment().put("DBUS_SESSION_BUS_ADDRESS", "disabled:");
      builder.environment().putAll(env);
      return new Started(builder.start(), profile, log, List.copyOf(command));
    } catch (IOException e) {
      ChildProcesses.deleteTree(profile);
      throw e;
    }
  }

  /** Whether a log line is noise a failure message should not show (blank lines always are). */
  boolean isNoise(String line) {
    return false;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The command line it was started with. */
  List<String> command() {
    return command;
  }

  /** The browser's stdout and stderr. */
  Path logFile() {
    return logFile;
  }

  /** Makes {@link #logTail} show only what the browser logs from now on (e.g. for the next test). */
  public void markLog() {
    try {
      logMark = Files.size(logFile);
    } catch (IOException e) {
      logMark = 0;
    }
  }

  /**
   * The last {@code n} log lines since {@link #markLog()} that are not {@linkplain #isNoise
   * noise}, under a heading with the process state (and the command line once it exited), for
   * failure messages.
   */
  public String logTail(int n) {
    List<String> lines;
    try {
      byte[] bytes = Files.readAllBytes(logFile);
      int from = (int) Math.min(logMark, bytes.length);
      lines = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !isNoise(l)).collect(Collectors.toList());
    } catch (IOException e) {
      lines = List.of("(cannot read " + logFile + ": " + e + ")");
    }
    String state = process.isAlive() ? "running" : "exited with status " + process.exitValue();
    StringBuilder sb = new StringBuilder("--- " + name + " (" + state + "), last lines of " + logFile + " ---\n");
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
    ChildProcesses.endTree(process);
    ChildProcesses.deleteTree(profileDir);
  }
}
