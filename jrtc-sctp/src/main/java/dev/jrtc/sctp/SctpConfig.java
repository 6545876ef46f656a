package dev.jrtc.sctp;

/**
 * Settings of one {@link SctpAssociation}. {@link #defaults()} gives the values WebRTC uses over DTLS
 * (RFC 8261, RFC 8831); the {@code with…} methods return changed copies.
 *
 * <p>RTO bounds: RFC 9260 §16 recommends RTO.Initial 1 s and RTO.Min 1 s. RTO.Initial stays 1 s.
 * RTO.Min is 220 ms: a 1 s floor makes a data channel stall for a second on every tail loss, and
 * WebRTC's own SCTP (libwebrtc's dcsctp) uses a minimum of a few hundred milliseconds for that
 * reason. The only hard constraint is that RTO.Min exceed the peer's delayed-SACK timer (200 ms in
 * RFC 9260 §6.2 and in every WebRTC stack), otherwise a delayed SACK fires a spurious T3-rtx.
 *
 * @param localPort SCTP source port; WebRTC uses 5000 unless {@code a=sctp-port} says otherwise
 * @param remotePort SCTP destination port
 * @param mtu largest SCTP packet this side sends; 1200 fits DTLS over UDP on every path
 * @param maxMessageSize largest message this side accepts ({@code a=max-message-size} it announces);
 *     at most {@code receiveWindow}, since messages are reassembled whole
 * @param remoteMaxMessageSize largest message the peer accepts ({@code a=max-message-size} it
 *     announced; RFC 8841 §6.1 says 64 KiB when absent)
 * @param receiveWindow receive buffer, advertised as a_rwnd
 * @param streams outbound and inbound stream count announced in INIT (RFC 8831 §6.2: 65535)
 * @param rtoInitialNanos RTO.Initial
 * @param rtoMinNanos RTO.Min
 * @param rtoMaxNanos RTO.Max
 * @param maxInitRetransmits Max.Init.Retransmits
 * @param associationMaxRetrans Association.Max.Retrans
 * @param validCookieLifeNanos Valid.Cookie.Life
 * @param heartbeatIntervalNanos HB.interval on an idle association
 * @param delayedAckNanos delayed SACK timer (RFC 9260 §6.2: at most 500 ms, 200 ms recommended)
 */
public record SctpConfig(
    int localPort, int remotePort, int mtu, int maxMessageSize, int remoteMaxMessageSize,
    int receiveWindow, int streams, long rtoInitialNanos, long rtoMinNanos, long rtoMaxNanos,
    int maxInitRetransmits, int associationMaxRetrans, long validCookieLifeNanos,
    long heartbeatIntervalNanos, long delayedAckNanos) {

  private static final long MS = 1_000_000L;

  /** Checks the ranges. */
  public SctpConfig {
    if (localPort < 0 || localPort > 0xffff || remotePort < 0 || remotePort > 0xffff) {
      throw new IllegalArgumentException("ports must be 0..65535");
    }
    if (mtu < 256 || mtu > 65_535) {
      throw new IllegalArgumentException("mtu must be 256..65535: " + mtu);
    }
    if (maxMessageSize <= 0 || remoteMaxMessageSize <= 0 || receiveWindow < 1500) {
      throw new IllegalArgumentException("message sizes must be positive and the window at least 1500");
    }
    if (maxMessageSize > receiveWindow) {
      // Messages are delivered whole (no partial delivery), so one must fit in the receive buffer.
      throw new IllegalArgumentException("maxMessageSize " + maxMessageSize + " exceeds the receive window "
          + receiveWindow);
    }
    if (streams < 1 || streams > 65_535) {
      throw new IllegalArgumentException("streams must be 1..65535: " + streams);
    }
    if (rtoMinNanos <= 0 || rtoMinNanos > rtoInitialNanos || rtoInitialNanos > rtoMaxNanos) {
      throw new IllegalArgumentException("need 0 < RTO.Min <= RTO.Initial <= RTO.Max");
    }
  }

  /** The defaults for WebRTC over DTLS. */
  public static SctpConfig defaults() {
    return new SctpConfig(5000, 5000, 1200, 262_144, 65_536, 1024 * 1024, 65_535,
        1000 * MS, 220 * MS, 60_000 * MS, 8, 10, 60_000 * MS, 30_000 * MS, 200 * MS);
  }

  /** A copy with other ports ({@code a=sctp-port}). */
  public SctpConfig withPorts(int local, int remote) {
    return new SctpConfig(local, remote, mtu, maxMessageSize, remoteMaxMessageSize, receiveWindow, streams,
        rtoInitialNanos, rtoMinNanos, rtoMaxNanos, maxInitRetransmits, associationMaxRetrans,
        validCookieLifeNanos, heartbeatIntervalNanos, delayedAckNanos);
  }

  /** A copy with other message size limits: ours, and the peer's {@code a=max-message-size}. */
  public SctpConfig withMaxMessageSizes(int local, int remote) {
    return new SctpConfig(localPort, remotePort, mtu, local, remote, receiveWindow, streams,
        rtoInitialNanos, rtoMinNanos, rtoMaxNanos, maxInitRetransmits, associationMaxRetrans,
        validCookieLifeNanos, heartbeatIntervalNanos, delayedAckNanos);
  }

  /** A copy with another MTU. */
  public SctpConfig withMtu(int newMtu) {
    return new SctpConfig(localPort, remotePort, newMtu, maxMessageSize, remoteMaxMessageSize, receiveWindow,
        streams, rtoInitialNanos, rtoMinNanos, rtoMaxNanos, maxInitRetransmits, associationMaxRetrans,
        validCookieLifeNanos, heartbeatIntervalNanos, delayedAckNanos);
  }

  /** A copy with other message size limits and a receive window large enough for them. */
  public SctpConfig withLargeMessages(int local, int remote) {
    return new SctpConfig(localPort, remotePort, mtu, local, remote, Math.max(receiveWindow, local), streams,
        rtoInitialNanos, rtoMinNanos, rtoMaxNanos, maxInitRetransmits, associationMaxRetrans,
        validCookieLifeNanos, heartbeatIntervalNanos, delayedAckNanos);
  }

  /** A copy with another receive window. */
  public SctpConfig withReceiveWindow(int window) {
    return new SctpConfig(localPort, remotePort, mtu, maxMessageSize, remoteMaxMessageSize, window,
        streams, rtoInitialNanos, rtoMinNanos, rtoMaxNanos, maxInitRetransmits, associationMaxRetrans,
        validCookieLifeNanos, heartbeatIntervalNanos, delayedAckNanos);
  }
}
