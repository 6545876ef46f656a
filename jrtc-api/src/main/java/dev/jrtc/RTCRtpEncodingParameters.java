package dev.jrtc;

/**
 * The W3C {@code RTCRtpEncodingParameters} dictionary (the members this version uses); absent
 * optional members are null.
 *
 * @param rid the RTP stream id for simulcast, or null
 * @param active whether the encoding is sent (default true)
 * @param maxBitrate the maximum bitrate in bps, or null
 * @param maxFramerate the maximum frame rate, or null
 * @param scaleResolutionDownBy the downscale factor (video), or null
 */
public record RTCRtpEncodingParameters(String rid, boolean active, Long maxBitrate,
    Double maxFramerate, Double scaleResolutionDownBy) {

  /** An active encoding with no limits. */
  public static RTCRtpEncodingParameters defaults() {
    return new RTCRtpEncodingParameters(null, true, null, null, null);
  }

  /** An active encoding with the given rid. */
  public static RTCRtpEncodingParameters withRid(String rid) {
    return new RTCRtpEncodingParameters(rid, true, null, null, null);
  }

  /** This encoding with another {@code scaleResolutionDownBy} (null removes it). */
  public RTCRtpEncodingParameters withScaleResolutionDownBy(Double scale) {
    return new RTCRtpEncodingParameters(rid, active, maxBitrate, maxFramerate, scale);
  }

  /** This encoding with another {@code active}. */
  public RTCRtpEncodingParameters withActive(boolean isActive) {
    return new RTCRtpEncodingParameters(rid, isActive, maxBitrate, maxFramerate, scaleResolutionDownBy);
  }
}
