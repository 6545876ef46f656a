package dev.jrtc.bench;

import dev.jrtc.ice.IceConfig;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import dev.jrtc.internal.net.IceTransportDriver;
import dev.jrtc.internal.net.NetworkSettings;
import dev.jrtc.internal.net.UdpMux;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One ICE agent of the bench on real UDP: an {@link IceTransportDriver} on its own
 * {@link IceStrand}, loopback candidates only, trickling its candidates straight to its partner
 * (the signaling channel of a real application). {@link #connected} completes with the
 * {@link System#nanoTime()} of the transition to {@code connected}: the pair is nominated and
 * selected (RFC 8445 §8.1).
 */
final class IcePeer {
  /** Network settings of every bench agent: 127.0.0.1 only, never another interface. */
  static final NetworkSettings LOOPBACK = NetworkSettings.loopbackOnly();

  final IceTransportDriver driver;
  final CompletableFuture<Long> connected = new CompletableFuture<>();
  /** {@link System#nanoTime()} of the first local candidate (the socket is bound), or 0. */
  volatile long firstCandidateNanos;
  private volatile IcePeer partner;

  /**
   * @param mux the shared port for the host candidate, or null for a socket of its own
   */
  IcePeer(String logId, boolean controlling, UdpMux mux) {
    IceTransportDriver.Builder b = IceTransportDriver.builder(IceConfig.of(controlling).withLogId(logId))
        .executor(IceStrand.shared()).network(LOOPBACK).listener(this::onEvent);
    if (mux != null) {
      b.mux(mux);
    }
    this.driver = b.build();
  }

  /** Exchanges credentials (as the SDP would) and lets both trickle to each other. */
  static CompletableFuture<Void> pair(IcePeer a, IcePeer b) {
    a.partner = b;
    b.partner = a;
    return CompletableFuture.allOf(
        a.driver.setRemoteCredentials(b.driver.localCredentials().ufrag(), b.driver.localCredentials().pwd(), false),
        b.driver.setRemoteCredentials(a.driver.localCredentials().ufrag(), a.driver.localCredentials().pwd(), false));
  }

  // On this agent's strand.
  private void onEvent(IceEvent e) {
    IcePeer p = partner;
    if (e instanceof IceEvent.CandidateGathered) {
      if (firstCandidateNanos == 0) {
        firstCandidateNanos = System.nanoTime();
      }
      if (p != null) {
        p.driver.addRemoteCandidate(((IceEvent.CandidateGathered) e).candidate());
      }
    } else if (e instanceof IceEvent.GatheringComplete && p != null) {
      p.driver.endOfRemoteCandidates();
    } else if (e instanceof IceEvent.StateChanged) {
      IceTransportState s = ((IceEvent.StateChanged) e).state();
      if (s == IceTransportState.CONNECTED || s == IceTransportState.COMPLETED) {
        connected.complete(System.nanoTime());
      } else if (s == IceTransportState.FAILED || s == IceTransportState.CLOSED) {
        connected.completeExceptionally(new IllegalStateException("ICE " + s.value()));
      }
    }
  }

  /** Closes the driver and waits (bounded) until its socket is released. */
  void close() {
    try {
      driver.closeAsync().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // A close that did not finish in time only leaves a socket for the JVM's exit to release.
    }
  }
}
