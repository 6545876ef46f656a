package dev.jrtc.internal.transport;

import dev.jrtc.datachannel.ChannelParameters;
import dev.jrtc.dtls.DtlsEvent;
import dev.jrtc.dtls.DtlsState;
import dev.jrtc.ice.CandidateAttribute;
import dev.jrtc.ice.CandidatePair;
import dev.jrtc.ice.IceTransportState;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link PeerTransport} reports to its {@link PeerTransport.Listener}, on the loop
 * executor, in the order it happened. The facade maps each onto the W3C event it names.
 */
public sealed interface TransportEvent {

  /**
   * A local candidate to signal (W3C {@code icecandidate}).
   *
   * @param candidate the candidate attribute (RFC 8839 §5.1)
   * @param ufrag the ICE ufrag of the generation it belongs to ({@code usernameFragment})
   * @param relayProtocol webrtc-pc {@code RTCIceCandidate.relayProtocol} ("udp", "tcp", "tls") of
   *     a relayed candidate, else null
   * @param url the STUN or TURN server URL a server-reflexive or relayed candidate came from, else null
   */
  record LocalCandidate(CandidateAttribute candidate, String ufrag, String relayProtocol, String url)
      implements TransportEvent {}

  /**
   * Local gathering finished (W3C {@code icecandidate} with a null candidate, gathering state
   * {@code complete}).
   *
   * @param ufrag the ICE ufrag of the generation that finished
   */
  record GatheringComplete(String ufrag) implements TransportEvent {}

  /**
   * A STUN or TURN server gave no candidate (W3C {@code icecandidateerror}).
   *
   * @param url the server's URL as configured, or null when unknown
   * @param address the local address the request left from
   * @param port the local port
   * @param errorCode the STUN error code, or 701 for no answer
   * @param errorText the reason
   */
  record GatheringError(String url, String address, int port, int errorCode, String errorText)
      implements TransportEvent {}

  /** The ICE transport state changed (W3C {@code RTCIceTransport.state}). */
  record IceStateChanged(IceTransportState state) implements TransportEvent {}

  /**
   * The ICE agent's role changed (W3C {@code RTCIceTransport.role}): a role conflict
   * (RFC 8445 §7.3.1.1) or an ICE restart that made the other side the offerer (§9).
   */
  record IceRoleChanged(boolean controlling) implements TransportEvent {}

  /** ICE selected another candidate pair (W3C {@code selectedcandidatepairchange}). */
  record SelectedPairChanged(CandidatePair pair) implements TransportEvent {}

  /**
   * The DTLS transport state changed (W3C {@code RTCDtlsTransport.state}).
   *
   * @param state the new state
   * @param connected with {@link DtlsState#CONNECTED}: the peer's certificates (W3C
   *     {@code getRemoteCertificates()}) and the DTLS-SRTP keying material; else null
   * @param failure with {@link DtlsState#FAILED}: reason and alerts (W3C {@code RTCError} with
   *     {@code dtls-failure} or {@code fingerprint-failure}); else null
   */
  record DtlsStateChanged(DtlsState state, DtlsEvent.Connected connected, DtlsEvent.Failed failure)
      implements TransportEvent {
    /** The peer's certificate chain (DER, end-entity first); empty unless connected. */
    public List<byte[]> remoteCertificates() {
      return connected == null ? List.of() : connected.remoteCertificates();
    }
  }

  /**
   * The SCTP transport state changed (W3C {@code RTCSctpTransport}).
   *
   * @param state the new state
   * @param maxMessageSize the largest message {@link PeerTransport#send} accepts: the smaller of
   *     our and the peer's {@code a=max-message-size} (W3C {@code maxMessageSize})
   * @param maxChannels the number of usable streams once connected, else 0 (W3C
   *     {@code maxChannels})
   * @param failure why the association ended, when it did not end by our own close or a clean
   *     shutdown; else null
   * @param causeCode the first SCTP error cause code of the peer's ABORT (RFC 9260 §3.3.10), or -1
   *     (W3C {@code RTCError.sctpCauseCode})
   */
  record SctpStateChanged(SctpTransportState state, long maxMessageSize, int maxChannels, String failure,
      int causeCode) implements TransportEvent {}

  /**
   * A channel opened with no stream id yet (before the DTLS role was known) got one (W3C
   * {@code RTCDataChannel.id}): every later event names it by {@code streamId}.
   *
   * @param key the negative key {@link PeerTransport#open} returned
   * @param streamId the SCTP stream id (RFC 8832 §6 parity)
   */
  record ChannelIdAssigned(int key, int streamId) implements TransportEvent {}

  /**
   * A channel is open (W3C {@code open}, or {@code datachannel} when the peer opened it).
   *
   * @param streamId the SCTP stream id
   * @param parameters its DCEP parameters (RFC 8832 §5.1), id filled in
   * @param remote true when the peer opened it with DATA_CHANNEL_OPEN
   */
  record ChannelOpened(int streamId, ChannelParameters parameters, boolean remote) implements TransportEvent {}

  /**
   * A message arrived (W3C {@code message}).
   *
   * @param streamId the channel
   * @param data the payload (UTF-8 when not binary); empty for the empty-message PPIDs
   * @param binary from the PPID (RFC 8831 §8): WebRTC Binary (Empty) vs String (Empty)
   */
  record Message(int streamId, byte[] data, boolean binary) implements TransportEvent {
    /** Rejects null. */
    public Message {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public String toString() {
      return "Message[stream=" + streamId + ", " + data.length + " bytes, binary=" + binary + "]";
    }
  }

  /** The peer started closing a channel (its stream was reset, RFC 8831 §6.7): W3C {@code closing}. */
  record ChannelClosing(int streamId) implements TransportEvent {}

  /**
   * A channel is closed (W3C {@code close}).
   *
   * @param streamId the stream id, or the negative key of a channel that never got one
   * @param error true when it closed because of a failure (the association failed, no stream id
   *     was left, the DTLS transport failed): W3C fires {@code error} first
   * @param reason what went wrong, or null
   */
  record ChannelClosed(int streamId, boolean error, String reason) implements TransportEvent {}

  /**
   * A channel's buffered amount fell to or below its threshold (W3C {@code bufferedamountlow}).
   *
   * @param streamId the channel
   * @param bufferedAmount the amount now
   */
  record BufferedAmountLow(int streamId, long bufferedAmount) implements TransportEvent {}

  /**
   * Bytes of a channel's messages were transmitted for the first time (webrtc-pc §6.2: "When the
   * underlying data transport sends data from its queue, the user agent MUST queue a task that
   * reduces [[BufferedAmount]] with the number of bytes that was sent"). Reported before the
   * datagrams carrying them leave; the bytes of an empty message (RFC 8831 §6.6) never count.
   *
   * @param streamId the channel
   * @param bytes the application bytes sent since the last report, positive
   */
  record BufferedAmountDecreased(int streamId, long bytes) implements TransportEvent {}

  /**
   * An unexpected failure inside the transport (a bug in a core, a failed socket operation).
   * The facade fails the connection (STYLE.md S9).
   *
   * @param what what was being done
   * @param cause the exception
   */
  record Error(String what, Throwable cause) implements TransportEvent {}
}
