package dev.jrtc.turn;

import dev.jrtc.stun.StunRetransmission;
import java.util.Objects;

/**
 * What a {@link TurnClient} needs: long-term credentials (RFC 8489 §9.2), the lifetime to ask
 * for and the request timing.
 *
 * @param username the TURN username
 * @param password the TURN password (SASLprep is applied when the key is derived)
 * @param lifetimeSeconds the requested allocation lifetime (RFC 8656 §7.2 default 600 s)
 * @param software the SOFTWARE attribute value, or null for none
 * @param retransmission the RFC 8489 §6.2.1 timing of requests over UDP; over TCP and TLS a
 *     request times out after its {@link StunRetransmission#totalNanos()} (Ti, §6.2.2); null
 *     means {@link StunRetransmission#DEFAULT}
 */
public record TurnConfig(String username, String password, long lifetimeSeconds, String software,
    StunRetransmission retransmission) {
  /** RFC 8656 §3.5 default allocation lifetime. */
  public static final long DEFAULT_LIFETIME_SECONDS = 600;

  /** Validates the fields; a null timing is the RFC default. */
  public TurnConfig {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (lifetimeSeconds < 1 || lifetimeSeconds > 0xffffffffL) {
      throw new IllegalArgumentException("lifetime out of range: " + lifetimeSeconds);
    }
    retransmission = retransmission == null ? StunRetransmission.DEFAULT : retransmission;
  }

  /** A config with the default request timing. */
  public TurnConfig(String username, String password, long lifetimeSeconds, String software) {
    this(username, password, lifetimeSeconds, software, null);
  }

  /** A config with the default lifetime and no SOFTWARE. */
  public static TurnConfig of(String username, String password) {
    return new TurnConfig(username, password, DEFAULT_LIFETIME_SECONDS, null);
  }
}
