package dev.jrtc.internal.transport;

import dev.jrtc.datachannel.ChannelParameters;
import dev.jrtc.datachannel.ChannelState;
import dev.jrtc.datachannel.DataChannelEvent;
import dev.jrtc.datachannel.DataChannelProtocol;
import dev.jrtc.dtls.DtlsRole;
import dev.jrtc.sctp.SctpAssociation;
import dev.jrtc.sctp.SctpEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The data channels of one {@link PeerTransport} over its association (RFC 8831, RFC 8832 via
 * {@link DataChannelProtocol}): channels asked for before SCTP is up, stream ids chosen once the
 * DTLS role is known (RFC 8832 §6), bufferedAmountLow thresholds, the buffered amounts published
 * for a read from any thread, and {@link TransportEvent.BufferedAmountDecreased} as the bytes of a
 * channel's messages go out for the first time. Loop-confined, except {@link #bufferedAmount(int)}.
 */
final class ChannelTable {
  private final Consumer<TransportEvent> emit;
  private DtlsRole role;
  private DataChannelProtocol protocol;
  private boolean connected;
  /** Channels asked for before SCTP is up, by key: the stream id, or a negative key until one is known. */
  private final LinkedHashMap<Integer, ChannelParameters> pending = new LinkedHashMap<>();
  private int nextKey = -1;
  private final Map<Integer, Long> thresholds = new HashMap<>();
  /** Streams whose published buffered amount may be stale. */
  private final Set<Integer> bufferedStreams = new HashSet<>();
  private final ConcurrentHashMap<Integer, Long> buffered = new ConcurrentHashMap<>();
  /**
   * Bytes of application messages handed to SCTP per stream and not yet reported sent with
   * {@link TransportEvent.BufferedAmountDecreased}.
   */
  private final Map<Integer, Long> handed = new HashMap<>();
  /** The association closed or failed: what it still held was dropped, not sent. */
  private boolean associationGone;

  ChannelTable(Consumer<TransportEvent> emit) {
    this.emit = emit;
  }

  /** The published buffered amount of a stream. Any thread. */
  long bufferedAmount(int streamId) {
    Long v = buffered.get(streamId);
    return v == null ? 0 : v;
  }

  /** The DTLS role became known: channels opened before get ids (W3C webrtc-pc §6.1 "id"). */
  void roleKnown(DtlsRole dtlsRole) {
    if (role != null) {
      return;
    }
    role = dtlsRole;
    List<Map.Entry<Integer, ChannelParameters>> entries = new ArrayList<>(pending.entrySet());
    pending.clear();
    for (Map.Entry<Integer, ChannelParameters> en : entries) {
      if (en.getKey() >= 0) {
        pending.put(en.getKey(), en.getValue());
      }
    }
    for (Map.Entry<Integer, ChannelParameters> en : entries) {
      int key = en.getKey();
      if (key >= 0) {
        continue;
      }
      int id = ChannelIds.allocate(role, ChannelIds.MAX_ID + 1, this::idInUse);
      if (id < 0) {
        emit.accept(new TransportEvent.ChannelClosed(key, true, "no data channel stream id left"));
        continue;
      }
      pending.put(id, withId(en.getValue(), id));
      Long threshold = thresholds.remove(key);
      if (threshold != null) {
        thresholds.put(id, threshold);
      }
      emit.accept(new TransportEvent.ChannelIdAssigned(key, id));
    }
  }

  /** SCTP is starting: the channel protocol runs over {@code sctp} from now on. */
  void associationStarted(SctpAssociation sctp) {
    protocol = new DataChannelProtocol(sctp, role == DtlsRole.CLIENT);
    associationGone = false;
    for (Map.Entry<Integer, Long> t : thresholds.entrySet()) {
      protocol.setBufferedAmountLowThreshold(t.getKey(), t.getValue());
    }
  }

  /** Feeds one association event to the channel protocol. */
  void handle(long now, SctpEvent e) {
    if (e instanceof SctpEvent.Closed || e instanceof SctpEvent.Failed) {
      associationGone = true;
    }
    protocol.handle(now, e);
  }

