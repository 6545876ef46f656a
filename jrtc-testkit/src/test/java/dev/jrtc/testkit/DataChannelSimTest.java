package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.datachannel.ChannelParameters;
import dev.jrtc.datachannel.ChannelState;
import dev.jrtc.datachannel.DataChannelEvent;
import dev.jrtc.datachannel.DataChannelProtocol;
import dev.jrtc.ice.Candidate;
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
import dev.jrtc.sctp.SctpState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data channels over the virtual network with a virtual clock (issue 5 "Tests"): two sans-IO
 * {@link IceAgent}s on {@link SimNet} hosts (A behind a port-restricted-cone NAT, B public, a STUN
 * server on the WAN) connect; then an {@link SctpAssociation} and a {@link DataChannelProtocol} on
 * each side run over the selected candidate pair, every SCTP packet carried directly as ICE
 * application data. Everything runs on the {@link DeterministicScheduler}: seconds of virtual
 * time take milliseconds, and a seed fixes the packet trace.
 *
 * <p>DTLS is not in the loop: Bouncy Castle's DTLS runs its handshake and records on wall-clock
 * threads, so it cannot be driven by the virtual clock. SCTP over DTLS (RFC 8261) sees the same
 * datagrams, minus the record layer, so loss, delay and reordering reach SCTP as they would.
 *
 * <p>The link impairments (loss, Gilbert-Elliott bursts, jitter, reordering, duplication) are set
 * on B's uplink once ICE is connected, so they apply to the SCTP handshake, the DCEP exchange and
 * the data in both directions; ICE connectivity under loss is covered by {@code IceScenariosSimTest}.
 */
class DataChannelSimTest {

  /** One side: an ICE agent on a socket, and SCTP + data channels started when ICE connects. */
  static final class Peer {
    final String name;
    final SimNet net;
    final IceAgent agent;
    final SimSocket socket;
    final boolean dtlsClient;
    final SctpConfig sctpConfig;
    final List<DataChannelEvent> events = new ArrayList<>();
    /** Every data channel event; by default added to {@link #events}. */
    Consumer<DataChannelEvent> listener = events::add;
    /** Called in every drain round (to refill a send queue, for instance); true when it sent. */
    BooleanSupplier afterPump = () -> false;
    Peer remote;
    SctpAssociation sctp;
    DataChannelProtocol channels;
    /** Channels created before SCTP existed: created on it once ICE is up. */
    final List<ChannelParameters> pendingChannels = new ArrayList<>();
    private DeterministicScheduler.Task iceTimer;
    private DeterministicScheduler.Task sctpTimer;
    private boolean pumping;

