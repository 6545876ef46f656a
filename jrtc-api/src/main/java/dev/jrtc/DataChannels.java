package dev.jrtc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The data channels of one connection: the argument checks of webrtc-pc §6.1
 * {@code createDataChannel}, SCTP stream id allocation (RFC 8832 §6) and the counters of the
 * {@code peer-connection} stats. Called under the connection's lock.
 */
final class DataChannels {

  private final RTCPeerConnection pc;
  private final List<RTCDataChannel> channels = new CopyOnWriteArrayList<>();
  private volatile int opened;
  private volatile int closed;

  DataChannels(RTCPeerConnection pc) {
    this.pc = pc;
  }

  /** webrtc-pc §6.1 steps 3-21 ({@code dtlsClient}: the DTLS role when known, else null). */
  RTCDataChannel create(String label, RTCDataChannelInit init, Boolean dtlsClient) {
    if (label == null) {
      throw new TypeException("label is required");
    }
    RTCDataChannelInit options = init == null ? RTCDataChannelInit.defaults() : init;
    if (label.getBytes(StandardCharsets.UTF_8).length > 65535) {
      throw new TypeException("label is longer than 65535 bytes");
    }
    if (options.protocol().getBytes(StandardCharsets.UTF_8).length > 65535) {
      throw new TypeException("protocol is longer than 65535 bytes");
    }
    if (options.negotiated() && options.id() == null) {
      throw new TypeException("negotiated is true but no id is given");
    }
    if (options.maxPacketLifeTime() != null && options.maxRetransmits() != null) {
      throw new TypeException("maxPacketLifeTime and maxRetransmits cannot both be set");
    }
    // An id is only used for channels the application negotiates (in-band ones get one later).
    Integer id = options.negotiated() ? options.id() : null;
    if (id != null && id == 65535) {
      throw new TypeException("id 65535 is above the maximum 65534");
    }
    if (id != null && inUse(id)) {
      throw new OperationException("Data channel id " + id + " is already in use");
    }
    RTCDataChannel channel = new RTCDataChannel(pc, label, new RTCDataChannelInit(options.ordered(),
        options.maxPacketLifeTime(), options.maxRetransmits(), options.protocol(), options.negotiated(), id));
    if (id == null && dtlsClient != null) {
      Integer allocated = allocate(dtlsClient);
      if (allocated == null) {
        throw new OperationException("No data channel id is available");
      }
      channel.assignId(allocated);
    }
    channels.add(channel);
    return channel;
  }

  private boolean inUse(int id) {
    for (RTCDataChannel dc : channels) {
      if (dc.id() != null && dc.id() == id && dc.readyState() != RTCDataChannelState.CLOSED) {
        return true;
      }
    }
    return false;
  }

  /** RFC 8832 §6: the DTLS client uses even stream ids, the server odd ones. */
  private Integer allocate(boolean dtlsClient) {
    for (int id = dtlsClient ? 0 : 1; id <= 65534; id += 2) {
      if (!inUse(id)) {
        return id;
      }
    }
    return null;
  }

  /** webrtc-pc §4.4.1.6: once the DTLS role is negotiated, channels without an id get one. */
  void assignIds(Boolean dtlsClient) {
    if (dtlsClient == null) {
      return;
    }
    for (RTCDataChannel dc : channels) {
      if (dc.id() == null && dc.readyState() != RTCDataChannelState.CLOSED) {
        Integer id = allocate(dtlsClient);
        if (id != null) {
          dc.assignId(id);
        }
      }
    }
  }

  /** Starts closing; false when already closing or closed. */
  boolean startClosing(RTCDataChannel dc) {
    synchronized (dc) {
      RTCDataChannelState s = dc.readyState();
      if (s == RTCDataChannelState.CLOSING || s == RTCDataChannelState.CLOSED) {
        return false;
      }
      dc.setReadyState(RTCDataChannelState.CLOSING);
      return true;
    }
  }

  /** Finishes closing: {@code closed}, then the {@code close} event. */
  void finishClosing(RTCDataChannel dc) {
    synchronized (dc) {
      if (dc.readyState() == RTCDataChannelState.CLOSED) {
        return;
      }
      dc.setReadyState(RTCDataChannelState.CLOSED);
    }
    dc.dispatchEvent(new Event("close"));
  }

  /** The channels with an id that are not closed (to hand to the transport). */
  /** Every channel, in creation order (closed ones too: getStats reports them). */
  List<RTCDataChannel> all() {
    return List.copyOf(channels);
  }

  List<RTCDataChannel> withIds() {
    List<RTCDataChannel> out = new java.util.ArrayList<>();
    for (RTCDataChannel dc : channels) {
      if (dc.id() != null && dc.readyState() != RTCDataChannelState.CLOSED) {
        out.add(dc);
      }
    }
    return out;
  }

  /**
   * webrtc-pc §6.2 "announce the data channel": a channel the peer opened with DCEP, already
   * {@code open} when the {@code datachannel} event shows it.
   */
  RTCDataChannel announced(String label, RTCDataChannelInit init) {
    RTCDataChannel channel = new RTCDataChannel(pc, label, init);
    channel.setReadyState(RTCDataChannelState.OPEN);
    channels.add(channel);
    opened++;
    return channel;
  }

  /** webrtc-pc §6.2 "announce the data channel as open": {@code open}, then the open event. */
  void opened(RTCDataChannel dc) {
    synchronized (dc) {
      RTCDataChannelState s = dc.readyState();
      if (s == RTCDataChannelState.CONNECTING) {
        dc.setReadyState(RTCDataChannelState.OPEN);
        opened++;
      } else if (s != RTCDataChannelState.OPEN) {
        return;
      }
    }
    dc.dispatchEvent(new Event("open"));
  }

  /** The peer reset the channel's stream (RFC 8831 §6.7): {@code closing}; true when it changed. */
  boolean remoteClosing(RTCDataChannel dc) {
    synchronized (dc) {
      RTCDataChannelState s = dc.readyState();
      if (s == RTCDataChannelState.CLOSING || s == RTCDataChannelState.CLOSED) {
        return false;
      }
      dc.setReadyState(RTCDataChannelState.CLOSING);
      return true;
    }
  }

  /**
   * webrtc-pc §6.2 "the data channel is closed": {@code closed}, an {@code error} event first when
   * it closed because of a failure ({@code failure} non-null), then {@code close}.
   */
  void closed(RTCDataChannel dc, RTCError failure) {
    RTCDataChannelState before;
    synchronized (dc) {
      before = dc.readyState();
      if (before == RTCDataChannelState.CLOSED) {
        return;
      }
      dc.setReadyState(RTCDataChannelState.CLOSED);
    }
    if (before != RTCDataChannelState.CONNECTING) {
      closed++; // dataChannelsClosed counts channels that left the open state
    }
    if (failure != null) {
      dc.dispatchEvent(new RTCErrorEvent("error", failure));
    }
    dc.dispatchEvent(new Event("close"));
  }

  /** webrtc-pc "close the connection": every channel is closed, without events. */
  void closeAll() {
    for (RTCDataChannel dc : channels) {
      dc.setReadyState(RTCDataChannelState.CLOSED);
    }
  }

  int opened() {
    return opened;
  }

  int closed() {
    return closed;
  }
}
