package dev.jrtc.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the tests of one class under {@link ChromiumExtension} against headless Firefox ESR
 * ({@link Firefox}) instead of Chromium: same page, same RPC, one Firefox for all such classes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface UseFirefox {}
