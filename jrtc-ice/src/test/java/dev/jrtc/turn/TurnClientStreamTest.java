package dev.jrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TURN client over a stream to the server (RFC 8656 §3.1 TCP and TLS; the TLS layer is the
 * driver's), against {@link FakeTurnServer} behind an in-test stream: bytes in both directions
 * are cut at random places, the server side finds message boundaries with its own framing code
 * (STUN length, ChannelData length padded to 4, §12.5), and nothing is ever retransmitted.
 */
class TurnClientStreamTest {
  private static final long S = 1_000_000_000L;
  private final InetSocketAddress mapped = new InetSocketAddress(addr("203.0.113.5"), 41000);
  private final InetSocketAddress relayedAddr = new InetSocketAddress(addr("198.51.100.1"), 50000);
  private final InetSocketAddress peer = new InetSocketAddress(addr("192.0.2.77"), 7000);
  private final FakeTurnServer server = new FakeTurnServer("alice", "secret", mapped, relayedAddr);
  private final List<TurnEvent> events = new ArrayList<>();
  private final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
  private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
  /** Every byte the client wrote, for checking the framing. */
  private final ByteArrayOutputStream clientWrote = new ByteArrayOutputStream();
  private SplittableRandom random = new SplittableRandom(1);
  private int maxChunk = 7;
  private boolean serverSilent;
  private TurnClient client;
  private long now = 5 * S;

  private static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The server's side of the stream: complete messages, by the RFC's framing rules. */
  private List<byte[]> serverFrames() {
    byte[] b = toServer.toByteArray();
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (b.length - pos >= 4) {
      int len = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      boolean channelData = (b[pos] & 0xc0) == 0x40;
      int frame = channelData ? (4 + len + 3) / 4 * 4 : 20 + len;
      if (b.length - pos < frame) {
        break;
      }
      out.add(Arrays.copyOfRange(b, pos, pos + (channelData ? 4 + len : frame)));
      pos += frame;
    }
    toServer.reset();
    toServer.write(b, pos, b.length - pos);
    return out;
  }

  private static byte[] padded(byte[] message) {
    return ChannelData.isChannelData(message) ? Arrays.copyOf(message, (message.length + 3) / 4 * 4) : message;
  }

  /** Feeds {@code bytes} to the client in random chunks of 1..maxChunk bytes. */
  private void deliverToClient(byte[] bytes) {
    int pos = 0;
    while (pos < bytes.length) {
      int n = Math.min(bytes.length - pos, 1 + random.nextInt(maxChunk));
      client.handleInbound(Arrays.copyOfRange(bytes, pos, pos + n), now);
      pos += n;
    }
  }

  private void run(long until) throws Exception {
    while (true) {
      byte[] d;
      while ((d = client.pollTransmit()) != null) {
        clientWrote.writeBytes(d);
        toServer.writeBytes(d);
        if (!serverSilent) {
          for (byte[] frame : serverFrames()) {
            for (byte[] r : server.handle(frame)) {
              fromServer.writeBytes(padded(r));
            }
          }
          deliverToClient(fromServer.toByteArray());
          fromServer.reset();
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

  private void allocate(TurnTransport transport) throws Exception {
    client = TurnClient.allocate(TurnConfig.of("alice", "secret"), transport, Entropy.seeded(3), now);
    run(now + S);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TurnTransport.class, names = {"TCP", "TLS"})
  @DisplayName("RFC 8656 §3.1: Allocate over a stream, the 401 challenge included, in arbitrary chunks")
  void allocatesOverAStream(TurnTransport transport) throws Exception {
    allocate(transport);
    assertThat(client.transport()).isEqualTo(transport);
    assertThat(client.state()).isEqualTo(TurnState.ALLOCATED);
    assertThat(events).contains(new TurnEvent.Allocated(relayedAddr, mapped, 600));
    assertThat(server.allocates).isEqualTo(1);
    assertThat(toServer.size()).as("nothing left half-read at the server").isZero();
  }

  @ParameterizedTest(name = "max chunk {0} bytes")
  @ValueSource(ints = {1, 3, 64, 2000})
  @DisplayName("RFC 8656 §12.5: ChannelData is padded to 4 bytes both ways over TCP; peer data survives any chunking")
  void channelDataIsPaddedOnTheStream(int chunk) throws Exception {
    maxChunk = chunk;
    random = new SplittableRandom(chunk);
    allocate(TurnTransport.TCP);
    client.channelBind(peer, now);
    run(now + S);
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(TurnEvent.ChannelBound.class));
    int before = clientWrote.size();
    client.send(peer, new byte[] {1, 2, 3, 4, 5}, now);
    run(now + S);
    byte[] wrote = Arrays.copyOfRange(clientWrote.toByteArray(), before, clientWrote.size());
    assertThat(wrote).hasSize(12); // 4 header + 5 data + 3 padding
    assertThat(wrote[3]).isEqualTo((byte) 5); // Length counts the data only
    assertThat(server.toPeers).hasSize(1);
    assertThat((byte[]) server.toPeers.get(0)[1]).containsExactly(1, 2, 3, 4, 5);
    // Two messages from the peer back to back, cut anywhere.
    byte[] one = padded(server.fromPeer(peer, new byte[] {9}));
    byte[] two = padded(server.fromPeer(peer, new byte[] {8, 7, 6, 5, 4, 3, 2}));
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(one);
    both.writeBytes(two);
    deliverToClient(both.toByteArray());
    run(now + S);
    assertThat(events).contains(new TurnEvent.PeerData(peer, new byte[] {9}),
        new TurnEvent.PeerData(peer, new byte[] {8, 7, 6, 5, 4, 3, 2}));
  }

  @Test
  @DisplayName("RFC 8489 §6.2.2: over a stream a request is sent once and times out after Ti = 39.5 s (701)")
  void noRetransmissionAndTiTimeout() throws Exception {
    serverSilent = true;
    client = TurnClient.allocate(TurnConfig.of("alice", "secret"), TurnTransport.TCP, Entropy.seeded(3), now);
    long start = now;
    run(start + 39 * S);
    int oneRequest = clientWrote.size();
    assertThat(events).isEmpty();
    run(start + 40 * S);
    assertThat(clientWrote.size()).isEqualTo(oneRequest);
    assertThat(events).containsExactly(new TurnEvent.AllocationFailed(TurnClient.TIMEOUT_ERROR_CODE,
        TurnClient.ALLOCATE_TIMEOUT_TEXT));
  }

  @Test
  @DisplayName("a stream out of sync (neither STUN nor ChannelData) fails the allocation; later bytes are dropped")
  void garbageBreaksTheStream() throws Exception {
    allocate(TurnTransport.TCP);
    client.handleInbound(new byte[] {(byte) 0xff, 0, 0, 0, 1, 2, 3}, now);
    run(now + S);
    assertThat(events).contains(new TurnEvent.Expired());
    assertThat(client.state()).isEqualTo(TurnState.FAILED);
    long dropped = client.droppedCount();
    client.handleInbound(new byte[] {0, 1, 0, 0}, now);
    assertThat(client.droppedCount()).isEqualTo(dropped + 1);
  }

  @Test
  @DisplayName("a half-received message waits for the rest of the stream")
  void partialMessageWaits() throws Exception {
    client = TurnClient.allocate(TurnConfig.of("alice", "secret"), TurnTransport.TCP, Entropy.seeded(3), now);
    byte[] request = client.pollTransmit();
    byte[] challenge = server.handle(request).get(0);
    client.handleInbound(Arrays.copyOf(challenge, challenge.length - 1), now);
    assertThat(client.pollTransmit()).as("no retry before the whole 401 arrived").isNull();
    client.handleInbound(new byte[] {challenge[challenge.length - 1]}, now);
    assertThat(client.pollTransmit()).as("the authenticated Allocate").isNotNull();
  }

  @Test
  @DisplayName("RFC 8489 §6.2.2: Ti follows the configured timing (RTO 100 ms, Rc 3, Rm 2: 0.5 s)")
  void configuredTi() throws Exception {
    serverSilent = true;
    TurnConfig config = new TurnConfig("alice", "secret", 600, null,
        new dev.jrtc.stun.StunRetransmission(100_000_000L, 3, 2));
    client = TurnClient.allocate(config, TurnTransport.TLS, Entropy.seeded(3), now);
    long start = now;
    run(start + 499_000_000L);
    assertThat(events).isEmpty();
    run(start + 500_000_000L);
    assertThat(events).containsExactly(new TurnEvent.AllocationFailed(701, TurnClient.ALLOCATE_TIMEOUT_TEXT));
  }

  @Test
  @DisplayName("RFC 8656 §3.1: the connection closing while allocating fails the allocation with the driver's reason")
  void connectionLostWhileAllocating() throws Exception {
    serverSilent = true;
    client = TurnClient.allocate(TurnConfig.of("alice", "secret"), TurnTransport.TLS, Entropy.seeded(3), now);
    client.connectionLost(701, "TLS handshake failed: bad certificate", now);
    run(now + 100 * S);
    assertThat(events).containsExactly(new TurnEvent.AllocationFailed(701, "TLS handshake failed: bad certificate"));
    assertThat(client.state()).isEqualTo(TurnState.FAILED);
    assertThat(client.pollTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("RFC 8656 §3.1: the connection closing after the allocation expires it; nothing more is sent")
  void connectionLostAfterAllocation() throws Exception {
    allocate(TurnTransport.TCP);
    events.clear();
    client.createPermission(peer.getAddress(), now);
    client.connectionLost(701, "connection closed by the TURN server", now);
    assertThat(client.pollTransmit()).isNull();
    run(now + 1000 * S);
    assertThat(events).containsExactly(new TurnEvent.Expired());
    assertThat(client.state()).isEqualTo(TurnState.FAILED);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(peer, new byte[] {1}, now))
        .isInstanceOf(IllegalStateException.class);
  }
}
