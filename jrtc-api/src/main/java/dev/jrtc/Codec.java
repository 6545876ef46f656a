package dev.jrtc;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One RTP payload format of an m-section: {@code a=rtpmap}, its {@code a=fmtp} parameters and
 * its {@code a=rtcp-fb} lines (RFC 8866 §6.6, RFC 4585 §4.2).
 *
 * @param payloadType the payload type
 * @param name the encoding name as written ({@code opus}, {@code VP8}, {@code rtx})
 * @param clockRate the clock rate
 * @param channels the channel count, 0 when absent
 * @param fmtp the format parameters, {@code ""} when absent
 * @param feedback the rtcp-fb values ({@code "nack"}, {@code "nack pli"}, ...)
 */
record Codec(int payloadType, String name, int clockRate, int channels, String fmtp,
    List<String> feedback) {

  Codec {
    fmtp = fmtp == null ? "" : fmtp;
    feedback = List.copyOf(feedback);
  }

  boolean isRtx() {
    return name.equalsIgnoreCase("rtx");
  }

  /** The value of one fmtp parameter, or null. */
  String param(String key) {
    return params().get(key);
  }

  Map<String, String> params() {
    java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
    for (String part : fmtp.split(";")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        map.put(p.toLowerCase(Locale.ROOT), "");
      } else {
        map.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
      }
    }
    return map;
  }

  /** The same codec with another payload type (and rtx apt). */
  Codec withPayloadType(int pt) {
    return new Codec(pt, name, clockRate, channels, fmtp, feedback);
  }

  Codec withFeedback(List<String> fb) {
    return new Codec(payloadType, name, clockRate, channels, fmtp, fb);
  }
}