    Peer(SimNet net, String name, SimHost host, boolean controlling, SctpConfig sctpConfig) {
      this.name = name;
      this.net = net;
      this.dtlsClient = controlling; // as with a=setup:active on the offerer's side
      this.sctpConfig = sctpConfig;
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

    boolean iceConnected() {
      return agent.state() == IceTransportState.CONNECTED || agent.state() == IceTransportState.COMPLETED;
    }

    boolean sctpEstablished() {
      return sctp != null && sctp.state() == SctpState.ESTABLISHED;
    }

    ChannelState state(int id) {
      return channels == null ? null : channels.state(id);
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

    /** Drains ICE, SCTP and the channels until quiet, then re-arms one timer for each core. */
    void pump() {
      if (pumping) {
        return; // re-entered from a listener: the outer loop drains
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
              agent.send(p); // false without a selected pair: SCTP retransmits it later
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
        startSctp();
      } else if (e instanceof IceEvent.CandidateGathered g) {
        Candidate c = g.candidate();
        signal(() -> remote.agent.addRemoteCandidate(c, remote.now()));
      } else if (e instanceof IceEvent.GatheringComplete) {
        signal(() -> remote.agent.endOfRemoteCandidates(remote.now()));
      }
    }

    /**
     * Both sides send INIT, as WebRTC peers do (RFC 8841 §9.3: the simultaneous open of RFC 9260
     * §5.2.1 resolves it). A packet that arrives before our association exists is lost; SCTP's
     * T1-init retransmission recovers.
     */
    private void startSctp() {
      sctp = SctpAssociation.client(sctpConfig, net.entropy("sctp " + name), now());
      channels = new DataChannelProtocol(sctp, dtlsClient);
      for (ChannelParameters p : pendingChannels) {
        channels.createChannel(now(), p);
      }
      pendingChannels.clear();
    }

    List<DataChannelEvent.Message> messages() {
      List<DataChannelEvent.Message> out = new ArrayList<>();
      for (DataChannelEvent e : events) {
        if (e instanceof DataChannelEvent.Message m) {
          out.add(m);
        }
      }
      return out;
    }
  }

  /** The topology: A behind a NAT on LAN A, B on a public LAN, 10 ms on each uplink; STUN on the WAN. */
  static final class World {
    final SimNet net;
    final SimLink linkA;
    final SimLink linkB;
    final Peer a;
    final Peer b;

    World(long seed) {
      this(seed, SctpConfig.defaults());
    }

    World(long seed, SctpConfig sctpConfig) {
      net = SimNet.builder().seed(seed).build();
      SimRouter wan = net.router("wan", "1.2.3.0/24");
      SimRouter lanA = wan.child("lan-a", "10.0.1.0/24", Nat.portRestrictedCone(), "1.2.3.10");
      SimRouter lanB = wan.routedChild("lan-b", "8.9.0.0/24");
      SimStunServer stun = SimStunServer.start(wan.host("stun", "1.2.3.4"), 3478);
      linkA = net.link(lanA, wan).latency(Duration.ofMillis(10));
      linkB = net.link(lanB, wan).latency(Duration.ofMillis(10));
      a = new Peer(net, "a", lanA.host("a", "10.0.1.2"), true, sctpConfig);
      b = new Peer(net, "b", lanB.host("b", "8.9.0.2"), false, sctpConfig);
      a.remote = b;
      b.remote = a;
      IceCredentials ca = a.agent.localCredentials();
      IceCredentials cb = b.agent.localCredentials();
      a.signal(() -> b.agent.setRemoteCredentials(ca.ufrag(), ca.pwd(), b.now()));
      b.signal(() -> a.agent.setRemoteCredentials(cb.ufrag(), cb.pwd(), a.now()));
      a.gather(stun.address());
      b.gather(stun.address());
      if (!net.runUntil(() -> a.iceConnected() && b.iceConnected(), Duration.ofSeconds(30))) {
        throw new AssertionError("ICE did not connect: " + a.agent.state() + " / " + b.agent.state());
      }
    }

    /** Applies {@code impairment} to B's uplink (both directions of the path pass it). */
    World impair(UnaryOperator<SimLink> impairment) {
      impairment.apply(linkB);
      return this;
    }

    /** Creates a channel on A (DCEP, or negotiated on both sides) once SCTP can carry it. */
    int open(ChannelParameters p) {
      if (!net.runUntil(() -> a.channels != null && b.channels != null, Duration.ofSeconds(10))) {
        throw new AssertionError("SCTP did not start");
      }
      int id = a.channels.createChannel(a.now(), p);
      if (p.negotiated()) {
        b.channels.createChannel(b.now(), p);
      }
      a.pump();
      b.pump();
      if (!net.runUntil(() -> a.state(id) == ChannelState.OPEN && b.state(id) == ChannelState.OPEN,
          Duration.ofSeconds(120))) {
        throw new AssertionError("channel " + id + " did not open: " + a.sctp + " / " + b.sctp);
      }
      return id;
    }

    boolean runUntil(BooleanSupplier done, Duration virtualLimit) {
      return net.runUntil(done, virtualLimit);
    }
  }

  static byte[] payload(int seq, int size) {
    byte[] m = new byte[size];
    for (int i = 0; i < size; i++) {
      m[i] = (byte) (seq * 31 + i);
    }
    if (size >= 4) {
      ByteBuffer.wrap(m).putInt(seq);
    }
    return m;
  }

  static int seqOf(byte[] m) {
    return ByteBuffer.wrap(m).getInt();
  }

  static boolean intact(byte[] m, int size) {
    if (m.length != size) {
      return false;
    }
    int seq = seqOf(m);
    for (int i = 4; i < size; i++) {
      if (m[i] != (byte) (seq * 31 + i)) {
        return false;
      }
    }
    return true;
  }

  private static final ChannelParameters UNORDERED = new ChannelParameters("u", "", false, -1, -1, 256, false, -1);
  private static final ChannelParameters NO_RETRANSMITS = new ChannelParameters("r0", "", true, 0, -1, 256, false, -1);
  private static final ChannelParameters LIFETIME = new ChannelParameters("lt", "", true, -1, 100, 256, false, -1);

  /** Sends {@code n} numbered messages of {@code size} bytes from A on {@code id}. */
  private static void sendNumbered(World w, int id, int n, int size) {
    for (int i = 0; i < n; i++) {
      w.a.channels.send(w.a.now(), id, payload(i, size), true);
    }
    w.a.pump();
  }

  private static List<Integer> seqs(List<DataChannelEvent.Message> ms) {
    return ms.stream().map(m -> seqOf(m.data())).toList();
  }

  private static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(i);
    }
    return r;
  }

