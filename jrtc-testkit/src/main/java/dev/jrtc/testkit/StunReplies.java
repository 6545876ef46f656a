package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;
import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.Fingerprint;
import dev.jrtc.stun.Software;
import dev.jrtc.stun.StunAttribute;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunParseException;
import dev.jrtc.stun.UnknownAttributes;
import dev.jrtc.stun.XorMappedAddress;
import java.util.List;

/** STUN server-side helpers shared by {@link SimStunServer} and {@link SimTurnServer}. */
final class StunReplies {
  static final String SOFTWARE = "jrtc-testkit";

  private StunReplies() {}

  /** Parses a datagram as STUN; null when it is not STUN, is malformed or fails its FINGERPRINT. */
  static StunMessage parse(byte[] data) {
    if (!StunMessage.isStun(data, 0, data.length)) {
      return null;
    }
    try {
      StunMessage m = StunMessage.parse(data);
      if (m.has(Fingerprint.class) && !m.checkFingerprint()) {
        return null; // RFC 8489 §14.7
      }
      return m;
    } catch (StunParseException e) {
      return null;
    }
  }

  /** The Binding success response, RFC 8489 §7.3.1: XOR-MAPPED-ADDRESS of the request's source. */
  static byte[] bindingSuccess(StunMessage request, TransportAddress source) {
    return StunMessage.builder(request.method(), StunClass.SUCCESS_RESPONSE, request.transactionId())
        .add(new XorMappedAddress(source.address(), source.port()))
        .add(new Software(SOFTWARE))
        .addFingerprint().build().encode();
  }

  /** An error response; MESSAGE-INTEGRITY under {@code key} when not null. */
  static byte[] error(StunMessage request, int code, String reason, byte[] key, List<StunAttribute> extra) {
    StunMessage.Builder b = StunMessage.builder(request.method(), StunClass.ERROR_RESPONSE, request.transactionId())
        .add(new ErrorCode(code, reason));
    for (StunAttribute a : extra) {
      b.add(a);
    }
    b.add(new Software(SOFTWARE));
    if (key != null) {
      b.addMessageIntegrity(key);
    }
    return b.addFingerprint().build().encode();
  }

  /**
   * The 420 answer to a request with comprehension-required attributes we do not know
   * (RFC 8489 §6.3.1.1), or null when there are none.
   */
  static byte[] unknownAttributes(StunMessage request, byte[] key) {
    List<Integer> unknown = request.unknownComprehensionRequired();
    if (unknown.isEmpty()) {
      return null;
    }
    return error(request, ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute", key,
        List.of(new UnknownAttributes(unknown)));
  }
}
