package dev.jrtc.ice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nomination and selection for an {@link IceAgent}: regular nomination by the controlling agent
 * (RFC 8445 §8.1.1), the nominated pair becoming the selected one in the current generation
 * (which completes a restart, §9), and the fallback to another valid pair when consent on the
 * selected one is missing (RFC 7675 §5.1). Works on the agent's state; driven only by the agent,
 * on its loop.
 */
final class Nomination {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.ice");
  private final IceAgent a;

  Nomination(IceAgent agent) {
    this.a = agent;
  }

  /** Regular nomination by the controlling agent, RFC 8445 §8.1.1. */
  void maybeNominate(Generation g, long now) {
    if (!a.controlling || a.config.lite() || g.nominated != null || g.nominating != null || g.remote == null) {
      return;
    }
    CheckList.Entry best = g.checkList.bestValid();
    if (best == null) {
      return;
    }
    if (g.checkList.anyPendingAbove(best.priority) && now < g.firstValidNanos + IceAgent.NOMINATION_WAIT_NANOS) {
      return;
    }
    g.nominating = best;
    a.checks.check(g, best, true, a.controlling, a.tieBreaker, now);
  }

  void nominate(Generation g, CheckList.Entry valid, long now) {
    boolean replaceable = a.selected == null || a.selected.disconnected || a.selected.expired;
    if (g.nominated != null && g.nominated.priority >= valid.priority && !replaceable) {
      valid.nominated = true;
      return;
    }
    valid.nominated = true;
    g.nominated = valid;
    if (g == a.gen && (a.selected == null || a.selected.entry != valid)) {
      select(g, valid, now);
    }
  }

  private void select(Generation g, CheckList.Entry valid, long now) {
    a.selected = new SelectedPair(g, valid, now, now + a.consentInterval());
    a.previous = null; // a restart completes when the new generation selects (§9)
    LOG.debug("{} ICE selected pair {} -> {}", a.config.logId(), valid.local.type().value(),
        valid.remote.type().value());
    a.events.add(new IceEvent.SelectedPairChanged(valid.pair()));
    a.local.selected(valid.local, valid.remote.address(), now);
  }

  /**
   * Consent on the selected pair is missing (RFC 7675 §5.1): move to the best other valid pair
   * that answered a check after the selected pair went quiet, before declaring the transport
   * disconnected (Chromium switches to a writable backup connection the same way). Each side
   * falls back on its own; data from any remote candidate is accepted.
   */
  void maybeFallBack(long now) {
    SelectedPair s = a.selected;
    CheckList.Entry e = s == null || s.gen != a.gen ? null : s.fallback();
    if (e != null) {
      LOG.debug("{} ICE consent lost on the selected pair: falling back", a.config.logId());
      s.gen.nominated = e;
      e.nominated = true;
      select(s.gen, e, now);
      a.selected.lastConsentNanos = e.lastResponseNanos;
    }
  }
}
