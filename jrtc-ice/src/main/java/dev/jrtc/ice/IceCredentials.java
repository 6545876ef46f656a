package dev.jrtc.ice;

import dev.jrtc.common.Entropy;

/**
 * ICE username fragment and password, RFC 8445 §5.3 and RFC 8839 §5.4.
 *
 * @param ufrag the username fragment, at least 4 ice-chars
 * @param pwd the password, at least 22 ice-chars
 */
public record IceCredentials(String ufrag, String pwd) {
  private static final String ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** Validates the grammar (ice-char = ALPHA / DIGIT / "+" / "/"; lengths 4..256 and 22..256). */
  public IceCredentials {
    check(ufrag, 4, "ufrag");
    check(pwd, 22, "pwd");
  }

  private static void check(String s, int min, String what) {
    if (s == null || s.length() < min || s.length() > 256) {
      throw new IllegalArgumentException("ice-" + what + " must be " + min + "..256 characters");
    }
    for (int i = 0; i < s.length(); i++) {
      if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
        throw new IllegalArgumentException("ice-" + what + " has a character outside ice-char: " + s.charAt(i));
      }
    }
  }

  /** Random credentials (8-character ufrag, 24-character password: 48 and 144 random bits). */
  public static IceCredentials random(Entropy entropy) {
    return new IceCredentials(randomString(entropy, 8), randomString(entropy, 24));
  }

  private static String randomString(Entropy entropy, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ICE_CHARS.charAt(entropy.nextInt(ICE_CHARS.length())));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "IceCredentials[ufrag=" + ufrag + ", pwd=<hidden>]";
  }
}
