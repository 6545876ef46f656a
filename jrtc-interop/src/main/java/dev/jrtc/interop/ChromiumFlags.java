package dev.jrtc.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chromium flags for the tests of one class under {@link ChromiumExtension}, for tests that need
 * another network view (e.g. mDNS host candidates: leave out the flag that turns hiding off).
 * Classes with the same flags share one browser; the base flags of {@link Chromium#BASE_FLAGS}
 * always apply.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ChromiumFlags {

  /** Flags added after the base flags. */
  String[] value();

  /**
   * When true (the default) the flags replace {@link Chromium#DEFAULT_WEBRTC_FLAGS}; when false
   * they are added to them.
   */
  boolean replaceDefaults() default true;
}
