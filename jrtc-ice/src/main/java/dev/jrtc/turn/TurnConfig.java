package dev.jrtc.turn;

import java.util.Objects;

/**
 * What a {@link TurnClient} needs: long-term credentials (RFC 8489 §9.2) and the lifetime to ask for.
 *
 * @param username the TURN username
 * @param password the TURN password (SASLprep is applied when the key is derived)
 * @param lifetimeSeconds the requested allocation lifetime (RFC 8656 §7.2 default 600 s)
 * @param software the SOFTWARE attribute value, or null for none
 */
public record TurnConfig(String username, String password, long lifetimeSeconds, String software) {
  /** RFC 8656 §3.5 default allocation lifetime. */
  public static final long DEFAULT_LIFETIME_SECONDS = 600;

  /** Validates the fields. */
  public TurnConfig {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (lifetimeSeconds < 1 || lifetimeSeconds > 0xffffffffL) {
      throw new IllegalArgumentException("lifetime out of range: " + lifetimeSeconds);
    }
  }

  /** A config with the default lifetime and no SOFTWARE. */
  public static TurnConfig of(String username, String password) {
    return new TurnConfig(username, password, DEFAULT_LIFETIME_SECONDS, null);
  }
}
