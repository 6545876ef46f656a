/**
 * One BUNDLE transport of a peer connection: ICE, DTLS, SCTP and data channels composed over
 * real UDP. Internal, not API: {@code dev.jrtc} (RTCPeerConnection, RTCIceTransport,
 * RTCDtlsTransport, RTCSctpTransport, RTCDataChannel) wires {@link
 * dev.jrtc.internal.transport.PeerTransport} in; it may change in any release.
 *
 * <h2>Contract</h2>
 *
 * <p><b>Threads.</b> A {@code PeerTransport} is confined to the serial executor given as
 * {@link dev.jrtc.internal.transport.PeerTransport.Builder#loop} (the connection's loop, not the
 * application's event executor). Every method must be called there, except the getters marked
 * "any thread" ({@code bufferedAmount}, the states, {@code localIceCredentials}, ...), which read
 * values the loop publishes after each step. The one {@link
 * dev.jrtc.internal.transport.PeerTransport.Listener} is called on the loop, in order, and must
 * not block: the facade updates its state and re-posts each {@link
 * dev.jrtc.internal.transport.TransportEvent} to the event executor. No lock is taken on the
 * protocol path. The threads involved are bounded per JVM: the shared I/O selector and timer
 * threads ({@code IoThreads.shared()}), and the shared DTLS handshake pool of {@code max(4, 2 ×
 * cores)} threads (a handshake holds one thread while it waits for the peer's flight; after the
 * handshake records are protected on the loop). Timers: the ICE driver keeps its own; SCTP gets one
 * timer re-armed after each step at its earliest deadline; Bouncy Castle times the DTLS handshake.
 *
 * <p><b>Lifecycle.</b>
 * <ol>
 *   <li>{@code builder()...build()}: local ICE credentials are drawn ({@code localIceCredentials()},
 *       {@code localFingerprint()} for the SDP); nothing is bound.</li>
 *   <li>{@code gather()} once the local description is set: {@code LocalCandidate} events, then
 *       {@code GatheringComplete}. An offerer calls it before {@code setRemoteParameters} and
 *       controls ICE; an answerer calls {@code setRemoteParameters} first with its role.</li>
 *   <li>{@code setRemoteParameters(RemoteParameters)}: peer ufrag/pwd, ice-lite, fingerprints, our
 *       ICE role, our DTLS role ({@code a=setup:active} = client), the peer's sctp-port
 *       (-1: no SCTP) and max-message-size. {@code addRemoteCandidate},
 *       {@code endOfRemoteCandidates} as candidates trickle in.</li>
 *   <li>ICE {@code connected} starts DTLS ({@code DtlsStateChanged(CONNECTING)}); a DTLS server
 *       also starts on the peer's first DTLS datagram, which ICE delivers only from a known remote
 *       candidate, so that the ClientHello is not held until our side of ICE is connected. A DTLS
 *       certificate that matches no remote fingerprint fails DTLS ({@code FAILED} with
 *       {@code FINGERPRINT_MISMATCH}) and nothing is delivered. DTLS {@code connected} starts SCTP:
 *       both sides send INIT (RFC 8261, as browsers do); {@code SctpStateChanged(CONNECTED)} carries
 *       {@code maxMessageSize = min(ours, peer's)} and {@code maxChannels}.</li>
 *   <li>{@code restartIce()} draws new credentials for the next offer; {@code close()} sends SCTP
 *       ABORT, DTLS close_notify, closes ICE and releases the sockets, in that order.</li>
 * </ol>
 *
 * <p><b>Data channels.</b> {@code open(ChannelParameters)} returns the stream id, or a negative key
 * while the DTLS role (hence the id parity, RFC 8832 §6) is unknown; {@code ChannelIdAssigned}
 * then maps the key to the id. Channels opened before SCTP is up wait and open when it is
 * ({@code ChannelOpened}, {@code remote=false}); the peer's channels arrive as {@code ChannelOpened}
 * with {@code remote=true}. {@code send(streamId, ...)} works on open channels only
 * ({@code IllegalStateException}, W3C InvalidStateError) and up to {@code maxMessageSize()}
 * ({@code IllegalArgumentException}, W3C TypeError); empty messages use the Empty PPIDs.
 * {@code close(streamId)} resets the stream (RFC 8831 §6.7): the peer sees {@code ChannelClosing},
 * both see {@code ChannelClosed}. {@code bufferedAmount(streamId)} counts bytes not yet transmitted
 * once (W3C {@code bufferedAmount}, not "not yet acknowledged"); {@code BufferedAmountDecreased}
 * reports the bytes as they go out, before their datagrams leave; {@code BufferedAmountLow} fires
 * when the amount falls to the threshold set with {@code setBufferedAmountLowThreshold}.
 *
 * <p><b>Demultiplexing</b> (RFC 7983 §7): STUN stays in ICE; first byte 20..63 is DTLS; 128..191
 * is RTP/RTCP, counted and dropped until the media path exists; anything else is dropped and
 * counted.
 *
 * <p><b>Errors.</b> Bad network input is dropped by the cores and never surfaces. A bug in a core
 * (an unexpected exception on the loop) is logged at ERROR and reported as {@code Error}; the
 * facade then fails the connection (STYLE.md S9).
 */
package dev.jrtc.internal.transport;
