package dev.jrtc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The payload formats and header extensions jrtc offers, with Chromium's payload types and
 * parameters, and the JSEP answer rules that intersect them with an offer
 * (RFC 8829 §5.3.1: formats the answerer supports, in the offerer's order and with the offerer's
 * payload types; rtx only for an accepted primary format).
 */
final class MediaCodecs {

  private MediaCodecs() {}

  private static final List<String> AUDIO_FB = List.of("transport-cc");
  private static final List<String> VIDEO_FB =
      List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");

  static final List<Codec> AUDIO = List.of(
      new Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", AUDIO_FB),
      new Codec(0, "PCMU", 8000, 0, "", List.of()),
      new Codec(8, "PCMA", 8000, 0, "", List.of()),
      new Codec(110, "telephone-event", 48000, 0, "", List.of()),
      new Codec(126, "telephone-event", 8000, 0, "", List.of()));

  static final List<Codec> VIDEO = List.of(
      new Codec(96, "VP8", 90000, 0, "", VIDEO_FB),
      rtx(97, 96),
      new Codec(102, "H264", 90000, 0,
          "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f", VIDEO_FB),
      rtx(103, 102),
      new Codec(108, "H264", 90000, 0,
          "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", VIDEO_FB),
      rtx(109, 108),
      new Codec(45, "AV1", 90000, 0, "level-idx=5;profile=0;tier=0", VIDEO_FB),
      rtx(46, 45),
      new Codec(98, "VP9", 90000, 0, "profile-id=0", VIDEO_FB),
      rtx(99, 98));

  static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

