package dev.jrtc;

import java.util.List;

/**
 * The W3C {@code RTCRtpSendParameters} dictionary that {@link RTCRtpSender#getParameters()} returns
 * and {@link RTCRtpSender#setParameters(RTCRtpSendParameters)} takes back, changed. Only the
 * encodings' {@code active}, {@code maxBitrate}, {@code maxFramerate} and
 * {@code scaleResolutionDownBy} may change.
 *
 * @param transactionId identifies the getParameters call these came from
 * @param encodings the encodings (required)
 * @param headerExtensions the negotiated header extensions (read-only)
 * @param rtcp the RTCP parameters (read-only)
 * @param codecs the negotiated codecs (read-only)
 * @param degradationPreference the webrtc-extensions {@code RTCDegradationPreference} IDL string, or null
 */
public record RTCRtpSendParameters(String transactionId, List<RTCRtpEncodingParameters> encodings,
    List<RTCRtpHeaderExtensionParameters> headerExtensions, RTCRtcpParameters rtcp,
    List<RTCRtpCodecParameters> codecs, String degradationPreference) {

  /** Copies the lists; {@code encodings} is a required member (TypeError when absent). */
  public RTCRtpSendParameters {
    if (encodings == null) {
      throw new TypeException("RTCRtpSendParameters.encodings is required");
    }
    if (transactionId == null) {
      throw new TypeException("RTCRtpSendParameters.transactionId is required");
    }
    encodings = List.copyOf(encodings);
    headerExtensions = headerExtensions == null ? List.of() : List.copyOf(headerExtensions);
    codecs = codecs == null ? List.of() : List.copyOf(codecs);
    if (degradationPreference != null && !List.of("maintain-framerate", "maintain-resolution", "balanced")
        .contains(degradationPreference)) {
      throw new TypeException("Invalid degradationPreference '" + degradationPreference + "'");
    }
  }

  /**
   * The dictionary from its IDL members as a JS binding reads them (parallel lists for the codecs
   * and header extensions; absent members null).
   */
  public static RTCRtpSendParameters fromIdl(String transactionId, List<RTCRtpEncodingParameters> encodings,
      String degradationPreference, List<RTCRtpCodec> codecs, List<?> payloadTypes,
      List<String> headerExtensionUris, List<?> headerExtensionIds, String cname, Boolean reducedSize) {
    List<RTCRtpCodecParameters> cs = new java.util.ArrayList<>();
    for (int i = 0; codecs != null && i < codecs.size(); i++) {
      RTCRtpCodec c = codecs.get(i);
      Integer pt = number(payloadTypes, i);
      cs.add(new RTCRtpCodecParameters(pt == null ? -1 : pt, c.mimeType(), c.clockRate(), c.channels(),
          c.sdpFmtpLine()));
    }
    List<RTCRtpHeaderExtensionParameters> hs = new java.util.ArrayList<>();
    for (int i = 0; headerExtensionUris != null && i < headerExtensionUris.size(); i++) {
      Integer id = number(headerExtensionIds, i);
      hs.add(new RTCRtpHeaderExtensionParameters(headerExtensionUris.get(i), id == null ? 0 : id, false));
    }
    return new RTCRtpSendParameters(transactionId, encodings, hs,
        new RTCRtcpParameters(cname, reducedSize != null && reducedSize), cs, degradationPreference);
  }

  /** Element {@code i} of a list of numbers of any boxed type (a JS binding's list), or null. */
  private static Integer number(List<?> values, int i) {
    if (values == null || i >= values.size() || values.get(i) == null) {
      return null;
    }
    if (!(values.get(i) instanceof Number n)) {
      throw new TypeException("Expected a number, got " + values.get(i));
    }
    return n.intValue();
  }

  /** These parameters with other encodings (the one thing an application changes). */
  public RTCRtpSendParameters withEncodings(List<RTCRtpEncodingParameters> newEncodings) {
    return new RTCRtpSendParameters(transactionId, newEncodings, headerExtensions, rtcp, codecs,
        degradationPreference);
  }
}
