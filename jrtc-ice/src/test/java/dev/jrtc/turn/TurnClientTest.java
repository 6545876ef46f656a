package dev.jrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The TURN client (RFC 8656) against {@link FakeTurnServer}, in virtual time. */
class TurnClientTest {
  private static final long S = 1_000_000_000L;
  private final InetSocketAddress mapped = new InetSocketAddress(addr("203.0.113.5"), 41000);
  private final InetSocketAddress relayedAddr = new InetSocketAddress(addr("198.51.100.1"), 50000);
  private final InetSocketAddress peer = new InetSocketAddress(addr("192.0.2.77"), 7000);
  private FakeTurnServer server = new FakeTurnServer("alice", "secret", mapped, relayedAddr);
  private TurnClient client;
  private final List<TurnEvent> events = new ArrayList<>();
  private long now = 5 * S;
  private int dropNext;

  private static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Exchanges datagrams (with zero delay) until quiet, then advances time to {@code until}. */
  private void run(long until) throws Exception {
    while (true) {
      byte[] d;
      while ((d = client.pollTransmit()) != null) {
        if (dropNext > 0) {
          dropNext--;
          continue;
        }
        for (byte[] r : server.handle(d)) {
          client.handleInbound(r, now);
        }
      }
      TurnEvent e;
      while ((e = client.pollEvent()) != null) {
        events.add(e);
      }
      long next = client.pollTimeoutNanos();
      if (next > until) {
        now = until;
        return;
      }
      now = Math.max(now, next);
      client.handleTimeout(now);
    }
  }

  private void allocate(TurnConfig config) throws Exception {
    client = TurnClient.allocate(config, Entropy.seeded(1), now);
    run(now + S);
  }

  @Test
  @DisplayName("RFC 8656 §7.2 Allocate: 401 challenge, then authenticated success")
  void allocates() throws Exception {
    allocate(TurnConfig.of("alice", "secret"));
    assertThat(client.state()).isEqualTo(TurnState.ALLOCATED);
    assertThat(events).containsExactly(new TurnEvent.Allocated(relayedAddr, mapped, 600));
    assertThat(client.relayedAddress()).isEqualTo(relayedAddr);
    assertThat(server.allocates).isEqualTo(1);
  }

