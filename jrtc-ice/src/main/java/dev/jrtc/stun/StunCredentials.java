package dev.jrtc.stun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Keys for MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256, RFC 8489 §9.1.1 and §9.2.2.
 */
public final class StunCredentials {
  private StunCredentials() {}

  /**
   * The short-term key (ICE, RFC 8445 §7.2.2): the password's UTF-8 bytes. ICE passwords are
   * ice-chars (RFC 8839 §5.4), for which OpaqueString and SASLprep are both the identity.
   */
  public static byte[] shortTermKey(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The long-term key with MD5, RFC 8489 §9.2.2 (the RFC 5389 form TURN servers use):
   * {@code MD5(username ":" realm ":" SASLprep(password))}.
   *
   * @throws IllegalArgumentException if the password holds code points SASLprep prohibits
   */
  public static byte[] longTermKey(String username, String realm, String password) {
    return digest("MD5", username + ":" + realm + ":" + SaslPrep.prepare(password));
  }

  /**
   * The long-term key with SHA-256 (PASSWORD-ALGORITHM 0x0002), RFC 8489 §9.2.2:
   * {@code SHA-256(username ":" realm ":" prepared password)}.
   */
  public static byte[] longTermKeySha256(String username, String realm, String password) {
    return digest("SHA-256", username + ":" + realm + ":" + SaslPrep.prepare(password));
  }

  private static byte[] digest(String algorithm, String s) {
    try {
      return MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }
}
