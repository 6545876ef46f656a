package dev.jrtc.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the harness does with the peers it runs as child processes (browsers, aiortc scripts):
 * where their logs go, how they are ended, and how a throwaway profile is removed.
 */
final class ChildProcesses {

  /** How long a process gets to exit before it is killed, and a killed one to be reaped. */
  private static final long GRACE_SECONDS = 5;

  private ChildProcesses() {}

  /**
   * {@code target/<name>} when run from a module directory (so logs outlive the run next to the
   * reports), else the temporary directory; created if missing.
   */
  static Path logDirectory(String name) throws IOException {
    Path dir = Files.isDirectory(Path.of("target")) ? Path.of("target", name)
        : Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(dir);
    return dir;
  }

  /** Waits {@value #GRACE_SECONDS} s for {@code process} to exit (it was asked to), then kills it. */
  static void awaitExitOrKill(Process process) {
    try {
      if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * Ends {@code process} and every process it started (SIGTERM, SIGKILL after {@value
   * #GRACE_SECONDS} s): a browser forks helpers (zygote, GPU, network, renderers, content
   * processes) that must not outlive the test.
   */
  static void endTree(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().collect(Collectors.toList()));
    process.destroy();
    awaitExitOrKill(process);
    // Children the browser did not take down with it (they may have forked meanwhile: look again).
    process.descendants().forEach(tree::add);
    for (ProcessHandle child : tree) {
      child.destroyForcibly();
    }
    for (ProcessHandle child : tree) {
      try {
        child.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Already gone or unkillable: nothing more a test can do.
      }
    }
  }

  /** Deletes {@code dir} and everything below it, as far as it can. */
  static void deleteTree(Path dir) {
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
