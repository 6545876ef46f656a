package dev.jrtc.sctp;

import java.util.Comparator;

/**
 * Serial number arithmetic (RFC 1982) for 32-bit TSNs and 16-bit SSNs, as RFC 9260 §1.6 requires.
 * TSNs are Java ints holding the unsigned value.
 */
final class Tsn {
  /** Orders TSNs within a 2^31 window. */
  static final Comparator<Integer> ORDER = (a, b) -> Integer.compare(a - b, 0);
  /** Orders SSNs within a 2^15 window. */
  static final Comparator<Integer> SSN_ORDER = (a, b) -> Integer.compare((short) (a - b), 0);

  private Tsn() {}

  static boolean lt(int a, int b) {
    return a - b < 0;
  }

  static boolean le(int a, int b) {
    return a - b <= 0;
  }

  static boolean gt(int a, int b) {
    return a - b > 0;
  }

  static boolean ge(int a, int b) {
    return a - b >= 0;
  }

  static int max(int a, int b) {
    return gt(a, b) ? a : b;
  }

  static boolean ssnLt(int a, int b) {
    return (short) (a - b) < 0;
  }

  static boolean ssnLe(int a, int b) {
    return (short) (a - b) <= 0;
  }

  static String str(int tsn) {
    return Integer.toUnsignedString(tsn);
  }
}
