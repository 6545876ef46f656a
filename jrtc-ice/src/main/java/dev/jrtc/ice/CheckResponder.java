package dev.jrtc.ice;

import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.IceControlled;
import dev.jrtc.stun.IceControlling;
import dev.jrtc.stun.MessageIntegrity;
import dev.jrtc.stun.Priority;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.Username;
import java.util.List;

/**
 * The first half of answering a connectivity check, RFC 8445 §7.3.1 and RFC 8489 §9.1.3:
 * authenticate it, validate it and resolve a role conflict (§7.3.1.1). Stateless; the agent
 * applies the {@link Verdict}.
 */
final class CheckResponder {
  private CheckResponder() {}

  /** What to do with a request. */
  enum Outcome {
    /** Answer with success and process it. */
    ACCEPT,
    /** Answer with success after switching role (§7.3.1.1). */
    ACCEPT_AFTER_ROLE_SWITCH,
    /** Answered with an error because of its credentials (counted as unauthenticated). */
    REJECT_UNAUTHENTICATED,
    /** Answered with an error because it is malformed (counted as malformed). */
    REJECT_MALFORMED,
    /** Answered with 487: we keep our role (§7.3.1.1). */
    REJECT_ROLE_CONFLICT
  }

  /**
   * The verdict.
   *
   * @param outcome what to do
   * @param generation the session generation the USERNAME names, or null
   * @param key the short-term key of that generation, or null
   * @param priority the PRIORITY of the request (accepted requests)
   * @param errorResponse the error response to send, or null for accepted requests
   */
  record Verdict(Outcome outcome, Generation generation, byte[] key, long priority, byte[] errorResponse) {}

  static Verdict judge(StunMessage m, Generation current, Generation previous, boolean lite, boolean controlling,
      long tieBreaker) {
    Username username = m.attribute(Username.class).orElse(null);
    if (username == null || !m.has(MessageIntegrity.class)) {
      return new Verdict(Outcome.REJECT_UNAUTHENTICATED, null, null, 0,
          IceMessages.error(m, ErrorCode.BAD_REQUEST, "Bad Request", null));
    }
    String u = username.value();
    int colon = u.indexOf(':');
    String localUfrag = colon < 0 ? u : u.substring(0, colon);
    Generation g = null;
    if (current.local.ufrag().equals(localUfrag)) {
      g = current;
    } else if (previous != null && previous.local.ufrag().equals(localUfrag)) {
      g = previous;
    }
    byte[] key = g == null ? null : StunCredentials.shortTermKey(g.local.pwd());
    if (g == null || !m.checkMessageIntegrity(key)) {
      return new Verdict(Outcome.REJECT_UNAUTHENTICATED, null, null, 0,
          IceMessages.error(m, ErrorCode.UNAUTHENTICATED, "Unauthenticated", null));
    }
    // RFC 8445 §7.3 / RFC 8489 §9.1.3: USERNAME is "LFRAG:RFRAG". Once a generation knows the
    // peer's credentials, a request naming other peer credentials belongs to no generation (the
    // peer restarted and checks our old ufrag with its new one before it has our answer): it is
    // refused, so that the peer does not take a success (and a nomination) that we ignore.
    String remoteUfrag = colon < 0 ? null : u.substring(colon + 1);
    if (g.remote != null && !g.remote.ufrag().equals(remoteUfrag)) {
      return new Verdict(Outcome.REJECT_UNAUTHENTICATED, null, null, 0,
          IceMessages.error(m, ErrorCode.UNAUTHENTICATED, "Unauthenticated", null));
    }
    List<Integer> unknown = m.unknownComprehensionRequired();
    if (!unknown.isEmpty()) { // RFC 8489 §6.3.1.1
      return new Verdict(Outcome.REJECT_MALFORMED, g, key, 0, IceMessages.unknownAttributes(m, unknown, key));
    }
    Priority priority = m.attribute(Priority.class).orElse(null);
    if (priority == null || priority.priority() < 1 || priority.priority() > 0x7fffffffL) {
      return new Verdict(Outcome.REJECT_MALFORMED, g, key, 0,
          IceMessages.error(m, ErrorCode.BAD_REQUEST, "Missing PRIORITY", key));
    }
    Outcome outcome = Outcome.ACCEPT;
    if (!lite) { // §7.3.1.1
      IceControlling theirControlling = m.attribute(IceControlling.class).orElse(null);
      IceControlled theirControlled = m.attribute(IceControlled.class).orElse(null);
      if (controlling && theirControlling != null) {
        outcome = Long.compareUnsigned(tieBreaker, theirControlling.tieBreaker()) >= 0
            ? Outcome.REJECT_ROLE_CONFLICT : Outcome.ACCEPT_AFTER_ROLE_SWITCH;
      } else if (!controlling && theirControlled != null) {
        outcome = Long.compareUnsigned(tieBreaker, theirControlled.tieBreaker()) >= 0
            ? Outcome.ACCEPT_AFTER_ROLE_SWITCH : Outcome.REJECT_ROLE_CONFLICT;
      }
    }
    byte[] error = outcome == Outcome.REJECT_ROLE_CONFLICT
        ? IceMessages.error(m, ErrorCode.ROLE_CONFLICT, "Role Conflict", key) : null;
    return new Verdict(outcome, g, key, priority.priority(), error);
  }
}
