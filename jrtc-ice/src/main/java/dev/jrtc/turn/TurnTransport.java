package dev.jrtc.turn;

/**
 * The transport between a TURN client and its server, RFC 8656 §3.1: UDP, TCP, or TLS over
 * TCP. The relayed transport address is UDP in every case (REQUESTED-TRANSPORT 17); only the
 * client-to-server leg changes. The {@link TurnClient} itself only sees datagrams (UDP) or
 * stream bytes (TCP and TLS, framed as in §12.5); TLS is the driver's job.
 */
public enum TurnTransport {
  /** {@code turn:host?transport=udp}. */
  UDP,
  /** {@code turn:host?transport=tcp}. */
  TCP,
  /** {@code turns:host}, TLS over TCP (RFC 8656 §3.1 and §4). */
  TLS;

  /** True for the stream transports, TCP and TLS. */
  public boolean isStream() {
    return this != UDP;
  }
}
