package dev.jrtc.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.datachannel.ChannelParameters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * webrtc-pc iceCandidatePoolSize over real UDP on loopback: {@link PeerTransport#preGather()}
 * binds and gathers before any description, reports nothing, and {@link PeerTransport#gather()}
 * then signals the pooled candidates at once; a pre-gathered answerer takes the controlled role
 * from the negotiation (RFC 8445 §6.1.1) instead of fighting a role conflict.
 */
class IceCandidatePoolTest {
  private final List<TransportPeer> peers = new ArrayList<>();

  private TransportPeer peer(String name) {
    TransportPeer p = new TransportPeer(name);
    peers.add(p);
    return p;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (TransportPeer p : peers) {
      p.close();
    }
  }

  private static void awaitPool(TransportPeer p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TransportPeer.WAIT_SECONDS);
    // host gathering on loopback ends with GatheringComplete: the pool holds candidates + that
    while (p.onLoop(() -> p.transport.pooledEvents()) < 2) {
      assertThat(System.nanoTime()).as("pool filled in time").isLessThan(deadline);
      Thread.sleep(5); // polling interval only
    }
  }

  @Test
  void pooledCandidatesAreHeldUntilGatherThenSignalledAndBothPooledSidesConnect() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    a.onLoop(a.transport::preGather);
    b.onLoop(b.transport::preGather);
    awaitPool(a);
    awaitPool(b);
    assertThat(a.events).noneMatch(e -> e instanceof TransportEvent.LocalCandidate
        || e instanceof TransportEvent.GatheringComplete);
    int key = a.onLoop(() -> a.transport.open(ChannelParameters.reliable("pool")));
    assertThat(key).isNegative();
    TransportPeer.connect(a, b);
    TransportEvent.LocalCandidate first = a.await(TransportEvent.LocalCandidate.class);
    assertThat(first.ufrag()).isEqualTo(a.transport.localIceCredentials().ufrag());
    a.await(TransportEvent.GatheringComplete.class);
    assertThat(a.onLoop(() -> a.transport.pooledEvents())).isEqualTo(-1);
    a.awaitSctpConnected();
    b.awaitSctpConnected();
    int id = a.await(TransportEvent.ChannelOpened.class).streamId();
    b.await(TransportEvent.ChannelOpened.class);
    a.run(() -> a.transport.send(id, "hello".getBytes(StandardCharsets.UTF_8), false));
    TransportEvent.Message m = b.await(TransportEvent.Message.class);
    assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
    // b pre-gathered as a provisional controlling agent, then took the controlled role from the
    // negotiation (a is the offerer)
    assertThat(a.transport.iceControlling().get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(b.transport.iceControlling().get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
  }
}
