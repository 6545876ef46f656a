package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

/** Assertions on futures returned by the API. */
final class CompletableFutureAssert {

  private CompletableFutureAssert() {}

  /** The future was already rejected when returned, with the given exception type. */
  static void rejectsSynchronously(CompletableFuture<?> f, Class<? extends DOMException> type, ManualExecutor ex) {
    assertThat(f).isCompletedExceptionally();
    assertThat(ex.failure(f)).isInstanceOf(type);
  }
}