  /** SCTP is up: the channels asked for before open now (RFC 8832 §6 sends their OPENs). */
  void associationConnected(long now, int maxChannels) {
    connected = true;
    List<Map.Entry<Integer, ChannelParameters>> entries = new ArrayList<>(pending.entrySet());
    pending.clear();
    for (Map.Entry<Integer, ChannelParameters> en : entries) {
      int id = en.getKey();
      if (id < 0 || id >= maxChannels) {
        emit.accept(new TransportEvent.ChannelClosed(id, true, "stream id beyond the association's streams"));
        continue;
      }
      try {
        protocol.createChannel(now, en.getValue());
      } catch (IllegalArgumentException | IllegalStateException ex) {
        emit.accept(new TransportEvent.ChannelClosed(id, true, ex.getMessage()));
      }
    }
  }

  /** The association ended; its channels were closed by the protocol's events. */
  void associationClosed() {
    connected = false;
  }

  /** The association is gone under the protocol without telling it (DTLS closed or failed). */
  void associationLost(long now, String why) {
    associationGone = true;
    if (protocol != null) {
      protocol.handle(now, new SctpEvent.Failed(why, -1));
    }
  }

  /** Reports every channel not yet open as closed (with {@code error} and {@code why}). */
  void closePending(boolean error, String why) {
    for (Integer key : new ArrayList<>(pending.keySet())) {
      pending.remove(key);
      emit.accept(new TransportEvent.ChannelClosed(key, error, why));
    }
  }

  /** See {@link PeerTransport#open}; {@code maxChannels} is the association's once connected. */
  int open(long now, ChannelParameters parameters, int maxChannels) {
    int id = parameters.id();
    if (id >= 0 && idInUse(id)) {
      throw new IllegalArgumentException("stream id " + id + " is in use");
    }
    if (connected) {
      if (id < 0) {
        id = allocateId(maxChannels);
      } else if (id >= maxChannels) {
        throw new IllegalArgumentException("stream id " + id + " is beyond maxChannels " + maxChannels);
      }
      protocol.createChannel(now, withId(parameters, id));
      return id;
    }
    if (id < 0 && role != null) {
      id = allocateId(ChannelIds.MAX_ID + 1);
    }
    int key = id >= 0 ? id : nextKey--;
    pending.put(key, withId(parameters, id));
    return key;
  }

  /** See {@link PeerTransport#send(int, byte[], boolean)}; the size was checked by the caller. */
  void send(long now, int streamId, byte[] data, boolean binary) {
    if (!connected || protocol.state(streamId) != ChannelState.OPEN) {
      throw new IllegalStateException("channel " + streamId + " is not open");
    }
    protocol.send(now, streamId, data, binary);
    if (data.length > 0) {
      handed.merge(streamId, (long) data.length, Long::sum);
    }
    bufferedStreams.add(streamId);
  }

  /** See {@link PeerTransport#setBufferedAmountLowThreshold}. */
  void setBufferedAmountLowThreshold(int streamId, long threshold) {
    thresholds.put(streamId, threshold);
    if (protocol != null) {
      protocol.setBufferedAmountLowThreshold(streamId, threshold);
    }
  }

  /** See {@link PeerTransport#close(int)}. */
  void close(long now, int streamIdOrKey) {
    if (pending.remove(streamIdOrKey) != null) {
      emit.accept(new TransportEvent.ChannelClosed(streamIdOrKey, false, null));
    } else if (protocol != null) {
      protocol.close(now, streamIdOrKey);
    }
  }

  /** Emits the protocol's pending events; true if there were any. */
  boolean drainEvents() {
    if (protocol == null) {
      return false;
    }
    boolean any = false;
    DataChannelEvent e;
    while ((e = protocol.pollEvent()) != null) {
      any = true;
      onEvent(e);
    }
    return any;
  }