  @Test
  @DisplayName("wrong password: 401 after the credentials -> AllocationFailed(401)")
  void wrongPassword() throws Exception {
    allocate(TurnConfig.of("alice", "wrong"));
    assertThat(client.state()).isEqualTo(TurnState.FAILED);
    assertThat(events).containsExactly(new TurnEvent.AllocationFailed(401, "Unauthenticated"));
    assertThatThrownBy(() -> client.send(peer, new byte[1], now)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("RFC 8489 §9.2.5 438 Stale Nonce: the request is repeated with the new nonce")
  void staleNonce() throws Exception {
    allocate(TurnConfig.of("alice", "secret"));
    server.nonce = "nonce-2";
    client.createPermission(peer.getAddress(), now);
    run(now + S);
    assertThat(events).contains(new TurnEvent.PermissionCreated(peer.getAddress()));
    assertThat(server.permissions).contains(peer.getAddress());
  }

  @Test
  @DisplayName("RFC 8489 §9.2.5 438 on the first authenticated Allocate")
  void staleNonceOnAllocate() throws Exception {
    server.rotateAfterChallenge = true;
    allocate(TurnConfig.of("alice", "secret"));
    assertThat(client.state()).isEqualTo(TurnState.ALLOCATED);
    assertThat(server.allocates).isEqualTo(1);
  }

  @Test
  @DisplayName("no answer: Allocate times out after 39.5 s -> 701")
  void timeout() throws Exception {
    dropNext = 100;
    allocate(TurnConfig.of("alice", "secret"));
    run(now + 50 * S);
    assertThat(events).containsExactly(new TurnEvent.AllocationFailed(701, "TURN allocate request timed out."));
  }

  @Test
  @DisplayName("a lost Allocate is retransmitted (RFC 8489 §6.2.1)")
  void retransmits() throws Exception {
    dropNext = 2;
    allocate(TurnConfig.of("alice", "secret"));
    run(now + 5 * S);
    assertThat(client.state()).isEqualTo(TurnState.ALLOCATED);
  }

  @Test
  @DisplayName("RFC 8656 §11 Send and Data indications after a permission")
  void indications() throws Exception {
    allocate(TurnConfig.of("alice", "secret"));
    client.send(peer, "hello".getBytes(StandardCharsets.UTF_8), now); // queued until the permission exists
    run(now + S);
    assertThat(server.createPermissions).isEqualTo(1);
    assertThat(server.toPeers).hasSize(1);
    assertThat((byte[]) server.toPeers.get(0)[1]).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    client.handleInbound(server.fromPeer(peer, new byte[] {9, 8}), now);
    assertThat(client.pollEvent()).isEqualTo(new TurnEvent.PeerData(peer, new byte[] {9, 8}));
  }

  @Test
  @DisplayName("RFC 8656 §12 ChannelBind and ChannelData both ways")
  void channels() throws Exception {
    allocate(TurnConfig.of("alice", "secret"));
    int ch = client.channelBind(peer, now);
    assertThat(ch).isEqualTo(0x4000);
    run(now + S);
    assertThat(events).contains(new TurnEvent.ChannelBound(peer, 0x4000));
    client.send(peer, new byte[] {1, 2, 3}, now);
    byte[] wire = client.pollTransmit();
    assertThat(wire).containsExactly(0x40, 0x00, 0x00, 0x03, 1, 2, 3);
    server.handle(wire);
    assertThat((byte[]) server.toPeers.get(0)[1]).containsExactly(1, 2, 3);
    client.handleInbound(server.fromPeer(peer, new byte[] {4}), now);
    assertThat(client.pollEvent()).isEqualTo(new TurnEvent.PeerData(peer, new byte[] {4}));
  }

  @Test
  @DisplayName("RFC 8656 §7.4 / §9 / §12: allocation, permission and channel are refreshed in time")
  void refreshes() throws Exception {
    allocate(TurnConfig.of("alice", "secret"));
    client.createPermission(peer.getAddress(), now);
    client.channelBind(peer, now);
    run(now + 1900 * S); // ~32 minutes
    assertThat(client.state()).isEqualTo(TurnState.ALLOCATED);
    assertThat(server.refreshes).isEqualTo(3); // every 540 s of a 600 s lifetime
    assertThat(server.createPermissions).isGreaterThanOrEqualTo(7); // every 240 s
    assertThat(server.channelBinds).isEqualTo(4); // every 540 s
  }

  @Test
  @DisplayName("RFC 8656 §7.3 close deallocates with LIFETIME 0")
  void close() throws Exception {
    allocate(TurnConfig.of("alice", "secret"));
    client.close(now);
    assertThat(client.state()).isEqualTo(TurnState.CLOSING);
    run(now + S);
    assertThat(client.state()).isEqualTo(TurnState.CLOSED);
    assertThat(server.deallocations).isEqualTo(1);
    assertThat(events).endsWith(new TurnEvent.Closed());
    assertThat(client.pollTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("refresh refused with 437: the allocation is reported expired")
  void mismatch() throws Exception {
    allocate(TurnConfig.of("alice", "secret"));
    server.allocated = false; // the server lost it
    run(now + 600 * S);
    assertThat(client.state()).isEqualTo(TurnState.FAILED);
    assertThat(events).endsWith(new TurnEvent.Expired());
  }

  @Test
  void garbageIsDropped() {
    client = TurnClient.allocate(TurnConfig.of("alice", "secret"), Entropy.seeded(1), now);
    client.handleInbound(new byte[] {0x40, 0x00, 0x00, 0x09, 1}, now);
    client.handleInbound(new byte[] {0x01, 0x01, 0, 0}, now);
    client.handleInbound(new byte[] {0x40, 0x00, 0x00, 0x01, 1}, now); // unbound channel
    assertThat(client.droppedCount()).isEqualTo(3);
  }
}