  static final List<HeaderExtension> AUDIO_EXTENSIONS = List.of(
      new HeaderExtension(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
      new HeaderExtension(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
      new HeaderExtension(3, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
      new HeaderExtension(4, MID_URI));

  static final List<HeaderExtension> VIDEO_EXTENSIONS = List.of(
      new HeaderExtension(14, "urn:ietf:params:rtp-hdrext:toffset"),
      new HeaderExtension(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
      new HeaderExtension(13, "urn:3gpp:video-orientation"),
      new HeaderExtension(3, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
      new HeaderExtension(5, "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"),
      new HeaderExtension(6, "http://www.webrtc.org/experiments/rtp-hdrext/video-content-type"),
      new HeaderExtension(7, "http://www.webrtc.org/experiments/rtp-hdrext/video-timing"),
      new HeaderExtension(8, "http://www.webrtc.org/experiments/rtp-hdrext/color-space"),
      new HeaderExtension(4, MID_URI),
      new HeaderExtension(10, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"),
      new HeaderExtension(11, "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"));

  private static Codec rtx(int pt, int apt) {
    return new Codec(pt, "rtx", 90000, 0, "apt=" + apt, List.of());
  }

  static List<Codec> defaults(String kind) {
    return kind.equals("audio") ? AUDIO : VIDEO;
  }

  static List<HeaderExtension> defaultExtensions(String kind) {
    return kind.equals("audio") ? AUDIO_EXTENSIONS : VIDEO_EXTENSIONS;
  }

  /** The supported primary codec matching an offered one, or null (name, clock, channels, profile). */
  static Codec match(String kind, Codec offered) {
    for (Codec ours : defaults(kind)) {
      if (ours.isRtx() || !ours.name().equalsIgnoreCase(offered.name())
          || ours.clockRate() != offered.clockRate()) {
        continue;
      }
      if (ours.name().equalsIgnoreCase("opus") && offered.channels() != 2) {
        continue;
      }
      if (compatibleParameters(ours, offered)) {
        return ours;
      }
    }
    return null;
  }

  /** Format-specific parameter compatibility (RFC 6184 §8.2.2 for H264; profile ids for VP9/AV1). */
  private static boolean compatibleParameters(Codec ours, Codec offered) {
    String name = ours.name().toUpperCase(Locale.ROOT);
    switch (name) {
      case "H264": {
        String mode = offered.param("packetization-mode");
        if (!"1".equals(mode)) {
          return false; // we only implement non-interleaved mode (RFC 6184 §6.3)
        }
        String plid = offered.param("profile-level-id");
        String oursPlid = ours.param("profile-level-id");
        if (plid == null) {
          plid = "42000a"; // RFC 6184 §8.1 default: Baseline, level 1.0
        }
        return plid.length() == 6 && oursPlid.regionMatches(true, 0, plid, 0, 4);
      }
      case "VP9": {
        String p = offered.param("profile-id");
        return p == null || p.equals(ours.param("profile-id"));
      }
      case "AV1": {
        String p = offered.param("profile");
        return p == null || p.equals(ours.param("profile"));
      }
      default:
        return true;
    }
  }

  /**
   * The answer's formats for an offered list (RFC 8829 §5.3.1): the offered formats that match a
   * supported one, in the offerer's order, with the offerer's payload types and parameters and
   * the intersection of the rtcp-fb values; rtx formats whose apt was accepted.
   */
  static List<Codec> negotiate(String kind, List<Codec> offered) {
    List<Codec> out = new ArrayList<>();
    Set<Integer> accepted = new HashSet<>();
    for (Codec o : offered) {
      if (o.isRtx()) {
        continue;
      }
      Codec ours = match(kind, o);
      if (ours != null) {
        List<String> fb = new ArrayList<>();
        for (String f : o.feedback()) {
          if (ours.feedback().contains(f)) {
            fb.add(f);
          }
        }
        out.add(o.withFeedback(fb));
        accepted.add(o.payloadType());
      }
    }
    List<Codec> result = new ArrayList<>();
    for (Codec o : offered) {
      if (o.isRtx()) {
        String apt = o.param("apt");
        if (apt != null && kind.equals("video") && accepted.contains(parseIntOr(apt, -1))) {
          result.add(o.withFeedback(List.of()));
        }
      } else if (accepted.contains(o.payloadType())) {
        for (Codec c : out) {
          if (c.payloadType() == o.payloadType()) {
            result.add(c);
            break;
          }
        }
      }
    }
    return result;
  }

  /** The offered extensions that are supported, with the offerer's ids and order. */
  static List<HeaderExtension> negotiateExtensions(String kind, List<HeaderExtension> offered) {
    List<HeaderExtension> out = new ArrayList<>();
    for (HeaderExtension o : offered) {
      for (HeaderExtension ours : defaultExtensions(kind)) {
        if (ours.uri().equals(o.uri())) {
          out.add(o);
          break;
        }
      }
    }
    return out;
  }

  /**
   * Orders (and filters) formats by codec preferences (RFC 8829 §5.2.1/§5.3.1: "in the order of
   * the codec preferences, excluding codecs not present"); an rtx format follows its primary
   * format when rtx is preferred. No preferences: the list as is.
   */
  static List<Codec> applyPreferences(String kind, List<Codec> formats, List<RTCRtpCodec> preferences) {
    if (preferences.isEmpty()) {
      return formats;
    }
    boolean rtxPreferred = false;
    for (RTCRtpCodec p : preferences) {
      rtxPreferred |= p.mimeType().equalsIgnoreCase(kind + "/rtx");
    }
    List<Codec> out = new ArrayList<>();
    for (RTCRtpCodec p : preferences) {
      for (Codec c : formats) {
        if (c.isRtx() || out.contains(c)) {
          continue;
        }
        // an offered format is compared through the supported format it matches (its own fmtp
        // may be written differently, e.g. parameters in another order)
        Codec ours = match(kind, c);
        if (ours != null && RTCRtpCapabilities.matches(p, RTCRtpCapabilities.capability(kind, ours))) {
          out.add(c);
          if (rtxPreferred) {
            for (Codec r : formats) {
              if (r.isRtx() && Integer.toString(c.payloadType()).equals(r.param("apt"))) {
                out.add(r);
              }
            }
          }
        }
      }
    }
    return out;
  }

  static int parseIntOr(String s, int fallback) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
