package dev.jrtc.stun;

/**
 * A STUN method, RFC 8489 §5 and §18.2 (an open set: unknown 12-bit codes survive re-encoding).
 *
 * @param code the 12-bit method number
 */
public record StunMethod(int code) {
  /** Binding, RFC 8489 §18.2. */
  public static final StunMethod BINDING = new StunMethod(0x001);
  /** Allocate, RFC 8656 §17. */
  public static final StunMethod ALLOCATE = new StunMethod(0x003);
  /** Refresh, RFC 8656 §17. */
  public static final StunMethod REFRESH = new StunMethod(0x004);
  /** Send, RFC 8656 §17. */
  public static final StunMethod SEND = new StunMethod(0x006);
  /** Data, RFC 8656 §17. */
  public static final StunMethod DATA = new StunMethod(0x007);
  /** CreatePermission, RFC 8656 §17. */
  public static final StunMethod CREATE_PERMISSION = new StunMethod(0x008);
  /** ChannelBind, RFC 8656 §17. */
  public static final StunMethod CHANNEL_BIND = new StunMethod(0x009);

  /** Validates the code. */
  public StunMethod {
    if (code < 0 || code > 0xfff) {
      throw new IllegalArgumentException("STUN method out of range: " + code);
    }
  }

  /**
   * The 14-bit message type combining this method and {@code cls}, RFC 8489 §5:
   * {@code M11..M7 C1 M6..M4 C0 M3..M0}.
   */
  public int messageType(StunClass cls) {
    int c = cls.bits();
    return ((code & 0xf80) << 2) | ((code & 0x070) << 1) | (code & 0x00f)
        | ((c & 2) << 7) | ((c & 1) << 4);
  }

  /** The method encoded in a 14-bit message type. */
  public static StunMethod ofMessageType(int type) {
    return new StunMethod(((type >> 2) & 0xf80) | ((type >> 1) & 0x070) | (type & 0x00f));
  }

  /** The class encoded in a 14-bit message type. */
  public static StunClass classOfMessageType(int type) {
    return StunClass.ofBits(((type >> 7) & 2) | ((type >> 4) & 1));
  }

  @Override
  public String toString() {
    switch (code) {
      case 0x001: return "Binding";
      case 0x003: return "Allocate";
      case 0x004: return "Refresh";
      case 0x006: return "Send";
      case 0x007: return "Data";
      case 0x008: return "CreatePermission";
      case 0x009: return "ChannelBind";
      default: return String.format("Method(0x%03x)", code);
    }
  }
}
