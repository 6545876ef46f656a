package dev.jrtc.stun;

/**
 * ERROR-CODE (type 0x0009), RFC 8489 §14.8.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Reserved, should be 0         |Class|     Number    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Reason Phrase (variable)                                ..
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param code the error code, 300..699 (class * 100 + number)
 * @param reason the UTF-8 reason phrase (at most 763 bytes)
 */
public record ErrorCode(int code, String reason) implements StunAttribute {
  /** Attribute type. */
  public static final int TYPE = 0x0009;
  /** 300 Try Alternate. */
  public static final int TRY_ALTERNATE = 300;
  /** 400 Bad Request. */
  public static final int BAD_REQUEST = 400;
  /** 401 Unauthenticated. */
  public static final int UNAUTHENTICATED = 401;
  /** 403 Forbidden (RFC 8656). */
  public static final int FORBIDDEN = 403;
  /** 420 Unknown Attribute. */
  public static final int UNKNOWN_ATTRIBUTE = 420;
  /** 437 Allocation Mismatch (RFC 8656). */
  public static final int ALLOCATION_MISMATCH = 437;
  /** 438 Stale Nonce. */
  public static final int STALE_NONCE = 438;
  /** 440 Address Family not Supported (RFC 8656). */
  public static final int ADDRESS_FAMILY_NOT_SUPPORTED = 440;
  /** 441 Wrong Credentials (RFC 8656). */
  public static final int WRONG_CREDENTIALS = 441;
  /** 442 Unsupported Transport Protocol (RFC 8656). */
  public static final int UNSUPPORTED_TRANSPORT_PROTOCOL = 442;
  /** 443 Peer Address Family Mismatch (RFC 8656). */
  public static final int PEER_ADDRESS_FAMILY_MISMATCH = 443;
  /** 486 Allocation Quota Reached (RFC 8656). */
  public static final int ALLOCATION_QUOTA_REACHED = 486;
  /** 487 Role Conflict (RFC 8445 §7.3.1.1). */
  public static final int ROLE_CONFLICT = 487;
  /** 500 Server Error. */
  public static final int SERVER_ERROR = 500;
  /** 508 Insufficient Capacity (RFC 8656). */
  public static final int INSUFFICIENT_CAPACITY = 508;

  /** Validates the code and the reason length. */
  public ErrorCode {
    if (code < 300 || code > 699) {
      throw new IllegalArgumentException("error code must be 300..699: " + code);
    }
    AttributeCodec.checkUtf8(reason, 763, "ERROR-CODE reason");
  }

  @Override
  public int type() {
    return TYPE;
  }
}
