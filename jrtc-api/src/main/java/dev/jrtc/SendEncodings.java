package dev.jrtc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The [[SendEncodings]] rules of webrtc-pc §5.1 addTransceiver (steps on {@code sendEncodings})
 * and §5.2 setParameters: rid syntax (RFC 8851 §10, at most 255 characters), RangeErrors, audio
 * keeping one encoding, the simulcast layer limit and the default {@code scaleResolutionDownBy}.
 */
final class SendEncodings {

  private SendEncodings() {}

  /** The most simulcast layers a video sender keeps (Chromium's limit too). */
  static final int MAX_LAYERS = 4;

  /** Checks and completes the encodings of addTransceiver; returns the sender's [[SendEncodings]]. */
  static List<RTCRtpEncodingParameters> normalize(String kind, List<RTCRtpEncodingParameters> encodings) {
    Set<String> rids = new HashSet<>();
    for (RTCRtpEncodingParameters e : encodings) {
      if (e.rid() != null) {
        // RFC 8852 §3.1 (the RtpStreamId SDES item): alphanumeric, at most 255 characters
        if (e.rid().isEmpty() || e.rid().length() > 255 || !e.rid().matches("[A-Za-z0-9]+")) {
          throw new TypeException("Invalid rid '" + e.rid() + "': 1 to 255 alphanumeric characters");
        }
        if (!rids.add(e.rid())) {
          throw new TypeException("Duplicate rid '" + e.rid() + "'");
        }
      } else if (encodings.size() > 1) {
        throw new TypeException("Every encoding needs a rid when there are several");
      }
      if (kind.equals("video")) {
        checkRanges(e);
      }
    }
    if (kind.equals("audio")) {
      // audio has one encoding; with several, only the first one's active survives
      if (encodings.isEmpty()) {
        return List.of(RTCRtpEncodingParameters.defaults());
      }
      RTCRtpEncodingParameters first = encodings.get(0);
      if (encodings.size() > 1) {
        return List.of(new RTCRtpEncodingParameters(null, first.active(), null, null, null));
      }
      return List.of(new RTCRtpEncodingParameters(null, first.active(), first.maxBitrate(), null, null));
    }
    List<RTCRtpEncodingParameters> out = new ArrayList<>(
        encodings.isEmpty() ? List.of(RTCRtpEncodingParameters.defaults()) : encodings);
    while (out.size() > MAX_LAYERS) {
      out.remove(out.size() - 1);
    }
    if (out.size() == 1 && out.get(0).rid() != null) {
      // webrtc-pc addTransceiver: "If sendEncodings has length 1, remove its rid"
      RTCRtpEncodingParameters e = out.get(0);
      out.set(0, new RTCRtpEncodingParameters(null, e.active(), e.maxBitrate(), e.maxFramerate(),
          e.scaleResolutionDownBy()));
    }
    boolean anyScale = out.stream().anyMatch(e -> e.scaleResolutionDownBy() != null);
    for (int i = 0; i < out.size(); i++) {
      RTCRtpEncodingParameters e = out.get(i);
      if (e.scaleResolutionDownBy() == null) {
        // none given: 2^(n-1-i), the last layer full size; some given: the others are 1
        double scale = anyScale ? 1.0 : Math.pow(2, out.size() - 1 - i);
        out.set(i, e.withScaleResolutionDownBy(scale));
      }
    }
    return List.copyOf(out);
  }

  private static void checkRanges(RTCRtpEncodingParameters e) {
    if (e.scaleResolutionDownBy() != null && e.scaleResolutionDownBy() < 1.0) {
      throw new RangeException("scaleResolutionDownBy " + e.scaleResolutionDownBy() + " is below 1.0");
    }
    if (e.maxFramerate() != null && e.maxFramerate() < 0) {
      throw new RangeException("maxFramerate " + e.maxFramerate() + " is negative");
    }
  }

  /**
   * webrtc-pc §5.2 setParameters step 4-6: the encodings must keep their number, order and rids
   * (InvalidModificationError); ranges are checked (RangeError); audio drops
   * scaleResolutionDownBy and video fills it with 1.
   */
  static List<RTCRtpEncodingParameters> forSetParameters(String kind, List<RTCRtpEncodingParameters> current,
      List<RTCRtpEncodingParameters> requested) {
    if (requested.size() != current.size()) {
      throw new InvalidModificationException("setParameters cannot add or remove encodings ("
          + requested.size() + " instead of " + current.size() + ")");
    }
    List<RTCRtpEncodingParameters> out = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      RTCRtpEncodingParameters e = requested.get(i);
      if (!java.util.Objects.equals(e.rid(), current.get(i).rid())) {
        throw new InvalidModificationException("setParameters cannot change or reorder rids");
      }
      if (kind.equals("audio")) {
        // video-only members are dropped from audio encodings, whatever their value
        out.add(new RTCRtpEncodingParameters(e.rid(), e.active(), e.maxBitrate(), null, null));
      } else {
        checkRanges(e);
        out.add(e.scaleResolutionDownBy() == null ? e.withScaleResolutionDownBy(1.0) : e);
      }
    }
    return List.copyOf(out);
  }
}
