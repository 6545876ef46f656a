package dev.jrtc;

/**
 * The W3C {@code RTCRtpCodec} dictionary (https://w3c.github.io/webrtc-pc/#dom-rtcrtpcodec).
 *
 * @param mimeType the MIME type, e.g. {@code audio/opus} or {@code video/rtx}
 * @param clockRate the RTP clock rate
 * @param channels the channel count (audio), or null
 * @param sdpFmtpLine the {@code a=fmtp} parameters, or null
 */
public record RTCRtpCodec(String mimeType, long clockRate, Integer channels, String sdpFmtpLine) {}
