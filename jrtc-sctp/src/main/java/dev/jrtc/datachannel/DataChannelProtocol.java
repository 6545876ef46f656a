package dev.jrtc.datachannel;

import dev.jrtc.sctp.Ppid;
import dev.jrtc.sctp.SctpAssociation;
import dev.jrtc.sctp.SctpEvent;
import dev.jrtc.sctp.SctpState;
import dev.jrtc.sctp.SendOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data channel protocol over one {@link SctpAssociation}: RFC 8831 channel semantics and the
 * RFC 8832 Data Channel Establishment Protocol, sans-IO. The driver feeds it every event the
 * association produces ({@link #handle}) and polls {@link DataChannelEvent}s.
 *
 * <ul>
 *   <li>Stream ids: the DTLS client uses even ids, the DTLS server odd ones (RFC 8832 §6).
 *   <li>DCEP channels send DATA_CHANNEL_OPEN (ordered, reliable, PPID 50) once SCTP is up and are
 *       open from then on; until the ACK arrives their messages go ordered (RFC 8832 §6). Any
 *       message from the peer on the stream counts as the ACK.
 *   <li>Negotiated channels exchange no DCEP and open when SCTP is up.
 *   <li>Closing resets the outgoing stream (RFC 8831 §6.7); the peer answers by resetting its own.
 *       The channel is closed when both directions are reset, and its id becomes free again.
 * </ul>
 *
 * <p>Not thread-safe; driven by the same loop as its association.
 */
public final class DataChannelProtocol {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.sctp");

  private static final class Channel {
    final int id;
    final ChannelParameters parameters;
    final boolean local;
    ChannelState state = ChannelState.CONNECTING;
    boolean acked;
    boolean openSent;
    boolean outgoingReset;
    boolean incomingReset;
    boolean resetRequested;

    Channel(int id, ChannelParameters parameters, boolean local) {
      this.id = id;
      this.parameters = parameters;
      this.local = local;
    }
  }

  private final SctpAssociation sctp;
  private final boolean dtlsClient;
  private final TreeMap<Integer, Channel> channels = new TreeMap<>();
  private final ArrayDeque<DataChannelEvent> events = new ArrayDeque<>();
  private long malformedDcep;
  private boolean transportClosed;

  /** A protocol over {@code sctp}; {@code dtlsClient} is this side's DTLS role. */
  public DataChannelProtocol(SctpAssociation sctp, boolean dtlsClient) {
    this.sctp = sctp;
    this.dtlsClient = dtlsClient;
  }

  /** The next event, or null. */
  public DataChannelEvent pollEvent() {
    return events.poll();
  }

  /** A channel's state, or null when no channel has that id. */
  public ChannelState state(int id) {
    Channel c = channels.get(id);
    return c == null ? null : c.state;
  }

  /** A channel's parameters (with the id filled in), or null. */
  public ChannelParameters parameters(int id) {
    Channel c = channels.get(id);
    return c == null ? null : withId(c.parameters, c.id);
  }

  /** Bytes of application data queued on the channel's stream and not yet sent once (W3C bufferedAmount). */
  public long bufferedAmount(int id) {
    return sctp.bufferedAmount(id);
  }

  /** Sets the level at or below which {@link DataChannelEvent.BufferedAmountLow} fires. */
  public void setBufferedAmountLowThreshold(int id, long threshold) {
    sctp.setBufferedAmountLowThreshold(id, threshold);
  }

  /** DCEP messages that failed to parse, dropped. */
  public long malformedMessagesDropped() {
    return malformedDcep;
  }

  /**
   * Creates a channel. With {@code id = -1} the lowest free id of this side's parity is taken.
   *
   * @return the channel's stream id
   * @throws IllegalStateException when no id is left or the association is gone
   * @throws IllegalArgumentException when the given id is in use
   */
  public int createChannel(long nowNanos, ChannelParameters parameters) {
    if (transportClosed || isShuttingDown()) {
      throw new IllegalStateException("the SCTP association is closed");
    }
    if (parameters.label().getBytes(StandardCharsets.UTF_8).length > 0xffff
        || parameters.protocol().getBytes(StandardCharsets.UTF_8).length > 0xffff) {
      // RFC 8832 §5.1: the lengths are 16-bit fields.
      throw new IllegalArgumentException("label and protocol are limited to 65535 bytes of UTF-8");
    }
    int id = parameters.id();
    if (id < 0) {
      id = allocateId();
    } else if (channels.containsKey(id)) {
      throw new IllegalArgumentException("stream id " + id + " is in use");
    }
    Channel c = new Channel(id, withId(parameters, id), true);
    channels.put(id, c);
    if (sctp.state() == SctpState.ESTABLISHED) {
      start(nowNanos, c);
    }
    return id;
  }

  private boolean isShuttingDown() {
    SctpState s = sctp.state();
    return s == SctpState.SHUTDOWN_PENDING || s == SctpState.SHUTDOWN_SENT
        || s == SctpState.SHUTDOWN_RECEIVED || s == SctpState.SHUTDOWN_ACK_SENT;
  }

  /** RFC 8832 §6: even ids for the DTLS client, odd for the server. */
  private int allocateId() {
    int limit = sctp.outboundStreams() > 0 ? sctp.outboundStreams() : 65_535;
    for (int id = dtlsClient ? 0 : 1; id < limit; id += 2) {
      if (!channels.containsKey(id)) {
        return id;
      }
    }
    throw new IllegalStateException("no stream id left");
  }

  private static ChannelParameters withId(ChannelParameters p, int id) {
    return new ChannelParameters(p.label(), p.protocol(), p.ordered(), p.maxRetransmits(), p.maxPacketLifeTime(),
        p.priority(), p.negotiated(), id);
  }

  private void start(long now, Channel c) {
    if (c.state != ChannelState.CONNECTING || sctp.state() != SctpState.ESTABLISHED) {
      return;
    }
    if (!c.parameters.negotiated()) {
      ChannelParameters p = c.parameters;
      ChannelType type = ChannelType.of(p.ordered(), p.maxRetransmits(), p.maxPacketLifeTime());
      long reliability = p.maxRetransmits() >= 0 ? p.maxRetransmits() : Math.max(0, p.maxPacketLifeTime());
      DataChannelOpen open = new DataChannelOpen(type, p.priority(), reliability, p.label(), p.protocol());
      sctp.send(now, c.id, Ppid.DCEP, open.toBytes(), SendOptions.RELIABLE);
      c.openSent = true;
    } else {
      c.acked = true;
    }
    c.state = ChannelState.OPEN;
    events.add(new DataChannelEvent.ChannelOpen(c.id));
  }

  /**
   * Sends one message.
   *
   * @throws IllegalStateException when the channel is not open
   * @throws IllegalArgumentException when the message is over the peer's max-message-size
   */
  public void send(long nowNanos, int id, byte[] data, boolean binary) {
    Channel c = channels.get(id);
    if (c == null || c.state != ChannelState.OPEN) {
      throw new IllegalStateException("channel " + id + " is not open");
    }
    ChannelParameters p = c.parameters;
    // RFC 8832 §6: until the ACK arrives, messages are sent ordered so the OPEN stays first.
    boolean unordered = !p.ordered() && c.acked;
    SendOptions opts = new SendOptions(unordered, p.maxRetransmits(), p.maxPacketLifeTime());
    sctp.send(nowNanos, id, binary ? Ppid.BINARY : Ppid.STRING, data, opts);
  }

  /** Starts closing a channel (RFC 8831 §6.7): its outgoing stream is reset. */
  public void close(long nowNanos, int id) {
    Channel c = channels.get(id);
    if (c == null || c.state == ChannelState.CLOSED || c.state == ChannelState.CLOSING) {
      return;
    }
    if (sctp.state() != SctpState.ESTABLISHED) {
      channels.remove(id);
      c.state = ChannelState.CLOSED;
      events.add(new DataChannelEvent.ChannelClosed(id, false));
      return;
    }
    c.state = ChannelState.CLOSING;
    requestReset(nowNanos, c);
    if (c.outgoingReset) {
      // No stream reset possible (see requestReset): the channel closes locally at once.
      channels.remove(id);
      c.state = ChannelState.CLOSED;
      events.add(new DataChannelEvent.ChannelClosed(id, false));
    }
  }

  private void requestReset(long now, Channel c) {
    if (!c.resetRequested) {
      c.resetRequested = true;
      try {
        sctp.resetStreams(now, List.of(c.id));
      } catch (IllegalStateException e) {
        // The association is going away or the peer has no RE-CONFIG: nothing left to reset.
        c.outgoingReset = true;
      }
    }
  }

  /** Feeds one event of the association. */
  public void handle(long nowNanos, SctpEvent event) {
    if (event instanceof SctpEvent.Connected) {
      for (Channel c : new ArrayList<>(channels.values())) {
        start(nowNanos, c);
      }
    } else if (event instanceof SctpEvent.StreamMessage m) {
      onMessage(nowNanos, m);
    } else if (event instanceof SctpEvent.StreamReset r) {
      for (int id : r.streams()) {
        onReset(nowNanos, id, r.incoming());
      }
    } else if (event instanceof SctpEvent.BufferedAmountLow b) {
      if (channels.containsKey(b.streamId())) {
        events.add(new DataChannelEvent.BufferedAmountLow(b.streamId(), b.bufferedAmount()));
      }
    } else if (event instanceof SctpEvent.Closed) {
      closeAll(false);
    } else if (event instanceof SctpEvent.Failed) {
      closeAll(true);
    }
  }

  private void onMessage(long now, SctpEvent.StreamMessage m) {
    int id = m.streamId();
    Channel c = channels.get(id);
    if (m.ppid() == Ppid.DCEP) {
      DcepMessage msg;
      try {
        msg = DcepMessage.parse(m.payload());
      } catch (DcepParseException e) {
        malformedDcep++;
        LOG.debug("stream {}: dropped malformed DCEP message: {}", id, e.getMessage());
        return;
      }
      if (msg instanceof DataChannelOpen open) {
        onOpen(now, id, open);
      } else if (c != null) {
        c.acked = true;
      }
      return;
    }
    if (c == null || c.state == ChannelState.CLOSED || c.state == ChannelState.CONNECTING) {
      LOG.debug("stream {}: message for no open channel dropped", id);
      return;
    }
    c.acked = true; // RFC 8832 §6: a message on the stream implies the ACK.
    boolean binary = m.ppid() == Ppid.BINARY || m.ppid() == Ppid.BINARY_EMPTY;
    boolean text = m.ppid() == Ppid.STRING || m.ppid() == Ppid.STRING_EMPTY;
    if (!binary && !text) {
      LOG.debug("stream {}: message with PPID {} dropped", id, m.ppid());
      return;
    }
    events.add(new DataChannelEvent.Message(id, m.payload(), binary));
  }

  /** RFC 8832 §6: the peer opens a channel; answer with DATA_CHANNEL_ACK on the same stream. */
  private void onOpen(long now, int id, DataChannelOpen open) {
    if (channels.containsKey(id) || sctp.state() != SctpState.ESTABLISHED) {
      LOG.debug("stream {}: DATA_CHANNEL_OPEN for a stream in use or a closing association ignored", id);
      return;
    }
    if ((id % 2 == 0) == dtlsClient) {
      LOG.debug("stream {}: peer opened a channel with our parity (RFC 8832 §6)", id);
    }
    ChannelType t = open.channelType();
    int maxRetransmits = -1;
    long maxLifeTime = -1;
    if (t == ChannelType.PARTIAL_RELIABLE_REXMIT || t == ChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED) {
      maxRetransmits = (int) Math.min(Integer.MAX_VALUE, open.reliabilityParameter());
    } else if (t == ChannelType.PARTIAL_RELIABLE_TIMED || t == ChannelType.PARTIAL_RELIABLE_TIMED_UNORDERED) {
      maxLifeTime = open.reliabilityParameter();
    }
    ChannelParameters p = new ChannelParameters(open.label(), open.protocol(), !t.unordered(), maxRetransmits,
        maxLifeTime, open.priority(), false, id);
    Channel c = new Channel(id, p, false);
    c.acked = true;
    c.state = ChannelState.OPEN;
    channels.put(id, c);
    sctp.send(now, id, Ppid.DCEP, new DataChannelAck().toBytes(), SendOptions.RELIABLE);
    events.add(new DataChannelEvent.IncomingChannel(id, p));
  }

  /** RFC 8831 §6.7: closing by stream reset, one direction at a time. */
  private void onReset(long now, int id, boolean incoming) {
    Channel c = channels.get(id);
    if (c == null) {
      return;
    }
    if (incoming) {
      c.incomingReset = true;
      if (c.state == ChannelState.OPEN || c.state == ChannelState.CONNECTING) {
        c.state = ChannelState.CLOSING;
        events.add(new DataChannelEvent.ChannelClosing(id));
      }
      if (sctp.state() == SctpState.ESTABLISHED) {
        requestReset(now, c);
      } else {
        c.outgoingReset = true;
      }
    } else {
      c.outgoingReset = true;
    }
    if (c.incomingReset && c.outgoingReset) {
      channels.remove(id);
      c.state = ChannelState.CLOSED;
      events.add(new DataChannelEvent.ChannelClosed(id, false));
    }
  }

  private void closeAll(boolean error) {
    transportClosed = true;
    for (Map.Entry<Integer, Channel> e : channels.entrySet()) {
      e.getValue().state = ChannelState.CLOSED;
      events.add(new DataChannelEvent.ChannelClosed(e.getKey(), error));
    }
    channels.clear();
  }
}
