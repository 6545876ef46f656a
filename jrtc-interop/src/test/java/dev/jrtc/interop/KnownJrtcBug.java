package dev.jrtc.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interop test that fails today because of a known jrtc bug (STYLE.md S11,
 * "conformance IDs": a known failure is listed, and a listed failure that passes fails the build).
 * Under {@link ChromiumExtension} the test still runs in full:
 *
 * <ul>
 *   <li>if it fails with a message containing {@link #failureContains()}, the failure is reported
 *       (a JUnit report entry "known-jrtc-bug" with the whole message) and the test passes;
 *   <li>if it fails any other way, it fails as usual;
 *   <li>if it passes, it fails with "fixed: remove @KnownJrtcBug", so the mark cannot outlive the
 *       bug.
 * </ul>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface KnownJrtcBug {

  /** What is wrong in jrtc, with the spec reference. */
  String value();

  /** A piece of the expected failure's message, precise enough to match only this bug. */
  String failureContains();
}