  private void onEvent(DataChannelEvent e) {
    if (e instanceof DataChannelEvent.Message) {
      DataChannelEvent.Message m = (DataChannelEvent.Message) e;
      emit.accept(new TransportEvent.Message(m.id(), m.data(), m.binary()));
    } else if (e instanceof DataChannelEvent.ChannelOpen) {
      int id = ((DataChannelEvent.ChannelOpen) e).id();
      emit.accept(new TransportEvent.ChannelOpened(id, protocol.parameters(id), false));
    } else if (e instanceof DataChannelEvent.IncomingChannel) {
      DataChannelEvent.IncomingChannel c = (DataChannelEvent.IncomingChannel) e;
      Long t = thresholds.get(c.id());
      if (t != null) {
        protocol.setBufferedAmountLowThreshold(c.id(), t);
      }
      emit.accept(new TransportEvent.ChannelOpened(c.id(), c.parameters(), true));
    } else if (e instanceof DataChannelEvent.BufferedAmountLow) {
      DataChannelEvent.BufferedAmountLow b = (DataChannelEvent.BufferedAmountLow) e;
      publish(b.id(), b.bufferedAmount());
      emit.accept(new TransportEvent.BufferedAmountLow(b.id(), b.bufferedAmount()));
    } else if (e instanceof DataChannelEvent.ChannelClosing) {
      emit.accept(new TransportEvent.ChannelClosing(((DataChannelEvent.ChannelClosing) e).id()));
    } else if (e instanceof DataChannelEvent.ChannelClosed) {
      DataChannelEvent.ChannelClosed c = (DataChannelEvent.ChannelClosed) e;
      if (!associationGone) {
        // RFC 8831 §6.7: the stream is reset after its queued messages went out: report them
        // before the channel is gone.
        reportSent(c.id(), protocol.bufferedAmount(c.id()));
      }
      handed.remove(c.id());
      buffered.remove(c.id());
      bufferedStreams.remove(c.id());
      thresholds.remove(c.id());
      emit.accept(new TransportEvent.ChannelClosed(c.id(), c.error(), c.error() ? "SCTP association failed" : null));
    }
  }

  /**
   * Publishes the buffered amounts of the streams that may have changed since the last step and
   * reports the bytes that went out since ({@link TransportEvent.BufferedAmountDecreased}). The
   * transport calls it before it hands the step's datagrams to the network, so the report is
   * queued before the peer can have the message.
   */
  void publishBuffered() {
    if (protocol == null || bufferedStreams.isEmpty()) {
      return;
    }
    for (var it = bufferedStreams.iterator(); it.hasNext(); ) {
      int id = it.next();
      long amount = protocol.bufferedAmount(id);
      publish(id, amount);
      if (!associationGone) {
        reportSent(id, amount);
      }
      if (amount == 0) {
        it.remove();
      }
    }
  }

  /**
   * Reports the application bytes of a stream that left SCTP's queue: what was handed to it minus
   * what it still holds ({@code queuedNow}). SCTP's amount may include DCEP messages of the stream
   * (RFC 8832), which were never handed here: the report is then smaller until they are sent,
   * never larger than what was handed.
   */
  private void reportSent(int id, long queuedNow) {
    Long h = handed.get(id);
    if (h == null || h <= queuedNow) {
      return;
    }
    long sent = h - queuedNow;
    if (queuedNow == 0) {
      handed.remove(id);
    } else {
      handed.put(id, queuedNow);
    }
    emit.accept(new TransportEvent.BufferedAmountDecreased(id, sent));
  }

  private void publish(int id, long amount) {
    if (amount == 0) {
      buffered.remove(id);
    } else {
      buffered.put(id, amount);
    }
  }

  private static ChannelParameters withId(ChannelParameters p, int id) {
    return p.id() == id ? p : new ChannelParameters(p.label(), p.protocol(), p.ordered(), p.maxRetransmits(),
        p.maxPacketLifeTime(), p.priority(), p.negotiated(), id);
  }

  private boolean idInUse(int id) {
    return pending.containsKey(id) || (protocol != null && protocol.state(id) != null);
  }

  private int allocateId(int limit) {
    int id = ChannelIds.allocate(role, limit, this::idInUse);
    if (id < 0) {
      throw new IllegalStateException("no data channel stream id left");
    }
    return id;
  }
}
