package dev.jrtc.dtls;

import dev.jrtc.common.Entropy;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS 1.2 connection for WebRTC (RFC 8827 §6.5, RFC 8842, RFC 5764) on Bouncy Castle's
 * {@code bctls}, with a sans-IO face: datagrams in through {@link #handleDatagram}, datagrams out
 * through {@link #pollTransmit()}, results through {@link #pollEvent()}.
 *
 * <h2>Threads</h2>
 * Bouncy Castle's handshake is blocking: {@code DTLSClientProtocol.connect} and
 * {@code DTLSServerProtocol.accept} pull datagrams with {@code DatagramTransport.receive(...,
 * waitMillis)} and time their retransmissions (RFC 6347 §4.2.4) with the wall clock. So:
 * <ul>
 *   <li><b>During the handshake</b> one thread of the {@code handshakeExecutor} given to
 *   {@link #create} is occupied by this endpoint, parked on a queue of inbound datagrams (a
 *   client from {@link #start}, a server from the arrival of the first datagram). Share one small
 *   bounded pool ({@link #newHandshakeExecutor(int)}) among all endpoints: with N threads at most
 *   N handshakes progress at once and the others wait in the pool's queue (their inbound
 *   datagrams wait here). A handshake holds its thread for at most the configured
 *   {@link DtlsConfig#handshakeTimeoutMillis()}. Caveat: when both ends of a connection live in
 *   the same JVM and share the pool, each connecting pair needs two threads at once; if clients
 *   fill the pool, their servers cannot run and those handshakes stall until they time out. The
 *   executor must not run tasks on the caller's thread (no direct executor): the task blocks. Whenever the handshake thread produces a
 *   datagram or finishes, it calls the {@code wakeup} callback; the owner then calls
 *   {@link #pollTransmit()} and {@link #pollEvent()} on its own thread.</li>
 *   <li><b>After the handshake</b> no thread is held: records are decrypted inside
 *   {@link #handleDatagram} and encrypted inside {@link #send}, on the caller's thread. BC's
 *   {@code DTLSTransport.receive} is driven with a transport that throws rather than waits when
 *   it runs dry (see {@code QueueDatagramTransport}), so nothing parks or spins. This is what
 *   Jitsi Videobridge does too (it calls {@code receive} per inbound packet), except that Jitsi
 *   waits up to 1 ms in {@code receive} where this endpoint never waits.</li>
 * </ul>
 *
 * <p>Not thread-safe: the public methods must be called by one thread at a time (the
 * connection's serial executor). Only {@code wakeup} is called from a pool thread.
 *
 * <p>Time: the {@code nowNanos} arguments keep the sans-IO signature that a future DTLS
 * implementation with injected time will honour (STYLE.md S7 (b)); Bouncy Castle reads
 * {@code System.currentTimeMillis()} itself, so handshake retransmission (1 s, doubling) and the
 * handshake timeout run on wall time.
 *
 * <p>Crypto: {@code JcaTlsCrypto} over the JDK's providers (records use the JDK's AES-GCM),
 * except X25519 and P-256 ECDSA, which run on Bouncy Castle's lightweight code because the
 * JDK 17 provider takes two to four times as long on the handshake's critical path
 * ({@code RecordCrypto}, {@code P256}); Bouncy Castle is never registered as a JCA provider.
 *
 * <p>Flights: Bouncy Castle writes one record per handshake message; the records of a flight
 * are packed into as few datagrams as the MTU allows (RFC 6347 §4.1.1) and leave together.
 */
public final class DtlsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.dtls");

  private final DtlsRole role;
  private final DtlsConfig config;
  private final Executor handshakeExecutor;
  private final Runnable wakeup;
  private final JcaTlsCrypto crypto;
  private final HandshakeSession session;
  private final Queue<byte[]> transmits = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<DtlsEvent> events = new ArrayDeque<>();
  private final QueueDatagramTransport transport;

  // Published by the handshake thread (volatile write last), read by the owner's thread.
  private volatile DTLSTransport handshakeResult;
  private volatile Throwable handshakeError;

  // Owned by the caller's thread.
  private DtlsState state = DtlsState.NEW;
  private boolean handshakeSubmitted;
  private DTLSTransport dtls;
  private byte[] receiveBuffer;
  private long droppedDatagrams;

  private DtlsEndpoint(DtlsRole role, DtlsConfig config, Entropy entropy, Executor handshakeExecutor,
      Runnable wakeup) {
    this.role = role;
    this.config = config;
    this.handshakeExecutor = handshakeExecutor;
    this.wakeup = wakeup;
    // No setProvider(): the JDK's providers do the crypto (ARCHITECTURE.md, record protection).
    this.crypto = RecordCrypto.create(entropy.asSecureRandom());
    this.session = new HandshakeSession(new LocalCredentials(crypto, config.certificate()), config, LOG);
    this.transport = new QueueDatagramTransport(transmits, config.mtu(), wakeup);
  }

  /**
   * Creates an endpoint; nothing is sent before {@link #start(long)}.
   *
   * @param role client ({@code a=setup:active}) or server ({@code a=setup:passive})
   * @param config certificate, expected fingerprints, SRTP profiles, MTU, timeout
   * @param entropy randomness for the handshake (randoms, ECDHE keys, signatures)
   * @param handshakeExecutor a small bounded pool shared by all endpoints; one of its threads is
   *     held for the duration of this endpoint's handshake
   * @param wakeup called from the handshake thread when datagrams or an outcome are ready; it
   *     should schedule a drain ({@link #pollTransmit()}, {@link #pollEvent()}) on the owner's
   *     thread and return at once
   */
  public static DtlsEndpoint create(DtlsRole role, DtlsConfig config, Entropy entropy,
      Executor handshakeExecutor, Runnable wakeup) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(entropy, "entropy");
    Objects.requireNonNull(handshakeExecutor, "handshakeExecutor");
    Objects.requireNonNull(wakeup, "wakeup");
    return new DtlsEndpoint(role, config, entropy, handshakeExecutor, wakeup);
  }

  /**
   * A bounded pool of daemon threads for handshakes, to share among endpoints. A handful of
   * threads is enough: a thread is busy only while a handshake waits for the peer's next flight.
   */
  public static ExecutorService newHandshakeExecutor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "jrtc-dtls-handshake-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return Executors.newFixedThreadPool(threads, factory);
  }

  /** This endpoint's role. */
  public DtlsRole role() {
    return role;
  }

  /** The current state (W3C {@code RTCDtlsTransportState}). */
  public DtlsState state() {
    return state;
  }

  /**
   * Inbound datagrams dropped before Bouncy Castle saw them: too large, not a well-formed
   * sequence of DTLS records ({@code DtlsRecordScreen}), or the inbound queue was full.
   * Records that BC itself discards (bad MAC, replay, stale epoch) are not counted.
   */
  public long droppedDatagrams() {
    return droppedDatagrams;
  }

  /**
   * Starts the handshake: a client sends its ClientHello at once; a server waits for one and
   * occupies a handshake pool thread only from its arrival. Datagrams handled before this call
   * are kept for the handshake.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start(long nowNanos) {
    if (state != DtlsState.NEW) {
      throw new IllegalStateException("DTLS endpoint already started: " + state);
    }
    setState(DtlsState.CONNECTING);
    if (role == DtlsRole.CLIENT || transport.hasInbound()) {
      submitHandshake();
    }
    // A server takes a pool thread only once the first datagram (the ClientHello) is here, so
    // servers still waiting for their peer hold no thread.
  }

  private void submitHandshake() {
    handshakeSubmitted = true;
    try {
      handshakeExecutor.execute(this::runHandshake);
    } catch (RejectedExecutionException e) {
      fail(DtlsFailure.HANDSHAKE_FAILURE, "handshake executor rejected the task: " + e.getMessage(),
          OptionalInt.empty(), OptionalInt.empty());
    }
  }

  /** Runs on a handshake pool thread: the only code of this class that does. */
  private void runHandshake() {
    try {
      DTLSTransport result;
      if (role == DtlsRole.CLIENT) {
        result = new DTLSClientProtocol().connect(new DtlsClientPeer(crypto, session), transport);
      } else {
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        // No HelloVerifyRequest cookie round trip. RFC 6347 §4.2.1 wants cookies against
        // spoofed-source amplification; here the datagram path is an ICE pair whose address ICE
        // connectivity checks (RFC 8445 §7.2) have already proven, so the round trip buys nothing.
        protocol.setVerifyRequests(false);
        result = protocol.accept(new DtlsServerPeer(crypto, session), transport);
      }
      transport.flushFlight(); // the last flight (a server's Finished) was never followed by a read
      transport.setNonBlocking();
      handshakeResult = result;
    } catch (IOException | RuntimeException e) {
      transport.flushFlight(); // the fatal alert BC sent before it threw
      handshakeError = e;
    } finally {
      wakeup.run();
    }
  }

  /**
   * Sets (or replaces) the peer's expected {@code a=fingerprint} values. If the handshake has
   * already finished, the certificate is checked now: a match emits {@link DtlsEvent.Connected},
   * a mismatch {@link DtlsEvent.Failed} with {@link DtlsFailure#FINGERPRINT_MISMATCH}.
   */
  public void setRemoteFingerprints(List<CertificateFingerprint> fingerprints) {
    session.setExpectedFingerprints(fingerprints);
    pump();
  }

  /**
   * Feeds one datagram received from the peer (already demultiplexed as DTLS, RFC 7983 §7:
   * first byte 20..63). The array is not kept after the call (it is copied while the handshake
   * runs). After the handshake, records are decrypted here and their data queued as
   * {@link DtlsEvent.ApplicationData}.
   */
  public void handleDatagram(byte[] datagram, long nowNanos) {
    Objects.requireNonNull(datagram, "datagram");
    if (state == DtlsState.CLOSED || state == DtlsState.FAILED) {
      return;
    }
    if (datagram.length > QueueDatagramTransport.RECEIVE_LIMIT) {
      drop("size " + datagram.length);
      return;
    }
    if (!DtlsRecordScreen.acceptable(datagram)) {
      drop("not DTLS records");
      return;
    }
    if (state == DtlsState.CONNECTED) {
      // Records are decrypted right here (pump below), so the datagram needs neither a copy nor
      // the queue the handshake thread reads.
      if (!transport.offerDirect(datagram)) {
        drop("re-entered while decrypting");
        return;
      }
      pump();
      return;
    }
    if (!transport.offer(datagram.clone())) {
      drop("inbound queue full");
      return;
    }
    if (state == DtlsState.CONNECTING && !handshakeSubmitted) {
      submitHandshake();
    }
    pump();
  }

  private void drop(String why) {
    droppedDatagrams++;
    LOG.debug("{} dtls dropped inbound datagram: {}", config.logId(), why);
  }

  /** The next datagram to send to the peer, or null. */
  public byte[] pollTransmit() {
    pump();
    return transmits.poll();
  }

  /** The next event, or null. */
  public DtlsEvent pollEvent() {
    pump();
    return events.poll();
  }

  /**
   * The largest application message {@link #send} accepts (the MTU minus record overhead).
   *
   * @throws IllegalStateException if not connected
   */
  public int maxApplicationDataSize() {
    requireConnected();
    try {
      return dtls.getSendLimit();
    } catch (IOException e) {
      throw new IllegalStateException("DTLS transport unusable", e);
    }
  }

  /** Encrypts {@code data} into one record; the datagram is then available from {@link #pollTransmit()}. */
  public void send(byte[] data) {
    send(data, 0, data.length);
  }

  /**
   * Encrypts {@code len} bytes of {@code data} from {@code offset} into one record.
   *
   * @throws IllegalStateException if not connected
   * @throws IllegalArgumentException if longer than {@link #maxApplicationDataSize()}
   */
  public void send(byte[] data, int offset, int len) {
    Objects.checkFromIndexSize(offset, len, data.length);
    int limit = maxApplicationDataSize();
    if (len > limit) {
      throw new IllegalArgumentException("message of " + len + " bytes exceeds DTLS limit " + limit);
    }
    if (len == 0) {
      return; // BC cannot send from an empty array's offset 0; an empty record carries nothing
    }
    try {
      dtls.send(data, offset, len);
    } catch (IOException e) {
      // BC has already marked the record layer failed and sent its alert.
      fail(DtlsFailure.CONNECTION_FAILURE, "send failed: " + e.getMessage(), OptionalInt.empty(),
          alert(session.sentAlert()));
    }
  }

  /**
   * Closes the connection: sends {@code close_notify} (RFC 5246 §7.2.1) if connected, stops a
   * running handshake, and emits {@link DtlsEvent.Closed}. Idempotent.
   */
  public void close() {
    if (state == DtlsState.CLOSED || state == DtlsState.FAILED) {
      return;
    }
    DTLSTransport established = dtls != null ? dtls : handshakeResult;
    if (established != null) {
      try {
        established.close(); // queues close_notify
      } catch (IOException e) {
        LOG.debug("{} dtls close: {}", config.logId(), e.toString());
      }
    }
    transport.abort();
    setState(DtlsState.CLOSED);
    events.add(new DtlsEvent.Closed(false));
  }

  /** Moves the handshake outcome and inbound records forward; runs on the owner's thread. */
  private void pump() {
    if (state == DtlsState.CONNECTING) {
      Throwable error = handshakeError;
      if (error != null) {
        failHandshake(error);
        return;
      }
      DTLSTransport result = handshakeResult;
      if (result == null) {
        return;
      }
      List<CertificateFingerprint> expected = session.expectedFingerprints();
      if (expected.isEmpty()) {
        return; // wait for setRemoteFingerprints: deliver nothing unverified
      }
      if (!session.remoteMatches(expected)) {
        try {
          result.close();
        } catch (IOException e) {
          LOG.debug("{} dtls close: {}", config.logId(), e.toString());
        }
        fail(DtlsFailure.FINGERPRINT_MISMATCH, "certificate fingerprint mismatch",
            OptionalInt.empty(), OptionalInt.empty());
        return;
      }
      dtls = result;
      try {
        receiveBuffer = new byte[dtls.getReceiveLimit()];
      } catch (IOException e) {
        fail(DtlsFailure.CONNECTION_FAILURE, e.toString(), OptionalInt.empty(), OptionalInt.empty());
        return;
      }
      setState(DtlsState.CONNECTED);
      events.add(new DtlsEvent.Connected(session.remoteChain(), session.srtpProfile(),
          session.keyingMaterial()));
    }
    if (state == DtlsState.CONNECTED) {
      readRecords();
    }
  }

  /** Decrypts every queued datagram on this thread; never waits (see QueueDatagramTransport). */
  private void readRecords() {
    while (state == DtlsState.CONNECTED) {
      int n;
      try {
        // Records BC split off an earlier datagram come first, then our queue.
        n = dtls.receivePending(receiveBuffer, 0, receiveBuffer.length);
        if (n < 0) {
          if (!transport.hasInbound()) {
            return;
          }
          // waitMillis 1, not 0: BC reads 0 as "forever". Our transport never waits anyway.
          n = dtls.receive(receiveBuffer, 0, receiveBuffer.length, 1);
        }
      } catch (QueueDatagramTransport.WouldBlockException e) {
        n = -1;
      } catch (TlsFatalAlertReceived e) {
        fail(DtlsFailure.ALERT_RECEIVED, "peer sent fatal alert " + e.getAlertDescription(),
            OptionalInt.of(e.getAlertDescription()), OptionalInt.empty());
        return;
      } catch (TlsFatalAlert e) {
        fail(DtlsFailure.CONNECTION_FAILURE, e.getMessage() == null ? "fatal alert" : e.getMessage(),
            OptionalInt.empty(), OptionalInt.of(e.getAlertDescription()));
        return;
      } catch (IOException e) {
        fail(DtlsFailure.CONNECTION_FAILURE, e.toString(), OptionalInt.empty(), alert(session.sentAlert()));
        return;
      }
      if (n > 0) {
        events.add(new DtlsEvent.ApplicationData(Arrays.copyOf(receiveBuffer, n)));
      }
      if (session.closeNotifyReceived()) {
        // BC has answered with its own close_notify (RFC 5246 §7.2.1), now in the transmit queue.
        transport.abort();
        setState(DtlsState.CLOSED);
        events.add(new DtlsEvent.Closed(true));
        return;
      }
    }
  }

  private void failHandshake(Throwable error) {
    OptionalInt sent = alert(session.sentAlert());
    if (session.certificateRejected()) {
      fail(DtlsFailure.FINGERPRINT_MISMATCH, String.valueOf(error.getMessage()), OptionalInt.empty(), sent);
    } else if (error instanceof TlsFatalAlertReceived) {
      short a = ((TlsFatalAlertReceived) error).getAlertDescription();
      fail(DtlsFailure.ALERT_RECEIVED, "peer sent fatal alert " + a, OptionalInt.of(a), sent);
    } else if (error instanceof TlsTimeoutException) {
      fail(DtlsFailure.HANDSHAKE_TIMEOUT, "no handshake within " + config.handshakeTimeoutMillis()
          + " ms", OptionalInt.empty(), sent);
    } else {
      fail(DtlsFailure.HANDSHAKE_FAILURE, error.toString(), alert(session.receivedAlert()), sent);
    }
  }

  private static OptionalInt alert(int description) {
    return description < 0 ? OptionalInt.empty() : OptionalInt.of(description);
  }

  private void fail(DtlsFailure reason, String detail, OptionalInt received, OptionalInt sent) {
    transport.abort();
    setState(DtlsState.FAILED);
    LOG.warn("{} dtls failed: {} {}", config.logId(), reason, detail);
    events.add(new DtlsEvent.Failed(reason, detail, received, sent));
  }

  private void requireConnected() {
    if (state != DtlsState.CONNECTED) {
      throw new IllegalStateException("DTLS endpoint is not connected: " + state);
    }
  }

  private void setState(DtlsState next) {
    LOG.debug("{} dtls state {} -> {}", config.logId(), state, next);
    state = next;
  }
}
