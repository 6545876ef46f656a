package dev.jrtc.stun;

import java.text.Normalizer;

/**
 * SASLprep, RFC 4013 (the "query" profile: unassigned code points are let through), which RFC
 * 5389 §15.4 and RFC 5769 §2.4 apply to long-term credential passwords.
 */
final class SaslPrep {
  private SaslPrep() {}

  /** Prepares {@code s}; throws {@link IllegalArgumentException} for prohibited output. */
  static String prepare(String s) {
    StringBuilder mapped = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isNonAsciiSpace(cp)) {
        mapped.append(' '); // RFC 4013 §2.1: C.1.2 maps to SPACE
      } else if (!isMappedToNothing(cp)) {
        mapped.appendCodePoint(cp); // RFC 3454 B.1 maps to nothing
      }
    }
    String n = Normalizer.normalize(mapped, Normalizer.Form.NFKC); // RFC 4013 §2.2
    boolean hasRandAl = false;
    boolean hasL = false;
    for (int i = 0; i < n.length(); ) {
      int cp = n.codePointAt(i);
      i += Character.charCount(cp);
      if (isProhibited(cp)) { // RFC 4013 §2.3
        throw new IllegalArgumentException(String.format("prohibited code point U+%04X", cp));
      }
      byte dir = Character.getDirectionality(cp);
      if (dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
        hasRandAl = true;
      } else if (dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
        hasL = true;
      }
    }
    if (hasRandAl) { // RFC 3454 §6 bidi rules
      int first = n.codePointAt(0);
      int last = n.codePointBefore(n.length());
      if (hasL || !isRandAl(first) || !isRandAl(last)) {
        throw new IllegalArgumentException("bidirectional string violates RFC 3454 §6");
      }
    }
    return n;
  }

  private static boolean isRandAl(int cp) {
    byte dir = Character.getDirectionality(cp);
    return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
  }

  private static boolean isNonAsciiSpace(int cp) { // RFC 3454 C.1.2
    return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F
        || cp == 0x205F || cp == 0x3000;
  }

  private static boolean isMappedToNothing(int cp) { // RFC 3454 B.1
    return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
        || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
  }

  private static boolean isProhibited(int cp) {
    return isNonAsciiSpace(cp)
        || cp < 0x20 || cp == 0x7F // C.2.1
        || (cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E // C.2.2
        || cp == 0x200C || cp == 0x200D || cp == 0x2028 || cp == 0x2029
        || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF
        || (cp >= 0xFFF9 && cp <= 0xFFFD) || (cp >= 0x1D173 && cp <= 0x1D17A) // C.2.2, C.6
        || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) // C.3
        || (cp >= 0x100000 && cp <= 0x10FFFD)
        || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE // C.4
        || (cp >= 0xD800 && cp <= 0xDFFF) // C.5
        || (cp >= 0x2FF0 && cp <= 0x2FFB) // C.7
        || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F // C.8
        || (cp >= 0x202A && cp <= 0x202E)
        || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F); // C.9
  }
}
