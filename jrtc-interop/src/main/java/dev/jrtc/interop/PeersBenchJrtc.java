package dev.jrtc.interop;

import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCDataChannel;
import dev.jrtc.RTCIceCandidate;
import dev.jrtc.RTCIceCandidatePair;
import dev.jrtc.RTCIceGatheringState;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCSdpType;
import dev.jrtc.RTCSessionDescriptionInit;
import dev.jrtc.RTCSettings;
import dev.jrtc.common.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The jrtc side of {@link PeersBench}: jrtc's {@link RTCPeerConnection} with default settings
 * (its own event strand, host candidates on every interface but loopback), timed in this JVM
 * with {@link Clock#monotonicNanos()}. The same three measurements as the page and the aiortc
 * script: setup from {@code createOffer} to the offerer's {@code open} event; 64 KiB messages
 * refilled on {@code bufferedamountlow} (1 MiB high, 512 KiB low) timed at the receiver; 100-byte
 * round trips, the next ping sent from the message handler.
 */
final class PeersBenchJrtc {

  static final int CHUNK = 64 * 1024;
  static final long HIGH = 1 << 20;
  static final long LOW = 512 * 1024;
  static final long TIMEOUT_SECONDS = 30;

  private static final Clock CLOCK = Clock.system();

  private PeersBenchJrtc() {}

  /** jrtc on both sides, in this JVM. */
  static PeersBenchStats.Figures jrtcPair(PeersBench.Plan plan) throws Exception {
    double[] setup = new double[plan.setupRuns()];
    for (int i = 0; i < setup.length; i++) {
      try (LocalPair p = LocalPair.connect()) {
        setup[i] = p.setupNanos / 1e6;
      }
    }
    try (LocalPair p = LocalPair.connect()) {
      String path = selectedPath(p.a);
      double[] mbps = new double[plan.bulkRuns()];
      for (int i = -1; i < mbps.length; i++) {
        long bytes = i < 0 ? PeersBench.Plan.warmUpBytes(plan.bulkBytes()) : plan.bulkBytes();
        CompletableFuture<long[]> received = receive(p.rx, bytes);
        Pump pump = Pump.start(p.tx, bytes);
        long[] r = await(received, pump, "bulk " + bytes + " bytes");
        if (i >= 0) {
          mbps[i] = r[0] / 1e6 / (Math.max(r[1], 1) / 1e9);
        }
      }
      echo(p.rx);
      double[] rtt = pingPong(p.tx, plan.warmRoundTrips(), plan.roundTrips());
      return PeersBenchStats.Figures.of(setup, mbps, plan.bulkBytes(), rtt, "this JVM, System.nanoTime", path);
    }
  }

  /** Two connections of this JVM joined by in-process trickle, one channel "bench" open both ways. */
  static final class LocalPair implements AutoCloseable {
    final RTCPeerConnection a = new RTCPeerConnection(RTCConfiguration.defaults(), RTCSettings.defaults());
    final RTCPeerConnection b = new RTCPeerConnection(RTCConfiguration.defaults(), RTCSettings.defaults());
    RTCDataChannel tx;
    RTCDataChannel rx;
    long setupNanos;

    static LocalPair connect() throws Exception {
      LocalPair p = new LocalPair();
      try {
        p.doConnect();
        return p;
      } catch (Exception | Error e) {
        p.close();
        throw e;
      }
    }

    private void doConnect() throws Exception {
      Trickle toB = Trickle.between(a, b);
      Trickle toA = Trickle.between(b, a);
      CompletableFuture<RTCDataChannel> announced = new CompletableFuture<>();
      b.onDataChannel(e -> {
        RTCDataChannel ch = e.channel();
        // Set in the datachannel task itself, so no open or message event can be missed.
        CompletableFuture<Void> open = new CompletableFuture<>();
        ch.onOpen(x -> open.complete(null));
        open.thenRun(() -> announced.complete(ch));
        if (ch.readyState() == dev.jrtc.RTCDataChannelState.OPEN) {
          announced.complete(ch);
        }
      });
      CompletableFuture<Long> opened = new CompletableFuture<>();
      tx = a.createDataChannel("bench");
      tx.onOpen(e -> opened.complete(CLOCK.monotonicNanos()));
      long t0 = CLOCK.monotonicNanos();
      RTCSessionDescriptionInit offer = join(a.createOffer(), "createOffer");
      join(a.setLocalDescription(offer), "offerer setLocalDescription");
      join(b.setRemoteDescription(offer), "answerer setRemoteDescription");
      toB.ready();
      RTCSessionDescriptionInit answer = join(b.createAnswer(), "createAnswer");
      join(b.setLocalDescription(answer), "answerer setLocalDescription");
      join(a.setRemoteDescription(answer), "offerer setRemoteDescription");
      toA.ready();
      setupNanos = join(opened, "the offerer's open event") - t0;
      rx = join(announced, "the answerer's channel open");
    }

    @Override
    public void close() {
      a.close();
      b.close();
    }
  }

  /**
   * Candidates of one connection handed to the other, held back until the receiver has a remote
   * description (addIceCandidate fails before it, W3C webrtc §4.4.1.5).
   */
  static final class Trickle {
    private final RTCPeerConnection to;
    private final List<RTCIceCandidate> pending = new ArrayList<>();
    private boolean ready;

    private Trickle(RTCPeerConnection to) {
      this.to = to;
    }

    static Trickle between(RTCPeerConnection from, RTCPeerConnection to) {
      Trickle t = new Trickle(to);
      from.onIceCandidate(e -> {
        RTCIceCandidate c = e.candidate();
        if (c != null && !c.candidate().isEmpty()) {
          t.add(c);
        }
      });
      return t;
    }

    private synchronized void add(RTCIceCandidate c) {
      if (ready) {
        to.addIceCandidate(c);
      } else {
        pending.add(c);
      }
    }

    synchronized void ready() {
      ready = true;
      for (RTCIceCandidate c : pending) {
        to.addIceCandidate(c);
      }
      pending.clear();
    }
  }

  /**
   * The sender of a bulk run: fills the channel up to {@link #HIGH} and again on each
   * {@code bufferedamountlow} (threshold {@link #LOW}), never queueing the whole transfer.
   */
  static final class Pump {
    private final RTCDataChannel channel;
    private final long total;
    private final byte[] chunk = new byte[CHUNK];
    private long sent;

    private Pump(RTCDataChannel channel, long total) {
      this.channel = channel;
      this.total = total;
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = (byte) (i * 31 + 7);
      }
    }

    static Pump start(RTCDataChannel channel, long total) {
      Pump p = new Pump(channel, total);
      channel.setBufferedAmountLowThreshold(LOW);
      channel.onBufferedAmountLow(e -> p.fill());
      p.fill();
      return p;
    }

    synchronized void fill() {
      while (sent < total && channel.bufferedAmount() < HIGH) {
        int n = (int) Math.min(CHUNK, total - sent);
        channel.send(n == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, n));
        sent += n;
      }
    }

    synchronized long sent() {
      return sent;
    }
  }

  /** Counts binary bytes arriving on {@code rx}: {bytes, nanos from the first message to the last}. */
  static CompletableFuture<long[]> receive(RTCDataChannel rx, long total) {
    CompletableFuture<long[]> done = new CompletableFuture<>();
    long[] state = {0, -1}; // bytes, first arrival; only the channel's event strand touches it
    rx.onMessage(m -> {
      long now = CLOCK.monotonicNanos();
      if (state[1] < 0) {
        state[1] = now;
      }
      state[0] += m.isText() ? m.text().length() : m.bytes().length;
      if (state[0] >= total) {
        done.complete(new long[] {state[0], now - state[1]});
      }
    });
    return done;
  }

  /** Echoes every message back on the channel it came from. */
  static void echo(RTCDataChannel rx) {
    rx.onMessage(m -> {
      if (m.isText()) {
        rx.send(m.text());
      } else {
        rx.send(m.bytes());
      }
    });
  }

  /** {@code warm + n} sequential 100-byte round trips; the last {@code n} in microseconds. */
  static double[] pingPong(RTCDataChannel tx, int warm, int n) throws Exception {
    long[] samples = new long[warm + n];
    byte[] msg = new byte[100];
    CompletableFuture<Void> done = new CompletableFuture<>();
    int[] count = {0};
    long[] sentAt = {0};
    Object lock = new Object(); // the first ping goes out on this thread, the others on the strand
    tx.onMessage(m -> {
      long now = CLOCK.monotonicNanos();
      synchronized (lock) {
        if (count[0] == samples.length) {
          return; // a stray message after the last round trip
        }
        samples[count[0]++] = now - sentAt[0];
        if (count[0] == samples.length) {
          done.complete(null);
          return;
        }
        sentAt[0] = CLOCK.monotonicNanos();
      }
      tx.send(msg);
    });
    synchronized (lock) {
      sentAt[0] = CLOCK.monotonicNanos();
    }
    tx.send(msg);
    try {
      done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("round trips: " + count[0] + " of " + samples.length + " after "
          + TIMEOUT_SECONDS + " s");
    }
    double[] us = new double[n];
    for (int i = 0; i < n; i++) {
      us[i] = samples[warm + i] / 1e3;
    }
    return us;
  }

  /**
   * Waits for a bulk run; a {@code bufferedamountlow} that never came would stall the sender, so
   * while waiting the sender is refilled every 100 ms too (a no-op while the buffer is full).
   */
  static long[] await(CompletableFuture<long[]> received, Pump pump, String what) throws Exception {
    long deadline = CLOCK.monotonicNanos() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        return received.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (CLOCK.monotonicNanos() > deadline) {
          throw new IllegalStateException(what + ": not received within " + TIMEOUT_SECONDS + " s (sent "
              + pump.sent() + ")");
        }
        pump.fill();
      }
    }
  }

  /** The offerer's selected candidate pair as "local -> remote", or null. */
  static String selectedPath(RTCPeerConnection pc) {
    try {
      RTCIceCandidatePair pair = pc.sctp().transport().iceTransport().getSelectedCandidatePair();
      if (pair == null) {
        return null;
      }
      return pair.local().address() + ":" + pair.local().port() + " -> " + pair.remote().address() + ":"
          + pair.remote().port();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Waits for jrtc's ICE gathering to complete (a complete description, no trickle). */
  static void awaitGathered(RTCPeerConnection pc, CompletableFuture<Void> gathered) throws Exception {
    if (pc.iceGatheringState() != RTCIceGatheringState.COMPLETE) {
      join(gathered, "ICE gathering");
    }
  }

  static RTCSessionDescriptionInit description(String type, String sdp) {
    return new RTCSessionDescriptionInit(RTCSdpType.fromValue(type), sdp);
  }

  static <T> T join(CompletableFuture<T> future, String what) throws Exception {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("jrtc " + what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("jrtc " + what + ": nothing within " + TIMEOUT_SECONDS + " s");
    }
  }
}
