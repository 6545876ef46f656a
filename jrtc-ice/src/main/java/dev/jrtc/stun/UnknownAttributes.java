package dev.jrtc.stun;

import java.util.List;

/**
 * UNKNOWN-ATTRIBUTES (type 0x000A), RFC 8489 §14.13: the comprehension-required attribute
 * types that caused a 420 error, 16 bits each.
 *
 * @param types the attribute types
 */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x000A;

  /** Copies and validates the list. */
  public UnknownAttributes {
    types = List.copyOf(types);
    for (int t : types) {
      if (t < 0 || t > 0xffff) {
        throw new IllegalArgumentException("attribute type out of range: " + t);
      }
    }
    if (types.size() * 2 > 0xffff) {
      throw new IllegalArgumentException("too many types");
    }
  }

  @Override
  public int type() {
    return TYPE;
  }
}
