package dev.jrtc.bench;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.datachannel.ChannelParameters;
import dev.jrtc.dtls.DtlsCertificate;
import dev.jrtc.dtls.DtlsRole;
import dev.jrtc.internal.net.NetworkSettings;
import dev.jrtc.internal.transport.PeerTransport;
import dev.jrtc.internal.transport.RemoteParameters;
import dev.jrtc.internal.transport.TransportEvent;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * {@code ./jrtc bench datachannel}: two {@link PeerTransport}s (ICE + DTLS + SCTP + DCEP) in one
 * process over real UDP on 127.0.0.1, against the same machine's raw UDP ceiling in the same run
 * (issue 5, "Measured, not asserted").
 *
 * <ul>
 *   <li>{@code setup_ms}: from building two transports (certificates made beforehand, as an
 *       application that reuses its {@code RTCCertificate}) to the channel open on both sides:
 *       the first run and the median of the warm runs.</li>
 *   <li>{@code dc_mbps}: one reliable ordered channel, 64 KiB messages sent while
 *       {@code bufferedAmount} is under 1 MiB (refilled on {@code bufferedamountlow} at 512 KiB),
 *       MB/s (10^6) at the receiver, first to last byte.</li>
 *   <li>{@code rtt_us}: 100-byte message echoed by the peer, one at a time: median and p99.</li>
 *   <li>{@code cpu_s_per_gb}: process CPU seconds (all threads) per 10^9 bytes transferred; on a
 *       shared machine the steadiest throughput figure, since it does not count time spent
 *       waiting for a core. The bulk phase also prints CPU per thread group and the sender's
 *       SCTP retransmissions ({@code bulk_fast_retransmits}, {@code bulk_t3_rtx}) beside the
 *       host's UDP receive-buffer drops, which are their usual cause on loopback.</li>
 *   <li>{@code heap_kb_per_pair}: used heap after GC with N pairs connected (one open channel
 *       each), minus before, per pair.</li>
 *   <li>{@code udp_mbps}, {@code udp_rtt_us}: two plain {@link DatagramChannel}s, 1,200-byte
 *       datagrams as fast as one thread sends them (MB/s received), and a 100-byte ping-pong.</li>
 * </ul>
 * Options: {@code --quick}, {@code --runs N}, {@code --mib N} (bulk size), {@code --pairs N}.
 */
final class DataChannelBench implements BenchMain.Bench {
  private static final long WAIT_SECONDS = 60;
  private static final int CHUNK = 64 * 1024;
  private static final long HIGH_MARK = 1 << 20;
  private static final Clock CLOCK = Clock.system();

  @Override
  public String description() {
    return "data channels over ICE+DTLS+SCTP on 127.0.0.1: setup, throughput, round trip, CPU, heap vs raw UDP";
  }

