package dev.jrtc.bench;

import dev.jrtc.common.Entropy;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.stun.IceControlled;
import dev.jrtc.stun.Priority;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.StunParseException;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.Username;
import dev.jrtc.stun.XorMappedAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generator of {@code stun_rps}: one thread that plays a controlled ICE peer on
 * loopback and keeps {@code window} authenticated Binding requests in flight to one agent
 * (RFC 8445 §7.2.2: USERNAME "agentUfrag:ourUfrag", PRIORITY, ICE-CONTROLLED,
 * MESSAGE-INTEGRITY with the agent's password, FINGERPRINT), counting the success responses.
 *
 * <p>Requests are encoded once into a ring (the transaction id carries the ring index) so that
 * the client spends its CPU on the socket, not on HMACs: the 2-core machine is shared with the
 * agent being measured. Every 64th success response is verified in full (FINGERPRINT,
 * MESSAGE-INTEGRITY with the agent's key, XOR-MAPPED-ADDRESS equal to our address). The agent's
 * own checks to us (its triggered check, nomination and consent, RFC 7675) are answered
 * properly, so it connects and stays connected while it is measured.
 */
final class IceStunClient {
  private static final int RING = 8192;
  private static final int TIMEOUT_MILLIS = 200;
  private static final int VERIFY_EVERY = 64;

  /** What one run counted. */
  record Result(long answered, double seconds, long lost, long errors, long verified, long badResponses,
      long checksAnswered, List<Double> secondRps) {
    /** Responses per second over the whole measured time. */
    double meanRps() {
      return answered / seconds;
    }

    /**
     * The median of the per-second rates: what the agent sustains, robust to a stall of the
     * shared 2-core machine (another process, a GC, a JIT deoptimization) in one second.
     */
    double rps() {
      return secondRps.isEmpty() ? meanRps() : JmhBench.median(secondRps);
    }
  }

  private final DatagramSocket socket;
  private final InetSocketAddress agent;
  private final IceCredentials agentCredentials;
  private final IceCredentials ours;
  private final byte[] agentKey;
  private final byte[] ourKey;
  private final byte[][] ring = new byte[RING][];
  private final boolean[] outstanding = new boolean[RING];

  IceStunClient(InetSocketAddress agent, IceCredentials agentCredentials, Entropy entropy) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setReceiveBufferSize(1 << 20);
    socket.setSendBufferSize(1 << 20);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.connect(agent);
    this.agent = agent;
    this.agentCredentials = agentCredentials;
    this.ours = IceCredentials.random(entropy);
    this.agentKey = StunCredentials.shortTermKey(agentCredentials.pwd());
    this.ourKey = StunCredentials.shortTermKey(ours.pwd());
    long tieBreaker = entropy.nextLong();
    // RFC 8445 §5.1.2.1: a host candidate's priority, type preference 126.
    long priority = (126L << 24) | (65535L << 8) | 255;
    for (int i = 0; i < RING; i++) {
      byte[] id = new byte[TransactionId.LENGTH];
      entropy.nextBytes(id);
      id[0] = (byte) (i >>> 24);
      id[1] = (byte) (i >>> 16);
      id[2] = (byte) (i >>> 8);
      id[3] = (byte) i;
      ring[i] = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.of(id))
          .add(new Username(agentCredentials.ufrag() + ":" + ours.ufrag()))
          .add(new Priority(priority))
          .add(new IceControlled(tieBreaker))
          .addMessageIntegrity(agentKey).addFingerprint().build().encode();
    }
  }

  /** The credentials the agent must know as its remote ones. */
  IceCredentials credentials() {
    return ours;
  }

  /** Our address, for the agent's remote candidate. */
  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /**
   * Blasts for {@code warmupNanos} (not counted) and then {@code measureNanos}, keeping
   * {@code window} requests in flight; a request without an answer for 200 ms is counted lost.
   * {@code onMeasureStart} runs on this thread when the counted part begins.
   */
  Result run(int window, long warmupNanos, long measureNanos, Runnable onMeasureStart) throws IOException {
    byte[] buf = new byte[2048];
    DatagramPacket in = new DatagramPacket(buf, buf.length);
    long start = System.nanoTime();
    long measureStart = start + warmupNanos;
    long end = measureStart + measureNanos;
    boolean measuring = false;
    long next = 0;
    int inflight = 0;
    long answered = 0;
    long lost = 0;
    long errors = 0;
    long verified = 0;
    long bad = 0;
    long checks = 0;
    List<Double> secondRps = new ArrayList<>();
    long sliceStart = 0;
    long sliceAnswered = 0;
    long now = start;
    while (now < end) {
      if (!measuring && now >= measureStart) {
        measuring = true;
        onMeasureStart.run();
        answered = 0;
        lost = 0;
        errors = 0;
        verified = 0;
        bad = 0;
        measureStart = System.nanoTime();
        sliceStart = measureStart;
        sliceAnswered = 0;
      }
      if (measuring && now - sliceStart >= 1_000_000_000L) {
        secondRps.add((answered - sliceAnswered) / ((now - sliceStart) / 1e9));
        sliceStart = now;
        sliceAnswered = answered;
      }
      while (inflight < window) {
        int slot = (int) (next++ % RING);
        if (outstanding[slot]) {
          // Still unanswered after a full trip round the ring: count it lost, reuse the slot.
          outstanding[slot] = false;
          inflight--;
          lost++;
        }
        socket.send(new DatagramPacket(ring[slot], ring[slot].length));
        outstanding[slot] = true;
        inflight++;
      }
      try {
        in.setLength(buf.length);
        socket.receive(in);
      } catch (SocketTimeoutException e) {
        lost += inflight;
        java.util.Arrays.fill(outstanding, false);
        inflight = 0;
        now = System.nanoTime();
        continue;
      }
      int len = in.getLength();
      if (len >= StunMessage.HEADER_LENGTH) {
        int type = ((buf[0] & 0xff) << 8) | (buf[1] & 0xff);
        if (type == 0x0101 || type == 0x0111) { // Binding success / error response
          int slot = ((buf[8] & 0xff) << 24) | ((buf[9] & 0xff) << 16) | ((buf[10] & 0xff) << 8) | (buf[11] & 0xff);
          if (slot >= 0 && slot < RING && outstanding[slot]) {
            outstanding[slot] = false;
            inflight--;
            if (type == 0x0111) {
              errors++;
            } else {
              answered++;
              if (answered % VERIFY_EVERY == 0) {
                verified++;
                if (!validSuccess(buf, len)) {
                  bad++;
                }
              }
            }
          }
        } else if (type == 0x0001) { // the agent's own check
          if (answerCheck(buf, len)) {
            checks++;
          }
        }
      }
      now = System.nanoTime();
    }
    if (now - sliceStart >= 500_000_000L) { // a last slice of at least half a second counts too
      secondRps.add((answered - sliceAnswered) / ((now - sliceStart) / 1e9));
    }
    return new Result(answered, (now - measureStart) / 1e9, lost, errors, verified, bad, checks, secondRps);
  }

  private boolean validSuccess(byte[] buf, int len) {
    try {
      StunMessage m = StunMessage.parse(java.util.Arrays.copyOf(buf, len));
      XorMappedAddress a = m.attribute(XorMappedAddress.class).orElse(null);
      InetSocketAddress me = localAddress();
      return m.checkFingerprint() && m.checkMessageIntegrity(agentKey) && a != null
          && a.address().equals(me.getAddress()) && a.port() == me.getPort();
    } catch (StunParseException e) {
      return false;
    }
  }

  /** RFC 8445 §7.3.1.2: a success response to the agent's check, with our password. */
  private boolean answerCheck(byte[] buf, int len) throws IOException {
    StunMessage m;
    try {
      m = StunMessage.parse(java.util.Arrays.copyOf(buf, len));
    } catch (StunParseException e) {
      return false;
    }
    String expected = ours.ufrag() + ":" + agentCredentials.ufrag();
    if (!m.attribute(Username.class).map(u -> u.value().equals(expected)).orElse(false)
        || !m.checkMessageIntegrity(ourKey)) {
      return false;
    }
    byte[] response = StunMessage.builder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, m.transactionId())
        .add(new XorMappedAddress(agent.getAddress(), agent.getPort()))
        .addMessageIntegrity(ourKey).addFingerprint().build().encode();
    socket.send(new DatagramPacket(response, response.length));
    return true;
  }

  void close() {
    socket.close();
  }
}
