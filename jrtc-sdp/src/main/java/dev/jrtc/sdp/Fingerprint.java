package dev.jrtc.sdp;

import java.util.List;

/**
 * {@code a=fingerprint:<hash-func> <fingerprint>} (RFC 8122 §5): the certificate fingerprint as
 * upper-case hex bytes separated by colons, e.g. {@code sha-256 AB:CD:...}.
 */
public record Fingerprint(String hashFunction, String value) {

  /** Checks both fields are tokens. */
  public Fingerprint {
    Tokens.checkToken(hashFunction, "hashFunction");
    Tokens.checkToken(value, "value");
  }

  /** The fingerprint of {@code digest} as RFC 8122 writes it: upper-case hex, colon-separated. */
  public static Fingerprint of(String hashFunction, byte[] digest) {
    StringBuilder sb = new StringBuilder(digest.length * 3);
    for (int i = 0; i < digest.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(Character.toUpperCase(Character.forDigit((digest[i] >> 4) & 0xf, 16)))
          .append(Character.toUpperCase(Character.forDigit(digest[i] & 0xf, 16)));
    }
    return new Fingerprint(hashFunction, sb.toString());
  }

  /** Parses an attribute value. */
  public static Fingerprint parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.size() != 2) {
      throw SdpParseException.invalid(value, "fingerprint must be <hash-func> <fingerprint>");
    }
    return new Fingerprint(f.get(0), f.get(1));
  }

  /**
   * The fingerprint bytes; throws {@link SdpParseException} unless the value is hex pairs separated
   * by colons (RFC 8122 §5, case-insensitive).
   */
  public byte[] bytes() {
    int n = (value.length() + 1) / 3;
    if (value.length() != n * 3 - 1) {
      throw SdpParseException.invalid(value, "fingerprint is not colon-separated hex pairs");
    }
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      int hi = Character.digit(value.charAt(i * 3), 16);
      int lo = Character.digit(value.charAt(i * 3 + 1), 16);
      if (hi < 0 || lo < 0 || (i < n - 1 && value.charAt(i * 3 + 2) != ':')) {
        throw SdpParseException.invalid(value, "fingerprint is not colon-separated hex pairs");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  /** The canonical value: {@code sha-256 AB:CD:...}. */
  public String toValue() {
    return hashFunction + ' ' + value;
  }
}
