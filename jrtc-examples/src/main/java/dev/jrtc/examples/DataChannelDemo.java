package dev.jrtc.examples;

import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCDataChannel;
import dev.jrtc.RTCIceCandidate;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCSessionDescriptionInit;
import dev.jrtc.RTCSettings;
import dev.jrtc.internal.net.NetworkSettings;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The data channel demo ({@code ./jrtc demo}): two jrtc peers in one process connect over real
 * UDP on 127.0.0.1 (ICE with trickled candidates, DTLS, SCTP), open a data channel and move
 * 100 MiB through it with flow control on {@code bufferedAmount}/{@code bufferedamountlow}. Prints
 * the connection states as they change, the setup time (from the offer to the open channel), the
 * throughput at the receiver, and both SHA-256 digests.
 */
public final class DataChannelDemo {

  private static final long TOTAL = 100L << 20;
  private static final int CHUNK = 65_536;
  private static final long HIGH = 4L << 20;
  private static final long WAIT_SECONDS = 120;

  private DataChannelDemo() {}

  /** Runs the demo; returns 0 when the data arrived intact, 1 otherwise. */
  public static int run(PrintStream out) {
    RTCSettings settings = RTCSettings.builder().network(NetworkSettings.loopbackOnly()).build();
    RTCPeerConnection alice = new RTCPeerConnection(RTCConfiguration.defaults(), settings);
    RTCPeerConnection bob = new RTCPeerConnection(RTCConfiguration.defaults(), settings);
    try {
      return transfer(out, alice, bob);
    } catch (Exception e) {
      out.println("data channel demo failed: " + e);
      return 1;
    } finally {
      alice.close();
      bob.close();
    }
  }

  private static int transfer(PrintStream out, RTCPeerConnection alice, RTCPeerConnection bob) throws Exception {
    alice.onConnectionStateChange(e -> out.println("  [alice] connectionstatechange -> "
        + alice.connectionState().value()));
    bob.onConnectionStateChange(e -> out.println("  [bob]   connectionstatechange -> "
        + bob.connectionState().value()));
    CompletableFuture<Void> aliceRemote = new CompletableFuture<>();
    CompletableFuture<Void> bobRemote = new CompletableFuture<>();
    alice.onIceCandidate(e -> {
      RTCIceCandidate c = e.candidate();
      if (c != null) {
        bobRemote.thenCompose(v -> bob.addIceCandidate(c));
      }
    });
    bob.onIceCandidate(e -> {
      RTCIceCandidate c = e.candidate();
      if (c != null) {
        aliceRemote.thenCompose(v -> alice.addIceCandidate(c));
      }
    });

    long start = System.nanoTime();
    RTCDataChannel channel = alice.createDataChannel("bulk");
    Sender sender = new Sender(channel);
    CompletableFuture<Long> opened = new CompletableFuture<>();
    channel.onOpen(e -> {
      opened.complete(System.nanoTime());
      sender.pump();
    });
    Receiver receiver = new Receiver();
    bob.onDataChannel(e -> e.channel().onMessage(m -> receiver.accept(m.bytes())));

    RTCSessionDescriptionInit offer = get(alice.createOffer());
    get(alice.setLocalDescription(offer));
    get(bob.setRemoteDescription(offer));
    bobRemote.complete(null);
    RTCSessionDescriptionInit answer = get(bob.createAnswer());
    get(bob.setLocalDescription(answer));
    get(alice.setRemoteDescription(answer));
    aliceRemote.complete(null);

    long openAt = get(opened);
    out.printf("  channel '%s' open (id %d) after %.1f ms%n", channel.label(), channel.id(),
        (openAt - start) / 1e6);
    byte[] sent = get(sender.done);
    byte[] received = get(receiver.done);
    double seconds = (receiver.lastAt - openAt) / 1e9;
    out.printf("  %d MiB in %.2f s: %.1f MB/s at the receiver (%d bufferedamountlow events)%n",
        TOTAL >> 20, seconds, TOTAL / seconds / 1e6, sender.lowEvents);
    HexFormat hex = HexFormat.of();
    out.println("  sha-256 sent     " + hex.formatHex(sent));
    out.println("  sha-256 received " + hex.formatHex(received));
    boolean ok = MessageDigest.isEqual(sent, received);
    out.println(ok ? "  intact" : "  MISMATCH");
    return ok ? 0 : 1;
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Sends while bufferedAmount is under the high mark; resumes on bufferedamountlow. */
  private static final class Sender {
    final RTCDataChannel channel;
    final MessageDigest sha = sha256();
    final CompletableFuture<byte[]> done = new CompletableFuture<>();
    long offset;
    int lowEvents;

    Sender(RTCDataChannel channel) {
      this.channel = channel;
      channel.setBufferedAmountLowThreshold(HIGH / 4);
      channel.onBufferedAmountLow(e -> {
        lowEvents++;
        pump();
      });
    }

    void pump() {
      while (offset < TOTAL && channel.bufferedAmount() < HIGH) {
        int n = (int) Math.min(CHUNK, TOTAL - offset);
        byte[] chunk = new byte[n];
        for (int i = 0; i < n; i++) {
          long x = offset + i;
          chunk[i] = (byte) (x ^ (x >>> 9) ^ (x >>> 17));
        }
        sha.update(chunk);
        channel.send(chunk);
        offset += n;
      }
      if (offset >= TOTAL && !done.isDone()) {
        done.complete(sha.digest());
      }
    }
  }

  /** Hashes what arrives. */
  private static final class Receiver {
    final MessageDigest sha = sha256();
    final CompletableFuture<byte[]> done = new CompletableFuture<>();
    long count;
    volatile long lastAt;

    void accept(byte[] data) {
      sha.update(data);
      count += data.length;
      if (count >= TOTAL && !done.isDone()) {
        lastAt = System.nanoTime();
        done.complete(sha.digest());
      }
    }
  }
}
