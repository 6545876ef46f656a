package dev.jrtc.internal.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Looks up the host names of STUN and TURN servers (A and AAAA records) for the ICE runtime.
 * Internal, not API: {@link NetworkSettings#resolver()} holds the function the runtime calls.
 *
 * <p>{@link InetAddress#getAllByName} blocks for as long as the system resolver takes, so the
 * default runs it on a small pool of daemon threads ({@code jrtc-dns}, at most
 * {@value #THREADS}, gone after a minute idle), never on a connection's loop or an I/O
 * thread. The JVM's own DNS cache ({@code networkaddress.cache.ttl}) applies.
 */
public final class HostResolver {
  /** The most lookups that run at once; more wait in the queue. */
  static final int THREADS = 4;

  private static final ThreadPoolExecutor POOL = pool();

  private HostResolver() {}

  private static ThreadPoolExecutor pool() {
    ThreadPoolExecutor p = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = Executors.defaultThreadFactory().newThread(r);
          t.setName("jrtc-dns");
          t.setDaemon(true);
          return t;
        });
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  private static final Function<String, CompletableFuture<List<InetAddress>>> SYSTEM = HostResolver::lookUp;

  /** The system resolver on the {@code jrtc-dns} threads (one instance, so default settings compare equal). */
  public static Function<String, CompletableFuture<List<InetAddress>>> system() {
    return SYSTEM;
  }

  private static CompletableFuture<List<InetAddress>> lookUp(String host) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return List.of(InetAddress.getAllByName(host));
      } catch (UnknownHostException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, POOL);
  }
}
