package dev.jrtc.ice;

/**
 * Counters of an {@link IceAgent}: what it dropped and what it sent.
 *
 * @param malformedStun STUN datagrams that failed to parse or had a bad FINGERPRINT
 * @param unauthenticated requests or responses whose USERNAME or MESSAGE-INTEGRITY was wrong
 * @param staleResponses responses to no outstanding transaction
 * @param unknownData non-STUN datagrams from addresses that are not remote candidates
 * @param checksSent connectivity checks sent (retransmissions not counted)
 * @param consentChecksSent consent checks sent (RFC 7675)
 */
public record IceStats(long malformedStun, long unauthenticated, long staleResponses, long unknownData,
    long checksSent, long consentChecksSent) {}
