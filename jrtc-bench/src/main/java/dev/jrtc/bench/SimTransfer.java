package dev.jrtc.bench;

import dev.jrtc.datachannel.ChannelParameters;
import dev.jrtc.datachannel.ChannelState;
import dev.jrtc.datachannel.DataChannelEvent;
import dev.jrtc.datachannel.DataChannelProtocol;
import dev.jrtc.ice.IceAgent;
import dev.jrtc.ice.IceConfig;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.IceTransportState;
import dev.jrtc.ice.Transmit;
import dev.jrtc.ice.TransportAddress;
import dev.jrtc.sctp.SctpAssociation;
import dev.jrtc.sctp.SctpConfig;
import dev.jrtc.sctp.SctpEvent;
import dev.jrtc.sctp.SctpStats;
import dev.jrtc.testkit.DeterministicScheduler;
import dev.jrtc.testkit.Loss;
import dev.jrtc.testkit.Nat;
import dev.jrtc.testkit.SimHost;
import dev.jrtc.testkit.SimLink;
import dev.jrtc.testkit.SimNet;
import dev.jrtc.testkit.SimPacket;
import dev.jrtc.testkit.SimRouter;
import dev.jrtc.testkit.SimSocket;
import dev.jrtc.testkit.SimStunServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bulk data channel transfer on the virtual network, in virtual time (issue 5 "Measured": "the
 * same transfer with 5% loss on the virtual network"). Two sans-IO {@link IceAgent}s on a
 * {@link SimNet} (A behind a port-restricted-cone NAT, B public, 10 ms on each uplink, so 40 ms
 * RTT) connect; then an {@link SctpAssociation} with a {@link DataChannelProtocol} on each side runs
 * over the selected pair, SCTP packets carried directly as ICE application data. One reliable
 * ordered channel carries 64 KiB messages, refilled while its buffered amount is under 1 MiB.
 * Random loss is applied to B's uplink (both directions) once ICE is connected.
 *
 * <p>DTLS is not in the loop: Bouncy Castle's DTLS runs on wall-clock threads and cannot be driven
 * by the {@link DeterministicScheduler}; the figures are SCTP's (congestion control, retransmission)
 * over the simulated path, not CPU throughput.
 */
public final class SimTransfer {
  private static final int CHUNK = 64 * 1024;
  private static final long HIGH_MARK = 1 << 20;

  private SimTransfer() {}

  /**
   * Sends {@code megabytes} MiB from A to B with {@code loss} random loss, seeded by {@code seed}.
   *
   * @return {@code virtual_seconds} (channel open to last byte received), {@code virtual_mbps}
   *     (10^6 bytes per virtual second), {@code retransmissions} (fast-retransmitted chunks plus
   *     T3-rtx expirations at the sender; SctpStats counts no other retransmissions),
   *     {@code fast_retransmits}, {@code t3_expirations}, {@code packets_lost}, {@code wall_ms}
   * @throws IllegalStateException when the transfer does not complete in an hour of virtual time
   */
  public static Map<String, Object> run(double loss, int megabytes, long seed) {
    if (loss < 0 || loss >= 1 || megabytes <= 0) {
      throw new IllegalArgumentException("loss must be in [0, 1) and megabytes > 0");
    }
    long wallStart = System.nanoTime();
    SimNet net = SimNet.builder().seed(seed).build();
    SimRouter wan = net.router("wan", "1.2.3.0/24");
    SimRouter lanA = wan.child("lan-a", "10.0.1.0/24", Nat.portRestrictedCone(), "1.2.3.10");
    SimRouter lanB = wan.routedChild("lan-b", "8.9.0.0/24");
    SimStunServer stun = SimStunServer.start(wan.host("stun", "1.2.3.4"), 3478);
    net.link(lanA, wan).latency(Duration.ofMillis(10));
    SimLink linkB = net.link(lanB, wan).latency(Duration.ofMillis(10));
    Peer a = new Peer(net, "a", lanA.host("a", "10.0.1.2"), true);
    Peer b = new Peer(net, "b", lanB.host("b", "8.9.0.2"), false);
    a.remote = b;
    b.remote = a;
    IceCredentials ca = a.agent.localCredentials();
    IceCredentials cb = b.agent.localCredentials();
    a.signal(() -> b.agent.setRemoteCredentials(ca.ufrag(), ca.pwd(), b.now()));
    b.signal(() -> a.agent.setRemoteCredentials(cb.ufrag(), cb.pwd(), a.now()));
    a.gather(stun.address());
    b.gather(stun.address());
    require(net.runUntil(() -> a.channels != null && b.channels != null, Duration.ofSeconds(30)), "ICE connected");
    linkB.loss(Loss.random(loss));
    long lostBefore = net.count(SimPacket.Fate.LOST);
    int id = a.channels.createChannel(a.now(), ChannelParameters.reliable("bulk"));
    a.pump();
    require(net.runUntil(() -> a.channels.state(id) == ChannelState.OPEN && b.channels.state(id) == ChannelState.OPEN,
        Duration.ofSeconds(120)), "channel open");

    int total = megabytes * (1 << 20) / CHUNK;
    long start = net.scheduler().nowNanos();
    long[] end = {0};
    int[] sent = {0};
    int[] received = {0};
    b.listener = e -> {
      if (e instanceof DataChannelEvent.Message m) {
        // Reliable ordered: the messages arrive whole and numbered 0, 1, 2, ...
        if (m.data().length != CHUNK || ByteBuffer.wrap(m.data()).getInt() != received[0]) {
          throw new IllegalStateException("message " + received[0] + " arrived wrong or out of order");
        }
        if (++received[0] == total) {
          end[0] = b.now();
        }
      }
    };
    a.afterPump = () -> {
      boolean any = false;
      while (sent[0] < total && a.channels.bufferedAmount(id) < HIGH_MARK) {
        byte[] msg = new byte[CHUNK];
        ByteBuffer.wrap(msg).putInt(sent[0]++);
        a.channels.send(a.now(), id, msg, true);
        any = true;
      }
      return any;
    };
    a.pump();
    require(net.runUntil(() -> received[0] == total, Duration.ofHours(1)), "transfer complete");

    double seconds = (end[0] - start) / 1e9;
    long bytes = (long) total * CHUNK;
    SctpStats s = a.sctp.stats();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("loss", loss);
    out.put("megabytes", megabytes);
    out.put("messages", total);
    out.put("virtual_seconds", seconds);
    out.put("virtual_mbps", bytes / 1e6 / seconds);
    out.put("retransmissions", s.fastRetransmits() + s.t3Expirations());
    out.put("fast_retransmits", s.fastRetransmits());
    out.put("t3_expirations", s.t3Expirations());
    out.put("packets_sent", s.packetsSent());
    out.put("packets_lost", net.count(SimPacket.Fate.LOST) - lostBefore);
    out.put("wall_ms", (System.nanoTime() - wallStart) / 1_000_000);
    return out;
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("virtual transfer: not reached: " + what);
    }
  }

  /** {@code java ... dev.jrtc.bench.SimTransfer [loss] [MiB] [seed]}: prints the figures. */
  public static void main(String[] args) {
    double loss = args.length > 0 ? Double.parseDouble(args[0]) : 0.05;
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    System.out.println(run(loss, mib, seed));
  }

  /** One side: ICE agent on a socket; SCTP and data channels started once ICE connects. */
  private static final class Peer {
    final String name;
    final SimNet net;
    final IceAgent agent;
    final SimSocket socket;
    final boolean dtlsClient;
    java.util.function.Consumer<DataChannelEvent> listener = e -> { };
    java.util.function.BooleanSupplier afterPump = () -> false;
    Peer remote;
    SctpAssociation sctp;
    DataChannelProtocol channels;
    private DeterministicScheduler.Task iceTimer;
    private DeterministicScheduler.Task sctpTimer;
    private boolean pumping;

    Peer(SimNet net, String name, SimHost host, boolean controlling) {
      this.name = name;
      this.net = net;
      this.dtlsClient = controlling;
      this.agent = IceAgent.create(IceConfig.of(controlling), net.entropy("ice " + name), now());
      this.socket = host.bind(0);
      socket.onReceive((from, to, data) -> {
        agent.handleInbound(data, socket.localAddress(), from, now());
        pump();
      });
    }

    long now() {
      return net.scheduler().nowNanos();
    }

    void signal(Runnable onRemote) {
      Peer r = remote;
      net.scheduler().schedule(Duration.ofMillis(20), () -> {
        onRemote.run();
        r.pump();
      });
    }

    void gather(TransportAddress stun) {
      agent.addLocalCandidate(socket.localAddress(), now());
      agent.addStunServer(stun, now());
      agent.endOfLocalCandidates(now());
      pump();
    }

    /** Drains ICE, SCTP and the channels until quiet, then re-arms one timer per core. */
    void pump() {
      if (pumping) {
        return;
      }
      pumping = true;
      try {
        boolean progress = true;
        while (progress) {
          progress = false;
          Transmit t;
          while ((t = agent.pollTransmit()) != null) {
            progress = true;
            socket.send(t.remote(), t.data());
          }
          IceEvent e;
          while ((e = agent.pollEvent()) != null) {
            progress = true;
            onIceEvent(e);
          }
          if (sctp != null) {
            byte[] p;
            while ((p = sctp.pollTransmit()) != null) {
              progress = true;
              agent.send(p); // false without a selected pair: SCTP retransmits later
            }
            SctpEvent s;
            while ((s = sctp.pollEvent()) != null) {
              progress = true;
              channels.handle(now(), s);
            }
            DataChannelEvent d;
            while ((d = channels.pollEvent()) != null) {
              progress = true;
              listener.accept(d);
            }
            progress |= afterPump.getAsBoolean();
          }
        }
      } finally {
        pumping = false;
      }
      iceTimer = rearm(iceTimer, agent.pollTimeoutNanos(), () -> agent.handleTimeout(now()));
      if (sctp != null) {
        sctpTimer = rearm(sctpTimer, sctp.pollTimeoutNanos(), () -> sctp.handleTimeout(now()));
      }
    }

    private DeterministicScheduler.Task rearm(DeterministicScheduler.Task old, long due, Runnable onTimeout) {
      if (old != null) {
        old.cancel();
      }
      if (due == Long.MAX_VALUE) {
        return null;
      }
      return net.scheduler().scheduleAt(due, () -> {
        onTimeout.run();
        pump();
      });
    }

    private void onIceEvent(IceEvent e) {
      if (e instanceof IceEvent.ApplicationData d) {
        if (sctp != null) {
          sctp.handleDatagram(now(), ByteBuffer.wrap(d.data()));
        }
      } else if (e instanceof IceEvent.StateChanged s && sctp == null
          && (s.state() == IceTransportState.CONNECTED || s.state() == IceTransportState.COMPLETED)) {
        // Both sides send INIT, as WebRTC peers do (RFC 8841 §9.3); T1-init recovers an early loss.
        sctp = SctpAssociation.client(SctpConfig.defaults(), net.entropy("sctp " + name), now());
        channels = new DataChannelProtocol(sctp, dtlsClient);
      } else if (e instanceof IceEvent.CandidateGathered g) {
        signal(() -> remote.agent.addRemoteCandidate(g.candidate(), remote.now()));
      } else if (e instanceof IceEvent.GatheringComplete) {
        signal(() -> remote.agent.endOfRemoteCandidates(remote.now()));
      }
    }
  }
}
