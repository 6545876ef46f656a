package dev.jrtc.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that gives interop tests a browser page: {@code @ExtendWith(ChromiumExtension.class)}
 * and a {@link BrowserPage} (and, if wanted, a {@link Transcript}) parameter on the test method.
 *
 * <ul>
 *   <li>Before the first test of a class it checks the network ({@link PrivateNetwork#require()}):
 *       outside the private namespace every test of the class fails.
 *   <li>One Chromium and one {@link PageServer} serve the whole test run (they live in the root
 *       store and are closed when the run ends), one per set of {@link ChromiumFlags}; a dead
 *       Chromium is replaced.
 *   <li>Each test gets a freshly loaded page (the previous one is reloaded if it was used), so
 *       globals and peer connections never leak between tests.
 *   <li>When a test fails, its failure message gets the test's {@link Transcript}, the last
 *       browser console lines and Chromium's log tail appended.
 *   <li>A test marked {@link KnownJrtcBug} or {@link KnownPeerLimit} must fail exactly as described,
 *       and fails if it passes ({@link KnownFailures}).
 * </ul>
 */
final class ChromiumExtension
    implements BeforeAllCallback, ParameterResolver, TestExecutionExceptionHandler, AfterTestExecutionCallback {

  private static final Namespace NAMESPACE = Namespace.create(ChromiumExtension.class);
  private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public void beforeAll(ExtensionContext context) {
    PrivateNetwork.require();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == BrowserPage.class || type == Transcript.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Transcript.class) {
      return transcript(context);
    }
    BrowserPage page = harness(context).freshPage();
    context.getStore(NAMESPACE).put(BrowserPage.class, page);
    return page;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (KnownFailures.absorb(context, failure)) {
      return; // the known failure happened as expected
    }
    StringBuilder report = new StringBuilder();
    report.append(failure.getClass().getName()).append(": ").append(failure.getMessage()).append("\n\n");
    report.append("=== what the two sides said ===\n").append(transcript(context).render());
    BrowserPage page = context.getStore(NAMESPACE).get(BrowserPage.class, BrowserPage.class);
    if (page != null && !(failure instanceof BrowserException)) {
      // A BrowserException already carries the console and log tails.
      report.append(page.diagnostics());
    }
    AssertionError reported = new AssertionError(report.toString(), failure);
    reported.setStackTrace(failure.getStackTrace());
    throw reported;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    KnownFailures.checkStillFailing(context);
  }

  private static Transcript transcript(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(Transcript.class, k -> new Transcript(), Transcript.class);
  }

  /** The shared harness for the flags the test class asks for ({@link ChromiumFlags}). */
  private static Harness harness(ExtensionContext context) {
    Optional<UseFirefox> firefox =
        context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, UseFirefox.class));
    if (firefox.isPresent()) {
      List<String> prefs = List.of(firefox.get().prefs());
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(List.of(Harness.class, "firefox", prefs),
          k -> Harness.start(uri -> Firefox.launch(uri, prefs), Firefox.BINARY.toString()), Harness.class);
    }
    List<String> flags = flags(context);
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(List.of(Harness.class, flags),
        k -> Harness.start(uri -> Chromium.launch(uri, flags), Chromium.BINARY.toString()), Harness.class);
  }

  private static List<String> flags(ExtensionContext context) {
    Optional<ChromiumFlags> annotation =
        context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, ChromiumFlags.class));
    if (annotation.isEmpty()) {
      return Chromium.DEFAULT_WEBRTC_FLAGS;
    }
    List<String> flags = new ArrayList<>();
    if (!annotation.get().replaceDefaults()) {
      flags.addAll(Chromium.DEFAULT_WEBRTC_FLAGS);
    }
    flags.addAll(List.of(annotation.get().value()));
    return List.copyOf(flags);
  }

  /** Starts a browser process on the page's URL. */
  private interface Launcher {
    BrowserProcess launch(java.net.URI page) throws IOException;
  }

  /** The shared page server and browser; closed by JUnit at the end of the run (AutoCloseable). */
  static final class Harness implements AutoCloseable {
    private final PageServer server;
    private final Launcher launcher;
    /** The browser binary, for messages. */
    private final String binary;
    private BrowserProcess chromium;

    private Harness(PageServer server, Launcher launcher, String binary) {
      this.server = server;
      this.launcher = launcher;
      this.binary = binary;
    }

    static Harness start(Launcher launcher, String binary) {
      PageServer server;
      try {
        server = PageServer.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the page server", e);
      }
      return new Harness(server, launcher, binary);
    }

    synchronized BrowserPage freshPage() {
      if (chromium != null && !chromium.isAlive()) {
        // Crashed in an earlier test (its failure already reported the log): start over.
        chromium.close();
        chromium = null;
      }
      if (chromium == null) {
        try {
          chromium = launcher.launch(server.pageUri());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start " + binary, e);
        }
        BrowserProcess current = chromium;
        server.watchBrowser(current::isAlive, () -> current.logTail(40));
        BrowserPage page = server.awaitPage(PAGE_LOAD_TIMEOUT);
        chromium.markLog();
        return page;
      }
      // The latest load, not the one this harness handed out last: a test may have reloaded it.
      BrowserPage page = server.latestPage();
      if (page.used()) {
        page = page.reload(PAGE_LOAD_TIMEOUT);
      }
      chromium.markLog();
      return page;
    }

    @Override
    public synchronized void close() {
      try {
        if (chromium != null) {
          chromium.close();
        }
      } finally {
        server.close();
      }
    }
  }
}
