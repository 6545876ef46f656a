package dev.jrtc;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * The webrtc-pc [[Operations]] chain (§4.4.1.2 "chain an operation"): promise-returning methods run
 * one at a time in call order. An operation starts at once when the chain is empty, so checks
 * that the spec makes before "in parallel" reject the returned future before it is returned.
 * When the connection is closed, the returned futures of running operations never settle.
 */
final class OperationsChain {

  /** One chained operation: its synchronous part runs in {@link #start()}. */
  interface Operation<T> {
    CompletableFuture<T> start();
  }

  private final ArrayDeque<Runnable> operations = new ArrayDeque<>();
  private final BooleanSupplier closed;
  private final Runnable onEmpty;

  OperationsChain(BooleanSupplier closed, Runnable onEmpty) {
    this.closed = closed;
    this.onEmpty = onEmpty;
  }

  <T> CompletableFuture<T> chain(Operation<T> operation) {
    // step 2: "If connection.[[IsClosed]] is true, return a promise rejected with InvalidStateError."
    if (closed.getAsBoolean()) {
      return CompletableFuture.failedFuture(new InvalidStateException("The RTCPeerConnection is closed"));
    }
    CompletableFuture<T> p = new CompletableFuture<>();
    Runnable run = () -> {
      CompletableFuture<T> result;
      try {
        result = operation.start();
      } catch (DOMException e) {
        result = CompletableFuture.failedFuture(e);
      }
      result.whenComplete((value, error) -> {
        // step 7.1: "If connection.[[IsClosed]] is true, abort these steps."
        if (closed.getAsBoolean()) {
          return;
        }
        // step 7.4 runs as p's first reaction, before the application's: the operation leaves
        // the chain before p settles, so code awaiting p sees the chain without it (WPT
        // RTCPeerConnection-operations "isOperationsChainEmpty").
        Runnable next;
        synchronized (operations) {
          operations.poll();
          next = operations.peek();
        }
        if (error != null) {
          p.completeExceptionally(unwrap(error));
        } else {
          p.complete(value);
        }
        if (closed.getAsBoolean()) {
          return;
        }
        if (next != null) {
          next.run();
        } else {
          onEmpty.run();
        }
      });
    };
    boolean runNow;
    synchronized (operations) {
      operations.add(run);
      runNow = operations.size() == 1;
    }
    if (runNow) {
      run.run();
    }
    return p;
  }

  boolean isEmpty() {
    synchronized (operations) {
      return operations.isEmpty();
    }
  }

  static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
