package dev.jrtc.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An aiortc peer (Debian's python3-aiortc: aioice, OpenSSL DTLS, its own SCTP) run as
 * {@code aiortc_peer.py} in a child process, driven by JSON lines on its stdin; its events come
 * back as JSON lines on stdout and are kept in order. It always uses {@code iceServers: []}.
 */
final class AiortcPeer implements AutoCloseable {

  static final Path PYTHON = Path.of("/usr/bin/python3");

  private final Process process;
  private final OutputStream stdin;
  private final Path stderrLog;
  private final List<Map<String, Object>> events = new ArrayList<>();
  private final List<Boolean> consumed = new ArrayList<>();

  private AiortcPeer(Process process, Path stderrLog) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.stderrLog = stderrLog;
    Thread reader = new Thread(() -> read(process.getInputStream()), "aiortc-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code aiortc_peer.py} and shows its events and stderr in {@code transcript}. */
  static AiortcPeer start(Transcript transcript) {
    AiortcPeer peer = startScript("aiortc_peer.py");
    transcript.live("aiortc events", peer::eventLines);
    transcript.live("aiortc stderr (" + peer.stderrLog + ")", peer::stderrTail);
    return peer;
  }

  /**
   * Starts a script of these resources that speaks the JSON lines of {@code aiortc_peer.py} (that
   * one, or e.g. {@code aiortc_bench.py}) from a copy in target/aiortc-logs (or the temporary
   * directory), its stderr in a log there.
   */
  static AiortcPeer startScript(String resource) {
    try (InputStream script = AiortcPeer.class.getResourceAsStream(resource)) {
      if (script == null) {
        throw new IllegalStateException(resource + " is missing from the resources");
      }
      Path dir = ChildProcesses.logDirectory("aiortc-logs");
      Path file = Files.createTempFile(dir, "script-", "-" + resource);
      file.toFile().deleteOnExit();
      Files.write(file, script.readAllBytes());
      Path log = Files.createTempFile(dir, "aiortc-", ".log");
      Process p = new ProcessBuilder(PYTHON.toString(), "-u", file.toString())
          .redirectError(log.toFile()).start();
      return new AiortcPeer(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + resource + " with " + PYTHON, e);
    }
  }

  private void read(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        Map<String, Object> event;
        try {
          event = Json.asObject(Json.parse(line));
        } catch (RuntimeException e) {
          event = Map.of("event", "unparsed", "line", line);
        }
        synchronized (events) {
          events.add(event);
          consumed.add(false);
          events.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Sends one command. */
  void command(Map<String, ?> command) {
    try {
      stdin.write((Json.write(command) + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new AssertionError("aiortc peer is gone: " + e + "\n" + stderrTail(), e);
    }
  }

  /** Waits for the first event not yet taken that matches, and takes it; an "error" event fails at once. */
  Map<String, Object> awaitMatch(String what, Predicate<Map<String, Object>> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        for (int i = 0; i < events.size(); i++) {
          Map<String, Object> e = events.get(i);
          if (!consumed.get(i) && "error".equals(e.get("event"))) {
            consumed.set(i, true);
            throw new AssertionError("aiortc reported an error while waiting for " + what + ": " + e.get("message"));
          }
          if (!consumed.get(i) && match.test(e)) {
            consumed.set(i, true);
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive() && events.isEmpty()) {
          throw new AssertionError("aiortc: no " + what + " within " + timeout + (process.isAlive() ? "" : " (exited)"));
        }
        try {
          events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /** Waits for {@code {"event": event, "label": label}} (label null: any). */
  Map<String, Object> await(String event, String label, Duration timeout) {
    return awaitMatch(event + (label == null ? "" : " " + label),
        e -> event.equals(e.get("event")) && (label == null || label.equals(e.get("label"))), timeout);
  }

  List<String> eventLines() {
    synchronized (events) {
      return events.stream().map(e -> {
        Object sdp = e.get("sdp");
        return sdp == null ? Json.write(e) : "description " + e.get("type") + "\n" + sdp;
      }).toList();
    }
  }

  String stderrTail() {
    try {
      List<String> lines = Files.readAllLines(stderrLog);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + stderrLog + ")";
    }
  }

  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already closed
    }
    // Its stdin closed, the script ends by itself.
    ChildProcesses.awaitExitOrKill(process);
  }
}
