package dev.jrtc.ice;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.IceControlled;
import dev.jrtc.stun.IceControlling;
import dev.jrtc.stun.Priority;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.UseCandidate;
import dev.jrtc.stun.Username;
import dev.jrtc.stun.XorMappedAddress;

/** The STUN messages ICE sends, RFC 8445 §7.2.2, §7.3.1.2 and §11. */
final class IceMessages {
  private IceMessages() {}

  /**
   * A connectivity check (§7.2.2): USERNAME "remote:local", PRIORITY, ICE-CONTROLLING or
   * ICE-CONTROLLED with the tie-breaker, USE-CANDIDATE when nominating, MESSAGE-INTEGRITY with
   * the remote password, FINGERPRINT.
   */
  static StunMessage check(Entropy entropy, IceCredentials local, IceCredentials remote, long priority,
      boolean controlling, long tieBreaker, boolean useCandidate) {
    StunMessage.Builder b = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(entropy))
        .add(new Username(remote.ufrag() + ":" + local.ufrag()))
        .add(new Priority(priority))
        .add(controlling ? new IceControlling(tieBreaker) : new IceControlled(tieBreaker));
    if (useCandidate) {
      b.add(new UseCandidate());
    }
    return b.addMessageIntegrity(StunCredentials.shortTermKey(remote.pwd())).addFingerprint().build();
  }

  /** The success response (§7.3.1.2): XOR-MAPPED-ADDRESS of the request's source. */
  static byte[] success(StunMessage request, TransportAddress source, byte[] key) {
    return StunMessage.builder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, request.transactionId())
        .add(new XorMappedAddress(source.address(), source.port()))
        .addMessageIntegrity(key).addFingerprint().build().encode();
  }

  /** An error response; {@code key} null leaves out MESSAGE-INTEGRITY (RFC 8489 §9.1.3 for 400/401). */
  static byte[] error(StunMessage request, int code, String reason, byte[] key) {
    StunMessage.Builder b = StunMessage.builder(StunMethod.BINDING, StunClass.ERROR_RESPONSE, request.transactionId())
        .add(new ErrorCode(code, reason));
    if (key != null) {
      b.addMessageIntegrity(key);
    }
    return b.addFingerprint().build().encode();
  }

  /** A 420 error response listing the unknown comprehension-required attributes. */
  static byte[] unknownAttributes(StunMessage request, java.util.List<Integer> types, byte[] key) {
    return StunMessage.builder(StunMethod.BINDING, StunClass.ERROR_RESPONSE, request.transactionId())
        .add(new ErrorCode(ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute"))
        .add(new dev.jrtc.stun.UnknownAttributes(types))
        .addMessageIntegrity(key).addFingerprint().build().encode();
  }

  /** A keepalive (§11): a Binding indication with FINGERPRINT. */
  static byte[] keepalive(Entropy entropy) {
    return StunMessage.builder(StunMethod.BINDING, StunClass.INDICATION, TransactionId.random(entropy))
        .addFingerprint().build().encode();
  }
}
