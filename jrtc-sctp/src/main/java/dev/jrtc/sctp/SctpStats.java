package dev.jrtc.sctp;

/**
 * Counters and current transmission state of one association, for RTCStats and logs.
 *
 * @param packetsSent packets handed out by {@link SctpAssociation#pollTransmit()}
 * @param packetsReceived packets accepted
 * @param malformedPacketsDropped packets dropped: bad checksum, unparsable, wrong ports or tag
 * @param oversizedMessagesDropped messages over our max-message-size that the peer sent anyway
 * @param rtoNanos current retransmission timeout
 * @param srttNanos smoothed round-trip time (0 before the first measurement)
 * @param congestionWindow cwnd in bytes (0 before the handshake)
 * @param fastRetransmits chunks sent again by fast retransmit (RFC 9260 §7.2.4)
 * @param t3Expirations T3-rtx expirations (RFC 9260 §6.3.3)
 */
public record SctpStats(
    long packetsSent, long packetsReceived, long malformedPacketsDropped, long oversizedMessagesDropped,
    long rtoNanos, long srttNanos, long congestionWindow, long fastRetransmits, long t3Expirations) {}
