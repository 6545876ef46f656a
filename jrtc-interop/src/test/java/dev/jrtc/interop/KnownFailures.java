package dev.jrtc.interop;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The must-fail rule of {@link KnownJrtcBug} and {@link KnownPeerLimit} (STYLE.md S11: a known
 * failure is listed, and a listed failure that passes fails the build). {@link ChromiumExtension}
 * applies it to browser cells; cells without a browser (aiortc) take it with
 * {@code @ExtendWith(KnownFailures.class)}.
 */
final class KnownFailures implements TestExecutionExceptionHandler, AfterTestExecutionCallback {

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.interop");
  private static final Namespace NAMESPACE = Namespace.create(KnownFailures.class);

  /** What a mark says, whichever kind it is. */
  private record Mark(String kind, String annotation, String reason, String failureContains, boolean intermittent) {}

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (!absorb(context, failure)) {
      throw failure;
    }
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    checkStillFailing(context);
  }

  /**
   * True when {@code failure} is the one the test's mark expects: it is then reported and
   * swallowed (the test passes while the known failure happens as described).
   */
  static boolean absorb(ExtensionContext context, Throwable failure) {
    Optional<Mark> mark = mark(context);
    if (mark.isEmpty() || !fullText(failure).contains(mark.get().failureContains())) {
      return false;
    }
    context.getStore(NAMESPACE).put(Mark.class, Boolean.TRUE);
    context.publishReportEntry(mark.get().kind(), mark.get().reason() + "\n" + failure);
    LOG.warn("{}: {} reproduced (the test passes while it does): {}; failure: {}", context.getDisplayName(),
        mark.get().kind().replace('-', ' '), mark.get().reason(), firstLine(failure));
    return true;
  }

  /** Fails a marked test that passed: the mark must go with the failure it describes. */
  static void checkStillFailing(ExtensionContext context) {
    Optional<Mark> mark = mark(context);
    if (mark.isPresent() && context.getExecutionException().isEmpty()
        && context.getStore(NAMESPACE).get(Mark.class) == null) {
      if (mark.get().intermittent()) {
        context.publishReportEntry(mark.get().kind(), "did not show in this run: " + mark.get().reason());
        LOG.warn("{}: {} (intermittent) did not show in this run: {}", context.getDisplayName(),
            mark.get().kind().replace('-', ' '), mark.get().reason());
        return;
      }
      throw new AssertionError("fixed: this test passes now, remove @" + mark.get().annotation() + "(\""
          + mark.get().reason() + "\")");
    }
  }

  private static Optional<Mark> mark(ExtensionContext context) {
    Optional<KnownJrtcBug> bug =
        context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, KnownJrtcBug.class));
    if (bug.isPresent()) {
      return Optional.of(new Mark("known-jrtc-bug", "KnownJrtcBug", bug.get().value(), bug.get().failureContains(),
          bug.get().intermittent()));
    }
    return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, KnownPeerLimit.class))
        .map(l -> new Mark("known-peer-limit", "KnownPeerLimit", l.value(), l.failureContains(), false));
  }

  private static String firstLine(Throwable failure) {
    String text = String.valueOf(failure);
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** The messages of a throwable and its causes. */
  private static String fullText(Throwable failure) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = failure; t != null && sb.length() < 1_000_000; t = t.getCause()) {
      sb.append(t).append('\n');
    }
    return sb.toString();
  }
}