  @Override
  public Map<String, Object> run(List<String> args, PrintStream out) throws Exception {
    boolean quick = args.contains("--quick");
    int runs = intArg(args, "--runs", quick ? 10 : 30);
    int mib = intArg(args, "--mib", quick ? 128 : 512);
    int pairs = intArg(args, "--pairs", quick ? 20 : 100);
    int rtts = quick ? 2000 : 5000;
    Map<String, Object> figures = new LinkedHashMap<>();
    long dayMillis = 86_400_000L;
    long wall = CLOCK.wallMillis();
    DtlsCertificate certA = DtlsCertificate.generateEcdsaP256(Entropy.secure(), wall - dayMillis, wall + dayMillis);
    DtlsCertificate certB = DtlsCertificate.generateEcdsaP256(Entropy.secure(), wall - dayMillis, wall + dayMillis);

    // Setup time.
    double[] setup = new double[runs];
    double[][] phases = new double[4][runs];
    for (int i = 0; i < runs; i++) {
      long t0 = CLOCK.monotonicNanos();
      Pair p = Pair.connect(certA, certB);
      long t1 = CLOCK.monotonicNanos();
      setup[i] = (t1 - t0) / 1e6;
      phases[0][i] = (p.a.iceAt - t0) / 1e6;
      phases[1][i] = (p.a.dtlsAt - p.a.iceAt) / 1e6;
      phases[2][i] = (p.a.sctpAt - p.a.dtlsAt) / 1e6;
      phases[3][i] = (t1 - p.a.sctpAt) / 1e6;
      if (phases[1][i] > 500) {
        out.printf(Locale.ROOT, "  run %d: DTLS took %.0f ms (a flight retransmitted after BC's 1 s timer?); "
            + "dropped before DTLS: a %d, b %d%n", i, phases[1][i], p.a.transport.unknownPacketsDropped(),
            p.b.transport.unknownPacketsDropped());
      }
      p.close();
    }
    double[] phaseMedians = new double[4];
    for (int k = 0; k < 4; k++) {
      double[] w = Arrays.copyOfRange(phases[k], Math.min(1, runs - 1), runs);
      Arrays.sort(w);
      phaseMedians[k] = w[w.length / 2];
    }
    double setupFirst = setup[0];
    double[] warm = Arrays.copyOfRange(setup, Math.min(1, runs - 1), runs);
    Arrays.sort(warm);
    double setupWarm = warm[warm.length / 2];

    // Throughput, CPU, round trip on one pair.
    Pair p = Pair.connect(certA, certB);
    bulk(p, 16L << 20); // warm-up
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = processCpuNanos(os);
    IceThreadCpu threads0 = IceThreadCpu.snapshot();
    long rcvbufErrors0 = udpRcvbufErrors();
    dev.jrtc.sctp.SctpStats sctp0 = p.a.call(p.a.transport::sctpStats);
    long[] bulk = bulk(p, (long) mib << 20);
    double cpuSeconds = (processCpuNanos(os) - cpu0) / 1e9;
    Map<String, Double> bulkThreads = IceThreadCpu.since(threads0);
    long rcvbufErrors = rcvbufErrors0 < 0 ? -1 : udpRcvbufErrors() - rcvbufErrors0;
    dev.jrtc.sctp.SctpStats sctp1 = p.a.call(p.a.transport::sctpStats);
    double dcMbps = bulk[0] / 1e6 / (bulk[1] / 1e9);
    double cpuPerGb = cpu0 < 0 ? Double.NaN : cpuSeconds / (bulk[0] / 1e9);
    roundTrips(p, rtts / 4);
    long[] rtt = roundTrips(p, rtts);
    p.close();

    // Heap per connected pair.
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long heap0 = usedHeapAfterGc(mem);
    List<Pair> many = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      many.add(Pair.connect(certA, certB));
    }
    long heap1 = usedHeapAfterGc(mem);
    for (Pair x : many) {
      x.close();
    }
    double heapKbPerPair = (heap1 - heap0) / 1024.0 / pairs;

    // Raw UDP ceiling.
    double udpMbps = rawUdpThroughput(quick ? 2 : 4);
    long[] udpRtt = udpPingPong(rtts / 4);
    udpRtt = udpPingPong(rtts);

