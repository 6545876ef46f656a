package dev.jrtc.dtls;

import java.util.ArrayList;
import dev.jrtc.common.Entropy;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;

/**
 * Two {@link DtlsEndpoint}s joined by an in-memory datagram path, driven from the test thread
 * the way a PeerConnection loop drives them: after every wakeup, drain transmits across and
 * collect events. A filter can drop datagrams ({@code (fromClient, datagram) -> deliver?}).
 *
 * <p>The test thread waits only for wakeups from the handshake threads, bounded by a deadline;
 * no timing is asserted.
 */
final class InMemoryDtlsLink {
  final DtlsEndpoint client;
  final DtlsEndpoint server;
  final List<DtlsEvent> clientEvents = new ArrayList<>();
  final List<DtlsEvent> serverEvents = new ArrayList<>();
  final List<byte[]> clientSent = new ArrayList<>();
  final List<byte[]> serverSent = new ArrayList<>();
  private final LinkedBlockingQueue<Object> wakeups;
  private BiPredicate<Boolean, byte[]> deliver = (fromClient, d) -> true;

  InMemoryDtlsLink(DtlsEndpoint client, DtlsEndpoint server, LinkedBlockingQueue<Object> wakeups) {
    this.client = client;
    this.server = server;
    this.wakeups = wakeups;
  }

  /** A client and a server with these configurations, handshaking on {@code pool}. */
  static InMemoryDtlsLink link(Executor pool, DtlsConfig clientConfig, DtlsConfig serverConfig) {
    LinkedBlockingQueue<Object> wakeups = new LinkedBlockingQueue<>();
    DtlsEndpoint client = DtlsEndpoint.create(DtlsRole.CLIENT, clientConfig, Entropy.seeded(10), pool,
        () -> wakeups.add(Boolean.TRUE));
    DtlsEndpoint server = DtlsEndpoint.create(DtlsRole.SERVER, serverConfig, Entropy.seeded(20), pool,
        () -> wakeups.add(Boolean.TRUE));
    return new InMemoryDtlsLink(client, server, wakeups);
  }

  /** A client and a server that expect each other's fingerprints. */
  static InMemoryDtlsLink pair(Executor pool, DtlsCertificate clientCert, DtlsCertificate serverCert) {
    return link(pool,
        DtlsConfig.builder(clientCert).remoteFingerprints(TestCertificates.fingerprintOf(serverCert))
            .logId("client").build(),
        DtlsConfig.builder(serverCert).remoteFingerprints(TestCertificates.fingerprintOf(clientCert))
            .logId("server").build());
  }

  /** Starts both and pumps until both are connected; fails the test otherwise. */
  void connect() throws InterruptedException {
    server.start(0);
    client.start(0);
    boolean done = runUntil(() -> client.state() == DtlsState.CONNECTED
        && server.state() == DtlsState.CONNECTED, 10_000);
    if (!done) {
      throw new AssertionError("not connected; client " + clientEvents + " server " + serverEvents);
    }
  }

  void filter(BiPredicate<Boolean, byte[]> deliver) {
    this.deliver = deliver;
  }

  /** Moves everything that is ready, until nothing moves. */
  void pumpOnce() {
    boolean moved;
    do {
      moved = false;
      byte[] d;
      while ((d = client.pollTransmit()) != null) {
        moved = true;
        clientSent.add(d);
        if (deliver.test(true, d)) {
          server.handleDatagram(d, 0);
        }
      }
      while ((d = server.pollTransmit()) != null) {
        moved = true;
        serverSent.add(d);
        if (deliver.test(false, d)) {
          client.handleDatagram(d, 0);
        }
      }
      DtlsEvent e;
      while ((e = client.pollEvent()) != null) {
        moved = true;
        clientEvents.add(e);
      }
      while ((e = server.pollEvent()) != null) {
        moved = true;
        serverEvents.add(e);
      }
    } while (moved);
  }

  /** Pumps until {@code done} holds or {@code timeoutMillis} of waiting for wakeups passed. */
  boolean runUntil(BooleanSupplier done, long timeoutMillis) throws InterruptedException {
    long waitedNanos = 0;
    long limit = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    int rounds = 0;
    pumpOnce();
    while (!done.getAsBoolean()) {
      if (waitedNanos >= limit || ++rounds > 100_000) {
        return false;
      }
      // Waiting for a handshake thread to report, not measuring anything.
      long sliceNanos = TimeUnit.MILLISECONDS.toNanos(50);
      Object w = wakeups.poll(sliceNanos, TimeUnit.NANOSECONDS);
      if (w == null) {
        waitedNanos += sliceNanos;
      }
      wakeups.clear();
      pumpOnce();
    }
    return true;
  }

  static boolean has(List<DtlsEvent> events, Class<? extends DtlsEvent> type) {
    return events.stream().anyMatch(type::isInstance);
  }

  static <T extends DtlsEvent> T first(List<DtlsEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + events));
  }
}
