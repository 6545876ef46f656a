package dev.jrtc.internal.transport;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.dtls.CertificateFingerprint;
import dev.jrtc.dtls.DtlsCertificate;
import dev.jrtc.dtls.DtlsRole;
import dev.jrtc.internal.net.NetworkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One {@link PeerTransport} on its own serial loop over loopback only, recording its events.
 * Waits end as soon as the awaited event arrives; the generous deadline only turns a hang into
 * a failure.
 */
final class TransportPeer implements AutoCloseable {
  static final long WAIT_SECONDS = 20;
  private static final long DAY_MILLIS = 86_400_000L;

  final String name;
  final ExecutorService loop;
  final DtlsCertificate certificate;
  final PeerTransport transport;
  final LinkedBlockingQueue<TransportEvent> events = new LinkedBlockingQueue<>();
  final List<TransportEvent> seen = new ArrayList<>();
  /** Runs on the loop for every event first; true consumes it (not recorded). */
  volatile Predicate<TransportEvent> hook = e -> false;
  volatile TransportPeer peer;

  TransportPeer(String name, Consumer<PeerTransport.Builder> setup) {
    this.name = name;
    this.loop = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "transport-" + name);
      t.setDaemon(true);
      return t;
    });
    long now = Clock.system().wallMillis();
    this.certificate = DtlsCertificate.generateEcdsaP256(Entropy.secure(), now - DAY_MILLIS, now + DAY_MILLIS);
    PeerTransport.Builder b = PeerTransport.builder().loop(loop).certificate(certificate).logId(name)
        .network(NetworkSettings.loopbackOnly()).listener(this::onEvent);
    setup.accept(b);
    this.transport = b.build();
  }

  TransportPeer(String name) {
    this(name, b -> { });
  }

  // On the loop: trickle candidates to the peer as signaling would, then record.
  private void onEvent(TransportEvent e) {
    TransportPeer p = peer;
    if (p != null && e instanceof TransportEvent.LocalCandidate) {
      p.loop.execute(() -> p.transport.addRemoteCandidate(((TransportEvent.LocalCandidate) e).candidate()));
    } else if (p != null && e instanceof TransportEvent.GatheringComplete) {
      p.loop.execute(p.transport::endOfRemoteCandidates);
    }
    if (!hook.test(e)) {
      events.add(e);
    }
  }

  /** Runs {@code step} on the loop and returns its result. */
  <T> T onLoop(Callable<T> step) throws Exception {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return step.call();
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, loop).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  void run(Runnable step) throws Exception {
    onLoop(() -> {
      step.run();
      return null;
    });
  }

  /**
   * Offer/answer between {@code offerer} (ICE controlling, DTLS client) and {@code answerer}
   * (controlled, DTLS server), with {@code answererFingerprints} as what the offerer expects.
   */
  static void connect(TransportPeer offerer, TransportPeer answerer, List<CertificateFingerprint> answererFingerprints)
      throws Exception {
    offerer.peer = answerer;
    answerer.peer = offerer;
    offerer.onLoop(offerer.transport::gather).get(WAIT_SECONDS, TimeUnit.SECONDS);
    RemoteParameters toAnswerer = new RemoteParameters(offerer.transport.localIceCredentials().ufrag(),
        offerer.transport.localIceCredentials().pwd(), false, List.of(offerer.transport.localFingerprint()), false,
        DtlsRole.SERVER, PeerTransport.DEFAULT_SCTP_PORT, PeerTransport.DEFAULT_MAX_MESSAGE_SIZE);
    answerer.onLoop(() -> answerer.transport.setRemoteParameters(toAnswerer)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    answerer.onLoop(answerer.transport::gather).get(WAIT_SECONDS, TimeUnit.SECONDS);
    RemoteParameters toOfferer = new RemoteParameters(answerer.transport.localIceCredentials().ufrag(),
        answerer.transport.localIceCredentials().pwd(), false, answererFingerprints, true, DtlsRole.CLIENT,
        PeerTransport.DEFAULT_SCTP_PORT, PeerTransport.DEFAULT_MAX_MESSAGE_SIZE);
    offerer.onLoop(() -> offerer.transport.setRemoteParameters(toOfferer)).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  static void connect(TransportPeer offerer, TransportPeer answerer) throws Exception {
    connect(offerer, answerer, List.of(answerer.transport.localFingerprint()));
  }

  /** The next event of {@code type} matching {@code p}; others stay in {@link #seen}. */
  @SuppressWarnings("unchecked")
  <T extends TransportEvent> T await(Class<T> type, Predicate<T> p) throws InterruptedException {
    for (TransportEvent e : seen) {
      if (type.isInstance(e) && p.test((T) e)) {
        seen.remove(e);
        return (T) e;
      }
    }
    long deadline = Clock.system().monotonicNanos() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      long left = deadline - Clock.system().monotonicNanos();
      TransportEvent e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError(name + ": no " + type.getSimpleName() + " within " + WAIT_SECONDS + " s; saw "
            + seen);
      }
      if (type.isInstance(e) && p.test((T) e)) {
        return (T) e;
      }
      seen.add(e);
    }
  }

  <T extends TransportEvent> T await(Class<T> type) throws InterruptedException {
    return await(type, x -> true);
  }

  /** Waits until SCTP is connected. */
  void awaitSctpConnected() throws InterruptedException {
    await(TransportEvent.SctpStateChanged.class, s -> s.state() == SctpTransportState.CONNECTED);
  }

  /** Events of {@code type} seen so far (skipped by earlier awaits) or queued now. */
  <T extends TransportEvent> List<T> collected(Class<T> type) {
    List<TransportEvent> all = new ArrayList<>(seen);
    all.addAll(events);
    List<T> out = new ArrayList<>();
    for (TransportEvent e : all) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    CompletableFuture<Void> closed = onLoop(transport::close);
    closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    loop.shutdown();
    if (!loop.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError(name + ": loop did not stop");
    }
  }
}