    double rttMedian = percentile(rtt, 0.5) / 1e3;
    double rttP99 = percentile(rtt, 0.99) / 1e3;
    double udpRttMedian = percentile(udpRtt, 0.5) / 1e3;
    double udpRttP99 = percentile(udpRtt, 0.99) / 1e3;
    out.println("data channel vs raw UDP on 127.0.0.1 (one process)");
    out.printf(Locale.ROOT, "  %-26s %12s %12s %10s%n", "", "datachannel", "raw UDP", "dc/udp");
    out.printf(Locale.ROOT, "  %-26s %12.1f %12.1f %9.0f%%   (target >= 60%%)%n", "throughput MB/s", dcMbps, udpMbps,
        100 * dcMbps / udpMbps);
    out.printf(Locale.ROOT, "  %-26s %12.1f %12.1f %10.2f   (target <= 2x)%n", "round trip median us", rttMedian,
        udpRttMedian, rttMedian / udpRttMedian);
    out.printf(Locale.ROOT, "  %-26s %12.1f %12.1f %10.2f%n", "round trip p99 us", rttP99, udpRttP99,
        rttP99 / udpRttP99);
    out.printf(Locale.ROOT, "  setup: first %.1f ms, warm median %.1f ms over %d runs (target < 10 ms)%n", setupFirst,
        setupWarm, runs - 1);
    out.printf(Locale.ROOT, "  setup phases (warm medians, offerer's view): build+gather+ICE connected %.1f ms, "
        + "DTLS %.1f ms, SCTP %.1f ms, channel open on both %.1f ms%n", phaseMedians[0], phaseMedians[1],
        phaseMedians[2], phaseMedians[3]);
    out.printf(Locale.ROOT, "  bulk: %d MiB in %.2f s; CPU %.2f s/GB (process, all threads)%n", mib, bulk[1] / 1e9,
        cpuPerGb);
    out.printf(Locale.ROOT, "  bulk threads (cores): %s%n", IceThreadCpu.format(bulkThreads));
    out.printf(Locale.ROOT, "  bulk sender SCTP: %d packets, %d fast retransmits, %d T3-rtx, cwnd %d B at the end;"
        + " UDP receive-buffer drops (host-wide) %d%n", sctp1.packetsSent() - sctp0.packetsSent(),
        sctp1.fastRetransmits() - sctp0.fastRetransmits(), sctp1.t3Expirations() - sctp0.t3Expirations(),
        sctp1.congestionWindow(), rcvbufErrors);
    out.printf(Locale.ROOT, "  heap: %.1f KiB per connected pair (%d pairs)%n", heapKbPerPair, pairs);
    // The same transfer over the virtual network (SCTP over ICE on jrtc-testkit's SimNet, 40 ms
    // RTT, virtual time; DTLS is not in that loop): 5 % random loss on the path.
    Map<String, Object> sim = SimTransfer.run(0.05, quick ? 4 : 16, 1);
    out.printf(Locale.ROOT, "  virtual network, 5%% loss, 40 ms RTT: %s MiB in %s virtual s = %s MB/s"
        + " (%s retransmissions)%n", quick ? 4 : 16, sim.get("virtual_seconds"), sim.get("virtual_mbps"),
        sim.get("retransmissions"));
    figures.put("sim_loss5_virtual_mbps", sim.get("virtual_mbps"));
    figures.put("sim_loss5_virtual_s", sim.get("virtual_seconds"));
    figures.put("setup_ms", round(setupWarm));
    figures.put("setup_first_ms", round(setupFirst));
    figures.put("setup_ice_ms", round(phaseMedians[0]));
    figures.put("setup_dtls_ms", round(phaseMedians[1]));
    figures.put("setup_sctp_ms", round(phaseMedians[2]));
    figures.put("dc_mbps", round(dcMbps));
    figures.put("rtt_us", round(rttMedian));
    figures.put("rtt_p99_us", round(rttP99));
    figures.put("cpu_s_per_gb", round(cpuPerGb));
    figures.put("heap_kb_per_pair", round(heapKbPerPair));
    figures.put("bulk_fast_retransmits", sctp1.fastRetransmits() - sctp0.fastRetransmits());
    figures.put("bulk_t3_rtx", sctp1.t3Expirations() - sctp0.t3Expirations());
    figures.put("udp_mbps", round(udpMbps));
    figures.put("udp_rtt_us", round(udpRttMedian));
    figures.put("udp_rtt_p99_us", round(udpRttP99));
    figures.put("dc_udp_throughput_ratio", round(dcMbps / udpMbps));
    figures.put("dc_udp_rtt_ratio", round(rttMedian / udpRttMedian));
    return figures;
  }

  /** Sends {@code total} bytes; returns {bytes, receiver nanos from first to last byte}. */
  private static long[] bulk(Pair p, long total) throws Exception {
    long[] first = {-1};
    long[] received = {0};
    CompletableFuture<Long> done = new CompletableFuture<>();
    p.b.hook = e -> {
      if (e instanceof TransportEvent.Message) {
        long now = CLOCK.monotonicNanos();
        if (first[0] < 0) {
          first[0] = now;
        }
        received[0] += ((TransportEvent.Message) e).data().length;
        if (received[0] >= total) {
          done.complete(now - first[0]);
        }
        return true;
      }
      return false;
    };
    byte[] chunk = new byte[CHUNK];
    Entropy.seeded(1).nextBytes(chunk);
    long[] offered = {0};
    int id = p.channel;
    Runnable pump = () -> {
      while (offered[0] < total && p.a.transport.bufferedAmount(id) < HIGH_MARK) {
        int n = (int) Math.min(CHUNK, total - offered[0]);
        p.a.transport.send(id, n == CHUNK ? chunk : Arrays.copyOf(chunk, n), true);
        offered[0] += n;
      }
    };
    p.a.hook = e -> {
      if (e instanceof TransportEvent.BufferedAmountLow) {
        pump.run();
        return true;
      }
      return false;
    };
    p.a.loop.execute(() -> {
      p.a.transport.setBufferedAmountLowThreshold(id, HIGH_MARK / 2);
      pump.run();
    });
    long nanos = done.get(WAIT_SECONDS * 5, TimeUnit.SECONDS);
    return new long[] {received[0], Math.max(1, nanos)};
  }

  /** {@code n} sequential 100-byte round trips; returns each one's nanos. */
  private static long[] roundTrips(Pair p, int n) throws Exception {
    long[] rtt = new long[n];
    int id = p.channel;
    byte[] msg = new byte[100];
    CompletableFuture<Void> done = new CompletableFuture<>();
    int[] i = {0};
    long[] sentAt = {0};
    p.b.hook = e -> {
      if (e instanceof TransportEvent.Message) {
        TransportEvent.Message m = (TransportEvent.Message) e;
        p.b.transport.send(m.streamId(), m.data(), true);
        return true;
      }
      return false;
    };
    p.a.hook = e -> {
      if (e instanceof TransportEvent.Message) {
        rtt[i[0]++] = CLOCK.monotonicNanos() - sentAt[0];
        if (i[0] == n) {
          done.complete(null);
        } else {
          sentAt[0] = CLOCK.monotonicNanos();
          p.a.transport.send(id, msg, true);
        }
        return true;
      }
      return false;
    };
    p.a.loop.execute(() -> {
      sentAt[0] = CLOCK.monotonicNanos();
      p.a.transport.send(id, msg, true);
    });
    done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    return rtt;
  }

  private static double rawUdpThroughput(int seconds) throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramChannel rx = DatagramChannel.open(); DatagramChannel tx = DatagramChannel.open()) {
      rx.bind(new InetSocketAddress(lo, 0));
      tx.bind(new InetSocketAddress(lo, 0));
      rx.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
      InetSocketAddress to = (InetSocketAddress) rx.getLocalAddress();
      AtomicLong bytes = new AtomicLong();
      long[] span = {-1, -1};
      Thread reader = new Thread(() -> {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        try {
          while (true) {
            buf.clear();
            rx.receive(buf);
            if (buf.position() == 1) {
              return; // end marker
            }
            long now = CLOCK.monotonicNanos();
            if (span[0] < 0) {
              span[0] = now;
            }
            span[1] = now;
            bytes.addAndGet(buf.position());
          }
        } catch (java.io.IOException e) {
          // closed
        }
      }, "udp-bench-rx");
      reader.start();
      ByteBuffer d = ByteBuffer.allocateDirect(1200);
      long end = CLOCK.monotonicNanos() + TimeUnit.SECONDS.toNanos(seconds);
      while (CLOCK.monotonicNanos() < end) {
        for (int k = 0; k < 64; k++) {
          d.clear();
          tx.send(d, to);
        }
      }
      for (int k = 0; k < 100 && reader.isAlive(); k++) {
        tx.send(ByteBuffer.wrap(new byte[1]), to);
        reader.join(10);
      }
      return bytes.get() / 1e6 / (Math.max(1, span[1] - span[0]) / 1e9);
    }
  }

  private static long[] udpPingPong(int n) throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
      a.bind(new InetSocketAddress(lo, 0));
      b.bind(new InetSocketAddress(lo, 0));
      InetSocketAddress toB = (InetSocketAddress) b.getLocalAddress();
      Thread echo = new Thread(() -> {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        try {
          for (int k = 0; k < n; k++) {
            buf.clear();
            java.net.SocketAddress from = b.receive(buf);
            buf.flip();
            b.send(buf, from);
          }
        } catch (java.io.IOException e) {
          // closed
        }
      }, "udp-bench-echo");
      echo.start();
      long[] rtt = new long[n];
      ByteBuffer out = ByteBuffer.allocateDirect(100);
      ByteBuffer in = ByteBuffer.allocateDirect(2048);
      for (int k = 0; k < n; k++) {
        out.clear();
        long t0 = CLOCK.monotonicNanos();
        a.send(out, toB);
        in.clear();
        a.receive(in);
        rtt[k] = CLOCK.monotonicNanos() - t0;
      }
      echo.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      return rtt;
    }
  }

  // ------------------------------------------------------------------ helpers

  private static long processCpuNanos(OperatingSystemMXBean os) {
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }

  /**
   * Linux's host-wide count of UDP datagrams dropped because a socket's receive buffer was full
   * ({@code RcvbufErrors} in {@code /proc/net/snmp}), or -1 elsewhere. Other processes add to it.
   */
  private static long udpRcvbufErrors() {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp"));
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
          List<String> names = Arrays.asList(lines.get(i).trim().split("\\s+"));
          String[] values = lines.get(i + 1).trim().split("\\s+");
          int k = names.indexOf("RcvbufErrors");
          return k < 0 || k >= values.length ? -1 : Long.parseLong(values[k]);
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux, or not readable: no figure
    }
    return -1;
  }

  private static long usedHeapAfterGc(MemoryMXBean mem) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return mem.getHeapMemoryUsage().getUsed();
  }

  private static double percentile(long[] values, double q) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.floor(q * (s.length - 1)))];
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static int intArg(List<String> args, String name, int dflt) {
    int i = args.indexOf(name);
    if (i < 0) {
      return dflt;
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    int v = Integer.parseInt(args.get(i + 1));
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
    return v;
  }

  /** One transport on its own loop thread, recording events its hook does not consume. */
  static final class Peer {
    final ExecutorService loop;
    final PeerTransport transport;
    final LinkedBlockingQueue<TransportEvent> events = new LinkedBlockingQueue<>();
    volatile Predicate<TransportEvent> hook = e -> false;
    volatile Peer peer;
    /** When ICE, DTLS and SCTP reached connected (monotonic nanos), for the setup breakdown. */
    volatile long iceAt;
    volatile long dtlsAt;
    volatile long sctpAt;

    Peer(String name, DtlsCertificate certificate) {
      loop = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dc-bench-" + name);
        t.setDaemon(true);
        return t;
      });
      transport = PeerTransport.builder().loop(loop).certificate(certificate).logId(name)
          .network(NetworkSettings.loopbackOnly()).listener(this::onEvent).build();
    }

    private void onEvent(TransportEvent e) {
      if (e instanceof TransportEvent.IceStateChanged && iceAt == 0
          && ((TransportEvent.IceStateChanged) e).state() == dev.jrtc.ice.IceTransportState.CONNECTED) {
        iceAt = CLOCK.monotonicNanos();
      } else if (e instanceof TransportEvent.DtlsStateChanged
          && ((TransportEvent.DtlsStateChanged) e).state() == dev.jrtc.dtls.DtlsState.CONNECTED) {
        dtlsAt = CLOCK.monotonicNanos();
      } else if (e instanceof TransportEvent.SctpStateChanged
          && ((TransportEvent.SctpStateChanged) e).state() == dev.jrtc.internal.transport.SctpTransportState.CONNECTED) {
        sctpAt = CLOCK.monotonicNanos();
      }
      Peer p = peer;
      if (p != null && e instanceof TransportEvent.LocalCandidate) {
        p.loop.execute(() -> p.transport.addRemoteCandidate(((TransportEvent.LocalCandidate) e).candidate()));
      } else if (p != null && e instanceof TransportEvent.GatheringComplete) {
        p.loop.execute(p.transport::endOfRemoteCandidates);
      }
      if (!hook.test(e)) {
        events.add(e);
      }
    }

    <T> T call(java.util.concurrent.Callable<T> step) throws Exception {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return step.call();
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      }, loop).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    <T extends TransportEvent> T await(Class<T> type) throws InterruptedException {
      long deadline = CLOCK.monotonicNanos() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (true) {
        TransportEvent e = events.poll(Math.max(0, deadline - CLOCK.monotonicNanos()), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new IllegalStateException("no " + type.getSimpleName() + " within " + WAIT_SECONDS + " s");
        }
        if (e instanceof TransportEvent.DtlsStateChanged && ((TransportEvent.DtlsStateChanged) e).failure() != null) {
          throw new IllegalStateException("DTLS failed: " + ((TransportEvent.DtlsStateChanged) e).failure());
        }
        if (type.isInstance(e)) {
          return type.cast(e);
        }
      }
    }

    void close() throws Exception {
      CompletableFuture<Void> closed = call(() -> transport.close());
      closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
      loop.shutdown();
      loop.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Two connected transports with one open reliable ordered channel. */
  static final class Pair {
    final Peer a;
    final Peer b;
    final int channel;

    private Pair(Peer a, Peer b, int channel) {
      this.a = a;
      this.b = b;
      this.channel = channel;
    }

    static Pair connect(DtlsCertificate certA, DtlsCertificate certB) throws Exception {
      Peer a = new Peer("a", certA);
      Peer b = new Peer("b", certB);
      a.peer = b;
      b.peer = a;
      a.call(() -> a.transport.open(ChannelParameters.reliable("bench")));
      a.call(a.transport::gather).get(WAIT_SECONDS, TimeUnit.SECONDS);
      RemoteParameters toB = new RemoteParameters(a.transport.localIceCredentials().ufrag(),
          a.transport.localIceCredentials().pwd(), false, List.of(a.transport.localFingerprint()), false,
          DtlsRole.SERVER, PeerTransport.DEFAULT_SCTP_PORT, PeerTransport.DEFAULT_MAX_MESSAGE_SIZE);
      b.call(() -> b.transport.setRemoteParameters(toB)).get(WAIT_SECONDS, TimeUnit.SECONDS);
      b.call(b.transport::gather).get(WAIT_SECONDS, TimeUnit.SECONDS);
      RemoteParameters toA = new RemoteParameters(b.transport.localIceCredentials().ufrag(),
          b.transport.localIceCredentials().pwd(), false, List.of(b.transport.localFingerprint()), true,
          DtlsRole.CLIENT, PeerTransport.DEFAULT_SCTP_PORT, PeerTransport.DEFAULT_MAX_MESSAGE_SIZE);
      a.call(() -> a.transport.setRemoteParameters(toA)).get(WAIT_SECONDS, TimeUnit.SECONDS);
      int id = a.await(TransportEvent.ChannelOpened.class).streamId();
      b.await(TransportEvent.ChannelOpened.class);
      a.events.clear();
      b.events.clear();
      return new Pair(a, b, id);
    }

    void close() throws Exception {
      a.close();
      b.close();
    }
  }
}
