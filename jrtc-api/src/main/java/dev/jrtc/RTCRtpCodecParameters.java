package dev.jrtc;

/**
 * The W3C {@code RTCRtpCodecParameters} dictionary: a negotiated payload format.
 *
 * @param payloadType the RTP payload type
 * @param mimeType the MIME type ({@code audio/opus}, {@code video/rtx}, ...)
 * @param clockRate the clock rate
 * @param channels the channel count, or null
 * @param sdpFmtpLine the {@code a=fmtp} parameters, or null
 */
public record RTCRtpCodecParameters(int payloadType, String mimeType, long clockRate, Integer channels,
    String sdpFmtpLine) {

  static RTCRtpCodecParameters of(String kind, Codec c) {
    return new RTCRtpCodecParameters(c.payloadType(), kind + "/" + c.name(), c.clockRate(),
        RTCRtpCapabilities.channels(kind, c), c.fmtp().isEmpty() ? null : c.fmtp());
  }
}
