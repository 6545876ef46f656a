package dev.jrtc;

/** The W3C enum {@code RTCBundlePolicy}: how to gather ICE candidates for bundled m-sections (https://w3c.github.io/webrtc-pc/#rtcbundlepolicy-enum). */
public enum RTCBundlePolicy implements Idl.Value {
  /** {@code "balanced"}. */
  BALANCED("balanced"),
  /** {@code "max-compat"}. */
  MAX_COMPAT("max-compat"),
  /** {@code "max-bundle"}. */
  MAX_BUNDLE("max-bundle");

  private final String value;

  RTCBundlePolicy(String value) {
    this.value = value;
  }

  /** The IDL string of this value. */
  @Override
  public String value() {
    return value;
  }

  /** The constant for an IDL string; {@link TypeException} for an unknown one. */
  public static RTCBundlePolicy fromValue(String value) {
    return Idl.fromValue(RTCBundlePolicy.class, value);
  }
}
