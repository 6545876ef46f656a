/**
 * SCTP as WebRTC uses it over DTLS (RFC 8261): a sans-IO {@link dev.jrtc.sctp.SctpAssociation}
 * (RFC 9260 with partial reliability, RFC 3758, and stream reconfiguration, RFC 6525) and the wire
 * codecs of its packets, chunks and parameters (package-private, one type per file named as in the
 * RFCs). The public surface is the association, its {@link dev.jrtc.sctp.SctpConfig}, the
 * {@link dev.jrtc.sctp.SendOptions} of one message, the sealed {@link dev.jrtc.sctp.SctpEvent}s,
 * {@link dev.jrtc.sctp.SctpState}, the WebRTC {@link dev.jrtc.sctp.Ppid}s and
 * {@link dev.jrtc.sctp.SctpParseException}.
 */
package dev.jrtc.sctp;