  /** Reliable ordered: every message arrives intact, in order, whatever the impairment. */
  private static void assertReliableOrdered(World w, int n, int size) {
    int id = w.open(ChannelParameters.reliable("r"));
    sendNumbered(w, id, n, size);
    assertThat(w.runUntil(() -> w.b.messages().size() >= n, Duration.ofSeconds(300)))
        .as("%d of %d delivered; %s", w.b.messages().size(), n, w.a.sctp.stats()).isTrue();
    w.net.advance(Duration.ofSeconds(2)); // late duplicates must not show up as extra messages
    List<DataChannelEvent.Message> got = w.b.messages();
    assertThat(seqs(got)).containsExactlyElementsOf(range(n));
    assertThat(got).allMatch(m -> intact(m.data(), size) && m.id() == id && m.binary());
  }

  @ParameterizedTest(name = "{0}% random loss")
  @ValueSource(ints = {0, 1, 5, 20})
  @DisplayName("reliable ordered channel: every message intact and in order under random loss")
  void reliableOrderedUnderRandomLoss(int percent) {
    World w = new World(100 + percent).impair(l -> l.loss(Loss.random(percent / 100.0)));
    assertReliableOrdered(w, 300, 3000);
  }

  @Test
  @DisplayName("reliable ordered channel under Gilbert-Elliott burst loss")
  void reliableOrderedUnderBurstLoss() {
    World w = new World(7).impair(l -> l.loss(Loss.gilbertElliott(0.05, 0.3)));
    assertReliableOrdered(w, 300, 3000);
  }

  @Test
  @DisplayName("reliable ordered channel under jitter, reordering and duplication (with 5% loss)")
  void reliableOrderedUnderReorderingAndDuplication() {
    World w = new World(8).impair(l -> l.jitter(Duration.ofMillis(15)).reorder(0.1, Duration.ofMillis(40))
        .duplicate(0.1).loss(Loss.random(0.05)));
    assertReliableOrdered(w, 300, 3000);
    assertThat(w.net.count(SimPacket.Fate.DUPLICATED)).isPositive();
  }

  @ParameterizedTest(name = "{0}% random loss")
  @ValueSource(ints = {5, 20})
  @DisplayName("unordered channel: every message delivered exactly once, intact")
  void unorderedDeliversEverything(int percent) {
    World w = new World(200 + percent).impair(l -> l.loss(Loss.random(percent / 100.0)).jitter(Duration.ofMillis(20))
        .duplicate(0.05));
    int id = w.open(UNORDERED);
    int n = 300;
    sendNumbered(w, id, n, 2000);
    assertThat(w.runUntil(() -> w.b.messages().size() >= n, Duration.ofSeconds(300))).isTrue();
    w.net.advance(Duration.ofSeconds(2));
    List<DataChannelEvent.Message> got = w.b.messages();
    assertThat(seqs(got)).containsExactlyInAnyOrderElementsOf(range(n));
    assertThat(got).allMatch(m -> intact(m.data(), 2000));
  }

  /**
   * A partially reliable channel may drop messages, but what arrives is intact, in order (the
   * channels are ordered), never twice, and the channel never stalls: messages sent later at a
   * steady pace, on a clean link, all arrive (RFC 3758 FORWARD-TSN moves the peer past the abandoned ones).
   */
  private static void assertPartialReliabilityNeverStalls(World w, ChannelParameters p) {
    int id = w.open(p);
    int n = 300;
    sendNumbered(w, id, n, 2000);
    w.runUntil(() -> false, Duration.ofSeconds(30));
    int lossy = w.b.messages().size();
    assertThat(lossy).as("some of %d arrive", n).isPositive().isLessThanOrEqualTo(n);
    w.linkB.loss(Loss.none());
    // Paced, so that a 100 ms lifetime is enough on a clean link (a burst would expire in the queue).
    for (int i = n; i < n + 50; i++) {
      w.a.channels.send(w.a.now(), id, payload(i, 2000), true);
      w.a.pump();
      w.net.advance(Duration.ofMillis(50));
    }
    assertThat(w.runUntil(() -> w.b.messages().stream().filter(m -> seqOf(m.data()) >= n).count() == 50,
        Duration.ofSeconds(30))).as("later messages arrive; %d before, %s", lossy, w.a.sctp.stats()).isTrue();
    List<Integer> got = seqs(w.b.messages());
    assertThat(got).isSorted().doesNotHaveDuplicates().containsAll(range(n + 50).subList(n, n + 50));
    assertThat(w.b.messages()).allMatch(m -> intact(m.data(), 2000));
  }

