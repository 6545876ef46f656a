package dev.jrtc.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the tests of one class under {@link ChromiumExtension} against headless Firefox ESR
 * ({@link Firefox}) instead of Chromium: same page, same RPC, one Firefox for all classes with the
 * same {@link #prefs()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface UseFirefox {

  /**
   * {@code user_pref(...)} lines written after {@link Firefox#PREFS} (a later line wins), e.g.
   * Firefox's default mDNS obfuscation of host candidates.
   */
  String[] prefs() default {};
}
