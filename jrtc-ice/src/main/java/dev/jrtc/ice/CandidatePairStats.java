package dev.jrtc.ice;

/**
 * The counters of one candidate pair of the current check list, what webrtc-stats reports as an
 * {@code RTCIceCandidatePairStats} (https://w3c.github.io/webrtc-stats/#candidatepair-dict*).
 * Times are the agent's monotonic nanoseconds ({@code Long.MIN_VALUE} when it never happened);
 * a caller with a wall clock turns them into timestamps.
 *
 * @param pair the local and remote candidate
 * @param state the pair's check state (RFC 8445 §6.1.2.6)
 * @param nominated whether the pair was nominated (§8.1.1)
 * @param selected whether the pair carries the data now
 * @param packetsSent application datagrams sent on the pair (not STUN)
 * @param packetsReceived application datagrams received on the pair
 * @param bytesSent application bytes sent
 * @param bytesReceived application bytes received
 * @param lastPacketSentNanos when the last application datagram was sent
 * @param lastPacketReceivedNanos when the last application datagram arrived
 * @param requestsSent connectivity and consent checks sent (retransmissions not counted)
 * @param requestsReceived checks received from the peer on this pair
 * @param responsesSent success responses sent on this pair
 * @param responsesReceived responses received to our checks on this pair
 * @param consentRequestsSent consent checks sent (RFC 7675)
 * @param totalRoundTripNanos the sum of the round-trip times measured by checks
 * @param currentRoundTripNanos the last one, or -1
 * @param roundTripMeasurements how many were measured (responses to checks sent once)
 */
public record CandidatePairStats(CandidatePair pair, CandidatePairState state, boolean nominated, boolean selected,
    long packetsSent, long packetsReceived, long bytesSent, long bytesReceived, long lastPacketSentNanos,
    long lastPacketReceivedNanos, long requestsSent, long requestsReceived, long responsesSent,
    long responsesReceived, long consentRequestsSent, long totalRoundTripNanos, long currentRoundTripNanos,
    int roundTripMeasurements) {}
