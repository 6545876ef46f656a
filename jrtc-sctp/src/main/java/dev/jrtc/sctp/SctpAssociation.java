package dev.jrtc.sctp;

import dev.jrtc.common.Entropy;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SCTP association as WebRTC runs it over DTLS (RFC 8261, RFC 9260), sans-IO: whole SCTP
 * packets in ({@link #handleDatagram}), whole SCTP packets out ({@link #pollTransmit}), time in as
 * {@code nowNanos}, randomness from the injected {@link Entropy}.
 *
 * <p>In WebRTC both peers start the association as soon as DTLS is up (browsers send INIT from both
 * sides), so {@link #client} sends INIT at once and INIT collisions are resolved as RFC 9260 §5.2.1
 * and §5.2.4 say; {@link #server} only waits for the peer's INIT. Covered: the four-way handshake with an
 * HMAC-SHA256 signed state cookie, DATA/SACK with gap blocks and duplicate reports, delayed SACK,
 * RTO (RFC 6298), T3-rtx, fast retransmit and fast recovery, congestion control and the peer's
 * window, HEARTBEAT, ABORT, graceful SHUTDOWN, partial reliability (RFC 3758), outgoing SSN reset
 * (RFC 6525) and fragmentation. Not covered: association restart (RFC 9260 §5.2.2 case A: a new
 * DTLS session makes a new association in WebRTC), multi-homing, I-DATA (RFC 8260).
 *
 * <p>Not thread-safe. Owned and driven by exactly one loop. Never blocks, never reads a clock.
 */
public final class SctpAssociation {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.sctp");

  private final SctpConfig cfg;
  private final Entropy entropy;
  private final String logId;
  private final int localTag;
  private final int localInitialTsn;
  private final byte[] cookieKey = new byte[32];
  private final RetransmissionTimeout rto;

  private SctpState state = SctpState.CLOSED;
  private int peerTag;
  private int outboundStreams;
  private int inboundStreams;
  private boolean peerReconfig;
  private InboundQueue inbound;
  private OutboundQueue outbound;

  private final ArrayDeque<Chunk> control = new ArrayDeque<>();
  private final ArrayDeque<byte[]> transmits = new ArrayDeque<>();
  private final ArrayDeque<SctpEvent> events = new ArrayDeque<>();
  private final StreamResets resets;
  private final java.util.Map<Integer, Long> thresholds = new java.util.HashMap<>();
  /** The peer's {@code a=max-message-size}: the config's, until a renegotiation changes it. */
  private int remoteMaxMessageSize;

  private InitChunk initSent;
  private CookieEchoChunk cookieEchoSent;
  private long t1Deadline = Long.MAX_VALUE;
  private int t1Count;
  private long t2Deadline = Long.MAX_VALUE;
  private int t2Count;
  private long t3Deadline = Long.MAX_VALUE;
  private final DelayedAck delayedAck;
  private final Heartbeats heartbeats;
  private int errorCount;
  private boolean shutdownRequested;
  private boolean terminated;

  private long malformedPackets;
  private long packetsReceived;
  private long packetsSent;

  private SctpAssociation(SctpConfig cfg, Entropy entropy) {
    this.cfg = cfg;
    this.entropy = entropy;
    int tag;
    do {
      tag = entropy.nextInt();
    } while (tag == 0); // RFC 9260 §5.3.1: the Initiate Tag is never 0.
    this.localTag = tag;
    this.localInitialTsn = entropy.nextInt();
    entropy.nextBytes(cookieKey);
    this.logId = "sctp " + Integer.toHexString(localTag);
    this.remoteMaxMessageSize = cfg.remoteMaxMessageSize();
    this.rto = new RetransmissionTimeout(cfg.rtoInitialNanos(), cfg.rtoMinNanos(), cfg.rtoMaxNanos());
    this.resets = new StreamResets(this, localInitialTsn);
    this.heartbeats = new Heartbeats(entropy, cfg.heartbeatIntervalNanos());
    this.delayedAck = new DelayedAck(cfg.delayedAckNanos());
  }

  /** An association that starts at once by sending INIT (what both WebRTC peers do). */
  public static SctpAssociation client(SctpConfig cfg, Entropy entropy, long nowNanos) {
    SctpAssociation a = new SctpAssociation(cfg, entropy);
    a.connect(nowNanos);
    return a;
  }

  /** An association that waits for the peer's INIT. */
  public static SctpAssociation server(SctpConfig cfg, Entropy entropy, long nowNanos) {
    return new SctpAssociation(cfg, entropy);
  }

  private void connect(long now) {
    initSent = new InitChunk(localTag, cfg.receiveWindow(), cfg.streams(), cfg.streams(), localInitialTsn,
        InitParameters.ours());
    transmitNow(0, initSent);
    t1Count = 0;
    t1Deadline = now + rto.rto();
    transition(SctpStateMachine.Input.ASSOCIATE);
  }

  // ---------------------------------------------------------------------------------- accessors

  /** The association state. */
  public SctpState state() {
    return state;
  }

  /**
   * Bytes of application data queued on {@code streamId} and not yet transmitted once (W3C
   * webrtc-pc §6.2 {@code bufferedAmount}): a chunk's bytes leave when it is first sent, whether
   * or not it is acknowledged later, or when its message is abandoned (RFC 3758). The one-byte
   * body of an empty message (RFC 8831 §6.6) does not count.
   */
  public long bufferedAmount(int streamId) {
    return outbound == null ? 0 : outbound.bufferedAmount(streamId);
  }

  /** Nothing is queued, in flight or unacknowledged (tests use it to wait for a quiet association). */
  boolean allDataAcknowledged() {
    return outbound == null || outbound.isEmpty();
  }

  /**
   * Sets the threshold at or below which {@link SctpEvent.BufferedAmountLow} fires for a stream
   * (W3C bufferedAmountLowThreshold; 0 by default). May be set before the handshake.
   */
  public void setBufferedAmountLowThreshold(int streamId, long threshold) {
    if (threshold < 0) {
      throw new IllegalArgumentException("threshold must be non-negative");
    }
    thresholds.put(streamId, threshold);
    if (outbound != null) {
      outbound.setBufferedAmountLowThreshold(streamId, threshold);
    }
  }

  /** The largest message {@link #send} accepts: the peer's {@code a=max-message-size}. */
  public int maxMessageSize() {
    return remoteMaxMessageSize;
  }

  /**
   * A renegotiation changed the peer's {@code a=max-message-size} (RFC 8841 §6: it applies to the
   * association for as long as that description does): later {@link #send} calls use it.
   */
  public void setRemoteMaxMessageSize(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("max-message-size must be positive: " + size);
    }
    remoteMaxMessageSize = size;
  }

  /** Outbound streams usable after the handshake (our count capped by the peer's inbound count). */
  public int outboundStreams() {
    return outboundStreams;
  }

  /**
   * The number of data channels this association can carry (W3C RTCSctpTransport.maxChannels):
   * the smaller of the usable outbound and inbound stream counts; 0 before the handshake.
   */
  public int maxChannels() {
    return Math.min(outboundStreams, inboundStreams);
  }

  /** A snapshot of the counters. */
  public SctpStats stats() {
    return new SctpStats(packetsSent, packetsReceived, malformedPackets,
        inbound == null ? 0 : inbound.oversizedMessagesDropped(), rto.rto(), rto.srtt(),
        outbound == null ? 0 : outbound.cwnd(), outbound == null ? 0 : outbound.fastRetransmits(),
        outbound == null ? 0 : outbound.t3Expirations());
  }

  // ---------------------------------------------------------------------------------- outputs

  /** The next SCTP packet to hand to DTLS, or null. */
  public byte[] pollTransmit() {
    byte[] b = transmits.poll();
    if (b == null && sackPending()) {
      // A SACK with nothing to bundle is built only now, when the driver asks for output after
      // the inputs it had: a burst of packets handled back to back is answered by one SACK that
      // covers all of them rather than one per second packet (RFC 9260 §6.2 asks for at least
      // every second packet; the burst arrived before this SACK could have left anyway).
      b = new SctpPacket(cfg.localPort(), cfg.remotePort(), peerTag, List.of(takeSack())).toBytes();
    }
    if (b != null) {
      packetsSent++;
    }
    return b;
  }

  private boolean sackPending() {
    return delayedAck.due() && state.carriesData() && !terminated && inbound != null;
  }

  /** The SACK to send now; marks it sent (delayed-ack state and reported duplicates). */
  private SelectiveAckChunk takeSack() {
    SelectiveAckChunk sack = inbound.sack();
    delayedAck.sent();
    return sack;
  }

  /** The next event, or null. */
  public SctpEvent pollEvent() {
    return events.poll();
  }

  /** The next deadline for {@link #handleTimeout}; {@link Long#MAX_VALUE} when none. */
  public long pollTimeoutNanos() {
    long t = Math.min(Math.min(t1Deadline, t2Deadline), Math.min(t3Deadline, delayedAck.deadline()));
    return Math.min(t, Math.min(heartbeats.deadline(), resets.deadline()));
  }

  // ---------------------------------------------------------------------------------- commands

  /**
   * Queues one message. An empty message goes out as one zero byte with the Empty PPID (RFC 8831
   * §6.6). Allowed in ESTABLISHED only, that is after {@link SctpEvent.Connected} and before
   * shutdown starts.
   *
   * @throws IllegalStateException when the association is closed or shutting down
   * @throws IllegalArgumentException when the message is over {@link #maxMessageSize()} or the
   *     stream id is out of range
   */
  public void send(long nowNanos, int streamId, int ppid, byte[] message, SendOptions options) {
    if (state != SctpState.ESTABLISHED || shutdownRequested) {
      throw new IllegalStateException("cannot send in state " + state);
    }
    if (streamId < 0 || streamId >= outboundStreams) {
      throw new IllegalArgumentException("stream " + streamId + " out of range 0.." + (outboundStreams - 1));
    }
    if (message.length > remoteMaxMessageSize) {
      throw new IllegalArgumentException("message of " + message.length + " bytes exceeds max-message-size "
          + remoteMaxMessageSize);
    }
    if (resets.isResetting(streamId)) {
      throw new IllegalStateException("stream " + streamId + " is being reset");
    }
    int wirePpid = ppid;
    byte[] payload = message.clone();
    boolean empty = payload.length == 0;
    if (empty) {
      // RFC 8831 §6.6: SCTP has no empty user messages; send one byte with the Empty PPID.
      wirePpid = ppid == Ppid.BINARY || ppid == Ppid.BINARY_EMPTY ? Ppid.BINARY_EMPTY : Ppid.STRING_EMPTY;
      payload = new byte[1];
    }
    outbound.enqueue(new OutboundQueue.Message(streamId, wirePpid, payload, options, nowNanos, empty));
    flush(nowNanos);
  }

  /**
   * Resets our outgoing streams (RFC 6525 §5.1.2), how WebRTC closes a data channel (RFC 8831
   * §6.7). Messages already queued on them are sent first. {@link SctpEvent.StreamReset} with
   * {@code incoming=false} reports completion.
   */
  public void resetStreams(long nowNanos, Collection<Integer> streamIds) {
    if (!state.carriesData()) {
      throw new IllegalStateException("cannot reset streams in state " + state);
    }
    if (!peerReconfig) {
      throw new IllegalStateException("the peer does not support RE-CONFIG (RFC 6525)");
    }
    resets.request(streamIds);
    flush(nowNanos);
  }

  /** Starts a graceful shutdown (RFC 9260 §9.2): queued data is delivered first. */
  public void shutdown(long nowNanos) {
    if (state == SctpState.ESTABLISHED) {
      shutdownRequested = true;
      transition(SctpStateMachine.Input.SHUTDOWN);
      checkShutdown(nowNanos);
      flush(nowNanos);
    } else if (state == SctpState.COOKIE_WAIT || state == SctpState.COOKIE_ECHOED) {
      abort(nowNanos, "shutdown before established");
    }
  }

  /** Sends ABORT with a User-Initiated Abort cause (RFC 9260 §9.1) and closes at once. */
  public void abort(long nowNanos, String reason) {
    if (state == SctpState.CLOSED) {
      return;
    }
    if (state != SctpState.COOKIE_WAIT) {
      byte[] info = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      info = java.util.Arrays.copyOf(info, Math.min(info.length, 128)); // keep the ABORT small
      AbortChunk abort = new AbortChunk(false,
          List.of(new ErrorCause(ErrorCause.USER_INITIATED_ABORT, Bytes.wrap(info))));
      transmitNow(peerTag, abort);
    }
    terminate(new SctpEvent.Closed());
  }

  // ---------------------------------------------------------------------------------- inputs

  /** One SCTP packet from DTLS. Malformed packets are dropped and counted, never thrown. */
  public void handleDatagram(long nowNanos, ByteBuffer datagram) {
    byte[] b = new byte[datagram.remaining()];
    datagram.get(b);
    handleOwnedDatagram(nowNanos, b);
  }

  /**
   * {@link #handleDatagram(long, ByteBuffer)} without the copy: the association may keep parts of
   * {@code b} (the user data of DATA chunks until their message is delivered), so the caller
   * must never change the array afterwards.
   */
  public void handleOwnedDatagram(long nowNanos, byte[] b) {
    SctpPacket packet;
    try {
      packet = SctpPacket.parse(b);
    } catch (SctpParseException e) {
      malformedPackets++;
      LOG.debug("{} dropped malformed packet: {}", logId, e.getMessage());
      return;
    }
    if (packet.destinationPort() != cfg.localPort() || packet.sourcePort() != cfg.remotePort()) {
      malformedPackets++;
      LOG.debug("{} dropped packet for ports {}->{}", logId, packet.sourcePort(), packet.destinationPort());
      return;
    }
    if (!SctpPacket.verificationTagOk(packet, localTag, state == SctpState.CLOSED ? null : peerTag)) {
      malformedPackets++;
      LOG.debug("{} dropped packet with verification tag {}", logId, Integer.toHexString(packet.verificationTag()));
      return;
    }
    packetsReceived++;
    if (terminated) {
      // RFC 9260 §8.4 rule 5: a SHUTDOWN ACK after we closed (our SHUTDOWN COMPLETE was lost) is
      // answered with SHUTDOWN COMPLETE, T bit set, reflecting its tag. Everything else is ignored:
      // a new association needs a new object.
      if (packet.chunks().get(0) instanceof ShutdownAckChunk) {
        transmits.add(new SctpPacket(cfg.localPort(), cfg.remotePort(), packet.verificationTag(),
            List.of(new ShutdownCompleteChunk(true))).toBytes());
      }
      return;
    }
    boolean dataReceived = false;
    boolean sackNow = false;
    for (Chunk c : packet.chunks()) {
      if (state == SctpState.CLOSED && !(c instanceof InitChunk) && !(c instanceof CookieEchoChunk)) {
        // RFC 9260 §8.4: out of the blue; a WebRTC endpoint just ignores it.
        break;
      }
      if (c instanceof DataChunk d) {
        dataReceived = true;
        sackNow |= onData(d);
      } else if (c instanceof SelectiveAckChunk s) {
        onSack(s, nowNanos);
      } else if (c instanceof InitChunk i) {
        onInit(i, nowNanos);
        break; // §6.10: INIT is alone in its packet.
      } else if (c instanceof InitAckChunk i) {
        onInitAck(i, nowNanos);
        break;
      } else if (c instanceof CookieEchoChunk ce) {
        onCookieEcho(ce, nowNanos);
      } else if (c instanceof CookieAckChunk) {
        onCookieAck(nowNanos);
      } else if (c instanceof HeartbeatChunk h) {
        control.add(new HeartbeatAckChunk(h.info()));
      } else if (c instanceof HeartbeatAckChunk h) {
        onHeartbeatAck(h, nowNanos);
      } else if (c instanceof AbortChunk a) {
        onAbort(a);
        return;
      } else if (c instanceof ShutdownChunk s) {
        onShutdown(s, nowNanos);
      } else if (c instanceof ShutdownAckChunk) {
        onShutdownAck();
      } else if (c instanceof ShutdownCompleteChunk) {
        onShutdownComplete();
      } else if (c instanceof ErrorChunk e) {
        LOG.debug("{} peer reported errors {}", logId, e.causes());
      } else if (c instanceof ForwardTsnChunk f) {
        if (state.carriesData()) {
          inbound.forwardTsn(f);
          sackNow = true; // RFC 3758 §3.6: acknowledge at once.
          deliverReady();
          resets.afterData(nowNanos);
        }
      } else if (c instanceof ReConfigChunk r) {
        if (state.carriesData()) {
          resets.onReConfig(r, nowNanos);
        }
      } else if (c instanceof UnknownChunk u) {
        if (u.report()) {
          ByteWriter w = new ByteWriter();
          u.writeTo(w);
          control.add(new ErrorChunk(
              List.of(new ErrorCause(ErrorCause.UNRECOGNIZED_CHUNK_TYPE, Bytes.wrap(w.toByteArray())))));
        }
        if (u.stopProcessing()) {
          break;
        }
      }
      if (state == SctpState.CLOSED) {
        return;
      }
    }
    if (dataReceived && state.carriesData()) {
      deliverReady();
      resets.afterData(nowNanos);
      // RFC 9260 §6.2: at once on gaps or duplicates; in SHUTDOWN-SENT at once (§9.2).
      delayedAck.onDataPacket(nowNanos, sackNow || inbound.hasGaps() || state == SctpState.SHUTDOWN_SENT);
      if (state == SctpState.SHUTDOWN_SENT) {
        control.add(new ShutdownChunk(inbound.cumulativeTsn()));
      }
    } else if (sackNow) {
      delayedAck.now();
    }
    checkShutdown(nowNanos);
    flush(nowNanos);
  }

  /** Time input: fires whichever timers are due. */
  public void handleTimeout(long nowNanos) {
    if (t1Deadline <= nowNanos) {
      onT1Expired(nowNanos);
    }
    if (t2Deadline <= nowNanos) {
      onT2Expired(nowNanos);
    }
    if (t3Deadline <= nowNanos) {
      onT3Expired(nowNanos);
    }
    if (delayedAck.deadline() <= nowNanos) {
      delayedAck.onTimer();
    }
    if (heartbeats.deadline() <= nowNanos) {
      onHeartbeatTimer(nowNanos);
    }
    if (resets.deadline() <= nowNanos) {
      resets.onTimer(nowNanos);
    }
    if (state != SctpState.CLOSED) {
      flush(nowNanos);
    }
  }

  // ---------------------------------------------------------------------------------- handshake

  /** RFC 9260 §5.1 B, §5.2.1 and §5.2.2: answer any INIT with an INIT ACK carrying our tag. */
  private void onInit(InitChunk init, long now) {
    if (init.initiateTag() == 0) {
      return; // §5.1: silently discarded.
    }
    if (state == SctpState.SHUTDOWN_ACK_SENT) {
      return;
    }
    StateCookie cookie = StateCookie.of(init, now, cfg.validCookieLifeNanos(), localTag, localInitialTsn);
    List<Parameter> params = new ArrayList<>();
    params.add(new StateCookieParameter(cookie.sign(cookieKey)));
    params.addAll(InitParameters.ours());
    params.addAll(InitParameters.unrecognized(init.parameters()));
    InitAckChunk ack = new InitAckChunk(localTag, cfg.receiveWindow(), cfg.streams(), cfg.streams(),
        localInitialTsn, params);
    transmitNow(init.initiateTag(), ack);
  }

  /** RFC 9260 §5.1 C: INIT ACK in COOKIE-WAIT; echo the cookie. */
  private void onInitAck(InitAckChunk ack, long now) {
    if (state != SctpState.COOKIE_WAIT) {
      return; // §5.2.3: unexpected INIT ACK is discarded.
    }
    StateCookieParameter cookie = ack.stateCookie();
    if (cookie == null || ack.initiateTag() == 0) {
      LOG.debug("{} INIT ACK without state cookie or with tag 0; discarded", logId);
      return;
    }
    setupTcb(ack.initiateTag(), ack.initialTsn(), ack.advertisedReceiverWindowCredit(),
        ack.numberOfInboundStreams(), ack.numberOfOutboundStreams(),
        InitParameters.supportsForwardTsn(ack.parameters()), InitParameters.supportsReconfig(ack.parameters()));
    cookieEchoSent = new CookieEchoChunk(cookie.cookie());
    transmitNow(peerTag, cookieEchoSent);
    t1Count = 0;
    t1Deadline = now + rto.rto();
    transition(SctpStateMachine.Input.INIT_ACK_RECEIVED);
  }

  private void setupTcb(int tag, int initialTsn, int rwnd, int peerInbound, int peerOutbound, boolean fwd,
      boolean reconfig) {
    peerTag = tag;
    // RFC 9260 §5.1.1: each side may use at most as many streams as the other accepts.
    outboundStreams = Math.min(cfg.streams(), peerInbound);
    inboundStreams = Math.min(cfg.streams(), peerOutbound);
    peerReconfig = reconfig;
    inbound = new InboundQueue(initialTsn, cfg.receiveWindow(), cfg.maxMessageSize());
    outbound = new OutboundQueue(cfg.mtu(), localInitialTsn, rwnd & 0xffffffffL,
        (stream, amount) -> events.add(new SctpEvent.BufferedAmountLow(stream, amount)));
    outbound.setPartialReliability(fwd);
    thresholds.forEach(outbound::setBufferedAmountLowThreshold);
    resets.setPeerInitialTsn(initialTsn);
  }

  /** RFC 9260 §5.1 D and §5.2.4: a valid cookie establishes the association. */
  private void onCookieEcho(CookieEchoChunk echo, long now) {
    StateCookie cookie = StateCookie.verify(cookieKey, echo.cookie());
    if (cookie == null || cookie.localTag() != localTag) {
      LOG.debug("{} COOKIE ECHO with a cookie we did not sign; discarded", logId);
      return;
    }
    if (cookie.expired(now)) {
      // §3.3.10.3: Stale Cookie Error with the staleness in microseconds.
      long staleMicros = Math.min(0xffffffffL, (now - cookie.createdNanos() - cookie.lifetimeNanos()) / 1000);
      ByteWriter w = new ByteWriter(4);
      w.u32((int) staleMicros);
      transmitNow(cookie.peerTag(),
          new ErrorChunk(List.of(new ErrorCause(ErrorCause.STALE_COOKIE, Bytes.wrap(w.toByteArray())))));
      return;
    }
    switch (state) {
      case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> {
        if (state == SctpState.COOKIE_ECHOED && cookie.peerTag() == peerTag) {
          // §5.2.4 case D during an INIT collision: our TCB already matches the cookie.
        } else {
          setupTcb(cookie.peerTag(), cookie.peerInitialTsn(), cookie.peerReceiverWindow(),
              cookie.peerInboundStreams(), cookie.peerOutboundStreams(),
              (cookie.peerFlags() & 1) != 0, (cookie.peerFlags() & 2) != 0);
        }
        control.add(new CookieAckChunk());
        established(now, SctpStateMachine.Input.COOKIE_ECHO_RECEIVED);
      }
      default -> {
        if (cookie.peerTag() == peerTag) {
          control.add(new CookieAckChunk()); // §5.2.4 case D: the COOKIE ACK was lost.
        } else {
          LOG.debug("{} COOKIE ECHO from a restarted peer; restart is not supported, discarded", logId);
        }
      }
    }
  }

  private void onCookieAck(long now) {
    if (state == SctpState.COOKIE_ECHOED) {
      established(now, SctpStateMachine.Input.COOKIE_ACK_RECEIVED);
    }
  }

  private void established(long now, SctpStateMachine.Input input) {
    t1Deadline = Long.MAX_VALUE;
    initSent = null;
    cookieEchoSent = null;
    transition(input);
    heartbeats.start(now, rto.rto());
    events.add(new SctpEvent.Connected());
  }

  /** RFC 9260 §5.1 C/D: T1-init and T1-cookie retransmit with back-off up to Max.Init.Retransmits. */
  private void onT1Expired(long now) {
    t1Count++;
    if (t1Count > cfg.maxInitRetransmits()) {
      t1Deadline = Long.MAX_VALUE;
      terminate(new SctpEvent.Failed("no answer to " + (state == SctpState.COOKIE_WAIT ? "INIT" : "COOKIE ECHO"), -1));
      return;
    }
    rto.backOff();
    t1Deadline = now + rto.rto();
    if (state == SctpState.COOKIE_WAIT) {
      transmitNow(0, initSent);
    } else if (state == SctpState.COOKIE_ECHOED) {
      transmitNow(peerTag, cookieEchoSent);
    } else {
      t1Deadline = Long.MAX_VALUE;
    }
  }

  // ---------------------------------------------------------------------------------- data

  /** Returns true when this DATA chunk calls for an immediate SACK (RFC 9260 §6.2, §6.7). */
  private boolean onData(DataChunk d) {
    if (!state.carriesData()) {
      return false;
    }
    if (d.userData().isEmpty()) {
      // §6.2: a DATA chunk without user data aborts the association with "No User Data".
      ByteWriter w = new ByteWriter(4);
      w.u32(d.tsn());
      transmitNow(peerTag, new AbortChunk(false,
          List.of(new ErrorCause(ErrorCause.NO_USER_DATA, Bytes.wrap(w.toByteArray())))));
      terminate(new SctpEvent.Failed("peer sent DATA without user data", ErrorCause.NO_USER_DATA));
      return false;
    }
    InboundQueue.Result r = inbound.receive(d);
    return r != InboundQueue.Result.NEW || d.immediate();
  }

  private void deliverReady() {
    InboundQueue.Message m;
    while ((m = inbound.pollReady()) != null) {
      byte[] payload = m.payload();
      if (m.ppid() == Ppid.STRING_EMPTY || m.ppid() == Ppid.BINARY_EMPTY) {
        payload = new byte[0];
      }
      events.add(new SctpEvent.StreamMessage(m.streamId(), m.ppid(), payload));
    }
  }

  private void onSack(SelectiveAckChunk sack, long now) {
    if (!state.carriesData() && state != SctpState.SHUTDOWN_ACK_SENT) {
      return;
    }
    OutboundQueue.SackResult r = outbound.onSack(sack, now);
    if (r.rttSampleNanos() >= 0) {
      rto.measure(r.rttSampleNanos());
    }
    if (r.newlyAcked()) {
      errorCount = 0; // §8.3: an acknowledgement shows the peer is reachable.
    }
    if (r.cumulativeAdvanced()) {
      // §6.3.2 R3: restart T3 with the current RTO when the earliest outstanding TSN is acked.
      t3Deadline = outbound.hasOutstanding() ? now + rto.rto() : Long.MAX_VALUE;
    }
  }

  /** RFC 9260 §6.3.3: T3-rtx expiry. */
  private void onT3Expired(long now) {
    t3Deadline = Long.MAX_VALUE;
    if (!state.carriesData() || !outbound.hasOutstanding()) {
      return;
    }
    errorCount++;
    if (errorCount > cfg.associationMaxRetrans()) {
      unreachable();
      return;
    }
    rto.backOff(); // E2
    outbound.onT3Expired(now); // E1, E3
    t3Deadline = now + rto.rto();
  }

  private void unreachable() {
    LOG.warn("{} peer unreachable after {} retransmissions", logId, errorCount);
    transmitNow(peerTag, new AbortChunk(false, List.of()));
    terminate(new SctpEvent.Failed("peer unreachable (Association.Max.Retrans exceeded)", -1));
  }

  /** RFC 9260 §8.3: an unanswered HEARTBEAT counts as an error (§8.1). */
  private void onHeartbeatTimer(long now) {
    heartbeats.stop();
    if (state != SctpState.ESTABLISHED) {
      return;
    }
    if (heartbeats.unanswered()) {
      errorCount++;
      if (errorCount > cfg.associationMaxRetrans()) {
        unreachable();
        return;
      }
    }
    control.add(heartbeats.next(now, rto.rto()));
  }

  private void onHeartbeatAck(HeartbeatAckChunk ack, long now) {
    long rtt = heartbeats.onAck(ack, now);
    if (rtt >= 0) {
      errorCount = 0;
      rto.measure(rtt); // §8.3: a HEARTBEAT ACK gives an RTT measurement.
    }
  }

  // ---------------------------------------------------------------------------------- teardown

  private void onAbort(AbortChunk abort) {
    int cause = abort.causes().isEmpty() ? -1 : abort.causes().get(0).code();
    LOG.warn("{} peer aborted the association, cause {}", logId, cause);
    terminate(new SctpEvent.Failed("peer sent ABORT", cause));
  }

  /** RFC 9260 §9.2: SHUTDOWN received. */
  private void onShutdown(ShutdownChunk s, long now) {
    if (!state.carriesData() && state != SctpState.SHUTDOWN_ACK_SENT) {
      return;
    }
    onSack(new SelectiveAckChunk(s.cumulativeTsnAck(), (int) Math.min(Integer.MAX_VALUE,
        outbound.peerRwnd() + outbound.flightSize()), List.of(), List.of()), now);
    if (state == SctpState.ESTABLISHED || state == SctpState.SHUTDOWN_PENDING) {
      shutdownRequested = true;
      transition(SctpStateMachine.Input.SHUTDOWN_RECEIVED);
    } else if (state == SctpState.SHUTDOWN_SENT) {
      // §9.2: both sides shut down at once: answer with SHUTDOWN ACK.
      sendShutdownAck(now, SctpStateMachine.Input.SHUTDOWN_RECEIVED);
    }
  }

  private void onShutdownAck() {
    if (state == SctpState.SHUTDOWN_SENT || state == SctpState.SHUTDOWN_ACK_SENT) {
      transmitNow(peerTag, new ShutdownCompleteChunk(false));
      terminate(new SctpEvent.Closed(), SctpStateMachine.Input.SHUTDOWN_ACK_RECEIVED);
    }
  }

  private void onShutdownComplete() {
    if (state == SctpState.SHUTDOWN_ACK_SENT) {
      terminate(new SctpEvent.Closed(), SctpStateMachine.Input.SHUTDOWN_COMPLETE_RECEIVED);
    }
  }

  private void checkShutdown(long now) {
    if (outbound == null || !outbound.isEmpty()) {
      return;
    }
    if (state == SctpState.SHUTDOWN_PENDING) {
      control.add(new ShutdownChunk(inbound.cumulativeTsn()));
      transition(SctpStateMachine.Input.NO_MORE_OUTSTANDING);
      t2Count = 0;
      t2Deadline = now + rto.rto();
    } else if (state == SctpState.SHUTDOWN_RECEIVED) {
      sendShutdownAck(now, SctpStateMachine.Input.NO_MORE_OUTSTANDING);
    }
  }

  private void sendShutdownAck(long now, SctpStateMachine.Input why) {
    control.add(new ShutdownAckChunk());
    transition(why);
    t2Count = 0;
    t2Deadline = now + rto.rto();
  }

  /** RFC 9260 §9.2: T2-shutdown resends SHUTDOWN or SHUTDOWN ACK. */
  private void onT2Expired(long now) {
    t2Deadline = Long.MAX_VALUE;
    t2Count++;
    if (t2Count > cfg.associationMaxRetrans()) {
      unreachable();
      return;
    }
    rto.backOff();
    if (state == SctpState.SHUTDOWN_SENT) {
      control.add(new ShutdownChunk(inbound.cumulativeTsn()));
      t2Deadline = now + rto.rto();
    } else if (state == SctpState.SHUTDOWN_ACK_SENT) {
      control.add(new ShutdownAckChunk());
      t2Deadline = now + rto.rto();
    }
  }

  private void terminate(SctpEvent why) {
    terminate(why, SctpStateMachine.Input.ABORT);
  }

  private void terminate(SctpEvent why, SctpStateMachine.Input input) {
    transition(input);
    terminated = true;
    t1Deadline = Long.MAX_VALUE;
    t2Deadline = Long.MAX_VALUE;
    t3Deadline = Long.MAX_VALUE;
    delayedAck.stop();
    heartbeats.stop();
    resets.clear();
    control.clear();
    if (outbound != null) {
      outbound.clear();
    }
    events.add(why);
  }

  // ---------------------------------------------------------------------------------- output

  private void transmitNow(int tag, Chunk chunk) {
    transmits.add(new SctpPacket(cfg.localPort(), cfg.remotePort(), tag, List.of(chunk)).toBytes());
  }

  /** Queues a control chunk for the next packet (used by {@link StreamResets}). */
  void queueControl(Chunk c) {
    control.add(c);
  }

  void emit(SctpEvent e) {
    events.add(e);
  }

  InboundQueue inbound() {
    return inbound;
  }

  OutboundQueue outbound() {
    return outbound;
  }

  RetransmissionTimeout rto() {
    return rto;
  }

  void deliverPending() {
    deliverReady();
  }

  /**
   * Bundles control chunks, the SACK, FORWARD TSN, retransmissions and new DATA into packets of at
   * most one MTU (RFC 9260 §6.10), within cwnd and the peer's window.
   */
  private void flush(long now) {
    if (state == SctpState.CLOSED || outbound == null) {
      return;
    }
    if (state.carriesData()) {
      resets.maybeSendRequest(now);
    }
    int budget = cfg.mtu() - SctpPacket.HEADER_SIZE;
    while (true) {
      List<Chunk> chunks = new ArrayList<>();
      int room = budget;
      while (!control.isEmpty() && control.peek().encodedSize() <= room) {
        Chunk c = control.poll();
        room -= c.encodedSize();
        chunks.add(c);
      }
      // A due SACK rides in this packet if anything else goes out (bundling, §6.10); alone it
      // waits for pollTransmit(), so that the inputs handled before the driver polls share one.
      int sackSize = 0;
      if (delayedAck.due() && state.carriesData()) {
        int size = inbound.sackEncodedSize();
        if (size <= room) {
          sackSize = size;
          room -= size;
        }
      }
      boolean dataSent = false;
      if (state.carriesData()) {
        ForwardTsnChunk f = outbound.forwardTsnToSend(room);
        if (f != null) {
          chunks.add(f);
          room -= f.encodedSize();
        }
        OutboundQueue.Entry e;
        while ((e = outbound.nextRetransmission(now, room)) != null) {
          chunks.add(e.chunk);
          room -= e.chunk.encodedSize();
          dataSent = true;
        }
        outbound.packetDone();
        if (!outbound.hasRetransmissions()) {
          while ((e = outbound.nextNewChunk(now, room)) != null) {
            chunks.add(e.chunk);
            room -= e.chunk.encodedSize();
            dataSent = true;
          }
        }
      }
      if (chunks.isEmpty()) {
        break;
      }
      if (sackSize > 0) {
        chunks.add(0, takeSack());
      }
      transmits.add(new SctpPacket(cfg.localPort(), cfg.remotePort(), peerTag, chunks).toBytes());
      if (dataSent && t3Deadline == Long.MAX_VALUE) {
        t3Deadline = now + rto.rto(); // §6.3.2 R1
      }
    }
    if (!outbound.hasOutstanding()) {
      t3Deadline = Long.MAX_VALUE;
    } else if (t3Deadline == Long.MAX_VALUE) {
      t3Deadline = now + rto.rto();
    }
    checkShutdownAfterFlush(now);
  }

  private void checkShutdownAfterFlush(long now) {
    if ((state == SctpState.SHUTDOWN_PENDING || state == SctpState.SHUTDOWN_RECEIVED) && outbound.isEmpty()) {
      checkShutdown(now);
      flush(now);
    }
  }

  /** Every state change goes through the RFC 9260 §4 table; an input it rejects here is a bug. */
  private void transition(SctpStateMachine.Input input) {
    SctpState next = SctpStateMachine.next(state, input);
    if (next == null) {
      throw new AssertionError(logId + ": " + input + " is not valid in state " + state);
    }
    if (next != state) {
      LOG.debug("{} state {} -> {} ({})", logId, state, next, input);
      state = next;
    }
  }

  @Override
  public String toString() {
    return logId + " " + state;
  }
}
