package dev.jrtc.sdp;

import java.util.List;

/**
 * The {@code t=} line (RFC 8866 §5.9): start and stop times as NTP seconds, {@code 0 0} for an
 * unbounded session as WebRTC uses.
 */
public record Timing(long start, long stop) {

  /** Checks both times are not negative. */
  public Timing {
    if (start < 0 || stop < 0) {
      throw new IllegalArgumentException("negative time: " + start + " " + stop);
    }
  }

  /** Parses the value of a {@code t=} line. */
  public static Timing parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.size() != 2) {
      throw SdpParseException.invalid(value, "timing must be <start-time> <stop-time>");
    }
    return new Timing(Tokens.parseLong(value, f.get(0), "start time", 0, Long.MAX_VALUE),
        Tokens.parseLong(value, f.get(1), "stop time", 0, Long.MAX_VALUE));
  }

  /** The canonical value: {@code 0 0}. */
  public String toValue() {
    return start + " " + stop;
  }
}
