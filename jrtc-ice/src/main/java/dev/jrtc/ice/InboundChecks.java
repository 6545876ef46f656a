package dev.jrtc.ice;

import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.UseCandidate;
import dev.jrtc.stun.XorMappedAddress;

/**
 * The connectivity checks that reach an {@link IceAgent}: Binding requests from the peer (RFC
 * 8445 §7.3: authenticated, answered, peer-reflexive candidates learned, triggered checks and
 * the peer's nomination) and the responses to the agent's own checks and consent checks (§7.2.5,
 * RFC 7675 §5.1: valid pairs, role conflicts, failures). Works on the agent's state; driven only
 * by the agent, on its loop.
 */
final class InboundChecks {
  private final IceAgent a;

  InboundChecks(IceAgent agent) {
    this.a = agent;
  }

  /** RFC 8445 §7.3: a Binding request from the peer, answered as the STUN server of the local candidate. */

  void onRequest(StunMessage m, TransportAddress local, TransportAddress remote, long now) {
    CheckResponder.Verdict v = CheckResponder.judge(m, a.gen, a.previous, a.config.lite(), a.controlling, a.tieBreaker);
    switch (v.outcome()) {
      case REJECT_UNAUTHENTICATED:
        a.unauthenticated++;
        a.emit(new Transmit(local, remote, v.errorResponse()));
        return;
      case REJECT_MALFORMED:
        a.malformed++;
        a.emit(new Transmit(local, remote, v.errorResponse()));
        return;
      case REJECT_ROLE_CONFLICT:
        a.emit(new Transmit(local, remote, v.errorResponse()));
        return;
      case ACCEPT_AFTER_ROLE_SWITCH:
        a.switchRole(!a.controlling);
        break;
      default:
        break;
    }
    Generation g = v.generation();
    if (g == a.gen && g.relayOnly && !g.hasLocalBase(local)) {
      // webrtc-pc iceTransportPolicy relay: a base this generation does not use (a host socket
      // kept for the previous generation) answers none of its checks.
      a.unknownData++;
      return;
    }
    // §7.3.1.2 success response.
    a.emit(new Transmit(local, remote, IceMessages.success(m, remote, v.key())));
    CheckList.Entry answered = a.entryFor(local, remote);
    if (answered != null) {
      answered.requestsReceived++;
      answered.responsesSent++;
    }
    if (a.selected != null && a.selected.gen == g && a.selected.entry.remote.address().equals(remote)) {
      a.selected.lastSentNanos = now;
    }
    if (g != a.gen) {
      return; // the old generation only answers consent until the new one selects
    }
    boolean useCandidate = m.has(UseCandidate.class);
    g.learnRemote(remote, v.priority(), g.locals, a.controlling, useCandidate); // §7.3.1.3
    // §7.3.1.4: the triggered check needs its pair even in a full check list (§6.1.2.5).
    CheckList.Entry entry = g.pairForRequest(local, remote, g.locals, a.controlling);
    if (entry == null) {
      return;
    }
    if (answered == null) { // the request made the pair (peer-reflexive or not yet paired)
      entry.requestsReceived++;
      entry.responsesSent++;
    }
    if (a.config.lite()) {
      // A lite agent does not check: the controlling peer's nomination selects the pair (§7.3.1.5).
      if (useCandidate) {
        entry.state = CandidatePairState.SUCCEEDED;
        entry.valid = true;
        entry.validPair = entry;
        entry.lastResponseNanos = now;
        a.nomination.nominate(g, entry, now);
      }
      return;
    }
    if (entry.state == CandidatePairState.IN_PROGRESS) {
      a.checks.cancelOrdinary(entry); // §7.3.1.4: superseded by the triggered check
    }
    CheckList.Entry nominated = g.checkReceived(entry, useCandidate && !a.controlling);
    if (nominated != null) {
      a.nomination.nominate(g, nominated, now);
    }
  }

  /** RFC 8445 §7.2.5: the response to one of our checks (or consent checks, RFC 7675). */

  void onResponse(StunMessage m, TransportAddress local, TransportAddress remote, long now) {
    PendingCheck p = a.checks.get(m.transactionId());
    if (p == null) {
      a.stale++;
      return;
    }
    if (p.gen.remote == null || !m.checkMessageIntegrity(StunCredentials.shortTermKey(p.gen.remote.pwd()))) {
      a.unauthenticated++;
      return;
    }
    a.checks.answered(m.transactionId(), p);
    CheckList.Entry entry = p.entry;
    entry.responsesReceived++;
    if (p.tx.transmissions() == 1) {
      // webrtc-stats currentRoundTripTime: only a check sent once measures the path (Karn).
      long rtt = Math.max(0, now - p.sentNanos);
      entry.totalRoundTripNanos += rtt;
      entry.lastRoundTripNanos = rtt;
      entry.roundTripMeasurements++;
    }
    if (p.kind == PendingCheck.Kind.CHECK && !p.gen.checkList.contains(entry)) {
      return; // the pair was discarded meanwhile (§6.1.2.5)
    }
    // §7.2.5.2.1 non-symmetric transport addresses fail the check (and grant no consent).
    boolean symmetric = remote.equals(entry.remote.address()) && local.equals(entry.local.base());
    if (p.kind == PendingCheck.Kind.CONSENT) {
      if (symmetric && m.stunClass() == StunClass.SUCCESS_RESPONSE && a.selected != null && a.selected.entry == entry) {
        entry.lastResponseNanos = now;
        a.selected.refreshed(now);
      }
      return;
    }
    if (p.useCandidate && p.gen.nominating == entry) {
      p.gen.nominating = null;
    }
    if (!symmetric) {
      p.gen.fail(entry);
      return;
    }
    if (m.stunClass() == StunClass.ERROR_RESPONSE) {
      int code = m.attribute(ErrorCode.class).map(ErrorCode::code).orElse(0);
      if (code == ErrorCode.ROLE_CONFLICT) {
        // §7.2.5.1: switch role (unless already switched) and retry the pair as a triggered check.
        if (p.controlling == a.controlling) {
          a.switchRole(!a.controlling);
        }
        p.gen.checkList.trigger(entry);
      } else {
        p.gen.fail(entry);
      }
      return;
    }
    XorMappedAddress mapped = m.attribute(XorMappedAddress.class).orElse(null);
    if (mapped == null) {
      p.gen.fail(entry);
      return;
    }
    Generation g = p.gen;
    TransportAddress mappedAddress = new TransportAddress(mapped.address(), mapped.port(), local.protocol());
    CheckList.Entry valid = g.succeeded(entry, mappedAddress, p.priority, g.locals, a.controlling, now);
    if (a.selected != null && a.selected.entry == valid) {
      a.selected.refreshed(now);
    }
    if (p.useCandidate) {
      a.nomination.nominate(g, valid, now); // §8.1.1 the nomination check succeeded
    } else if (!a.controlling && entry.nominateOnSuccess) {
      a.nomination.nominate(g, valid, now); // §7.3.1.5
    } else if (a.controlling) {
      a.nomination.maybeNominate(g, now);
    }
    a.nomination.maybeFallBack(now);
  }
}