  @Test
  @DisplayName("maxRetransmits 0 under 20% loss: drops as allowed, never stalls")
  void maxRetransmitsZeroNeverStalls() {
    World w = new World(31).impair(l -> l.loss(Loss.random(0.2)));
    assertPartialReliabilityNeverStalls(w, NO_RETRANSMITS);
    assertThat(w.b.messages().size()).as("with 20% loss and no retransmission some messages are lost")
        .isLessThan(350);
  }

  @Test
  @DisplayName("maxPacketLifeTime 100 ms under 20% loss: drops as allowed, never stalls")
  void maxPacketLifeTimeNeverStalls() {
    World w = new World(32).impair(l -> l.loss(Loss.random(0.2)));
    assertPartialReliabilityNeverStalls(w, LIFETIME);
  }

  @Test
  @DisplayName("a 4 MiB message is fragmented and reassembled intact under 5% loss")
  void fourMebibyteMessage() {
    int size = 4 << 20;
    World w = new World(41, SctpConfig.defaults().withLargeMessages(size + 1024, size + 1024))
        .impair(l -> l.loss(Loss.random(0.05)));
    int id = w.open(ChannelParameters.reliable("big"));
    w.a.channels.send(w.a.now(), id, payload(7, size), true);
    w.a.pump();
    assertThat(w.runUntil(() -> w.b.messages().size() == 1, Duration.ofSeconds(600)))
        .as("%s", w.a.sctp.stats()).isTrue();
    byte[] got = w.b.messages().get(0).data();
    assertThat(seqOf(got)).isEqualTo(7);
    assertThat(intact(got, size)).isTrue();
  }

  @Test
  @DisplayName("closing a channel under 20% loss: everything sent before close arrives, both sides close")
  void closeUnderLoss() {
    World w = new World(51).impair(l -> l.loss(Loss.random(0.2)));
    int id = w.open(ChannelParameters.reliable("c"));
    int n = 50;
    sendNumbered(w, id, n, 1500);
    w.a.channels.close(w.a.now(), id);
    w.a.pump();
    assertThat(w.runUntil(() -> w.a.state(id) == null && w.b.state(id) == null, Duration.ofSeconds(120)))
        .as("A %s, B %s", w.a.state(id), w.b.state(id)).isTrue();
    assertThat(seqs(w.b.messages())).containsExactlyElementsOf(range(n));
    assertThat(w.a.events).contains(new DataChannelEvent.ChannelClosed(id, false));
    assertThat(w.b.events).contains(new DataChannelEvent.ChannelClosing(id), new DataChannelEvent.ChannelClosed(id, false));
    assertThat(w.a.sctpEstablished() && w.b.sctpEstablished()).as("the association outlives the channel").isTrue();
  }

  @Test
  @DisplayName("messages both ways on a negotiated channel under Gilbert-Elliott loss")
  void negotiatedBothWays() {
    World w = new World(61).impair(l -> l.loss(Loss.gilbertElliott(0.02, 0.25)));
    int id = w.open(new ChannelParameters("n", "", true, -1, -1, 256, true, 3));
    for (int i = 0; i < 100; i++) {
      w.a.channels.send(w.a.now(), id, payload(i, 1000), true);
      w.b.channels.send(w.b.now(), id, payload(i, 700), false);
    }
    w.a.pump();
    w.b.pump();
    assertThat(w.runUntil(() -> w.b.messages().size() == 100 && w.a.messages().size() == 100,
        Duration.ofSeconds(120))).isTrue();
    assertThat(seqs(w.b.messages())).containsExactlyElementsOf(range(100));
    assertThat(seqs(w.a.messages())).containsExactlyElementsOf(range(100));
    assertThat(w.a.messages()).allMatch(m -> intact(m.data(), 700) && !m.binary());
  }

  @Test
  @DisplayName("same seed, same trace: virtual completion time is reproducible")
  void deterministic() {
    long[] t = new long[2];
    for (int run = 0; run < 2; run++) {
      World w = new World(77).impair(l -> l.loss(Loss.random(0.05)).jitter(Duration.ofMillis(5)));
      int id = w.open(ChannelParameters.reliable("d"));
      sendNumbered(w, id, 100, 4000);
      assertThat(w.runUntil(() -> w.b.messages().size() == 100, Duration.ofSeconds(120))).isTrue();
      t[run] = w.net.scheduler().nowNanos();
    }
    assertThat(t[0]).isEqualTo(t[1]);
  }
}
