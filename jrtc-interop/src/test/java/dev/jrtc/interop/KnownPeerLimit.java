package dev.jrtc.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interop cell that fails today because the other peer cannot do what the cell asks
 * (a missing feature of Chromium, Firefox or aiortc, not a jrtc bug). Same must-fail semantics as
 * {@link KnownJrtcBug}, applied by {@link KnownFailures}:
 *
 * <ul>
 *   <li>if the cell fails with a message containing {@link #failureContains()}, the failure is
 *       reported (a JUnit report entry "known-peer-limit" and a WARN "known peer limitation
 *       reproduced") and the test passes;
 *   <li>if it fails any other way, it fails as usual;
 *   <li>if it passes, it fails with "fixed: remove @KnownPeerLimit", so the mark goes when the
 *       peer gains the feature.
 * </ul>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface KnownPeerLimit {

  /** The peer, its version, and what it lacks, with the evidence (source file, spec section). */
  String value();

  /** A piece of the expected failure's message, precise enough to match only this limitation. */
  String failureContains();
}
