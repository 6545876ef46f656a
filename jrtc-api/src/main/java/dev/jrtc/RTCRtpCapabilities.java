package dev.jrtc;

import java.util.ArrayList;
import java.util.List;

/**
 * The W3C {@code RTCRtpCapabilities} dictionary: what {@link RTCRtpSender#getCapabilities} and
 * {@link RTCRtpReceiver#getCapabilities} report, from the formats jrtc negotiates.
 *
 * @param codecs the codecs, in preference order, rtx included
 * @param headerExtensions the header extensions
 */
public record RTCRtpCapabilities(List<RTCRtpCodec> codecs, List<RTCRtpHeaderExtensionCapability> headerExtensions) {

  /** Copies the lists. */
  public RTCRtpCapabilities {
    codecs = List.copyOf(codecs);
    headerExtensions = List.copyOf(headerExtensions);
  }

  /** The capability entry of a payload format (rtx without its apt, which is per payload type). */
  static RTCRtpCodec capability(String kind, Codec c) {
    if (c.isRtx()) {
      return new RTCRtpCodec(kind + "/rtx", c.clockRate(), null, null);
    }
    return new RTCRtpCodec(kind + "/" + c.name(), c.clockRate(), channels(kind, c),
        c.fmtp().isEmpty() ? null : c.fmtp());
  }

  /** The channel count of an audio format: as in rtpmap, else 1 (RFC 8866 §6.6); null for video. */
  static Integer channels(String kind, Codec c) {
    if (!kind.equals("audio")) {
      return null;
    }
    return c.channels() > 0 ? c.channels() : 1;
  }

  /** Whether a codec given by the application is one of the capabilities (webrtc-pc "codec match"). */
  static boolean matches(RTCRtpCodec a, RTCRtpCodec b) {
    return a.mimeType() != null && a.mimeType().equalsIgnoreCase(b.mimeType())
        && a.clockRate() == b.clockRate()
        && java.util.Objects.equals(a.channels(), b.channels())
        && java.util.Objects.equals(a.sdpFmtpLine(), b.sdpFmtpLine());
  }

  /** The capabilities for {@code "audio"} or {@code "video"}; null for any other kind (the IDL's nullable result). */
  static RTCRtpCapabilities of(String kind) {
    if (!"audio".equals(kind) && !"video".equals(kind)) {
      return null;
    }
    List<RTCRtpCodec> codecs = new ArrayList<>();
    for (Codec c : MediaCodecs.defaults(kind)) {
      RTCRtpCodec rc = capability(kind, c);
      if (!codecs.contains(rc)) {
        codecs.add(rc);
      }
    }
    List<RTCRtpHeaderExtensionCapability> exts = new ArrayList<>();
    for (HeaderExtension e : MediaCodecs.defaultExtensions(kind)) {
      exts.add(new RTCRtpHeaderExtensionCapability(e.uri()));
    }
    return new RTCRtpCapabilities(codecs, exts);
  }
}
