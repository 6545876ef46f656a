package dev.jrtc.sdp;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}
 * (RFC 8866 §6.6). For audio the encoding parameter is the number of channels.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, OptionalInt channels) {

  /** Checks the payload type is 0..127 (RFC 3550 §5.1) and the clock rate positive. */
  public RtpMap {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of range: " + payloadType);
    }
    Tokens.checkToken(encodingName, "encodingName");
    if (encodingName.indexOf('/') >= 0) {
      throw new IllegalArgumentException("encoding name contains '/': " + encodingName);
    }
    if (clockRate <= 0) {
      throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
    }
    Objects.requireNonNull(channels, "channels");
    if (channels.isPresent() && channels.getAsInt() <= 0) {
      throw new IllegalArgumentException("channels must be positive: " + channels);
    }
  }

  /** Without encoding parameters, as for video: {@code 96 VP8/90000}. */
  public RtpMap(int payloadType, String encodingName, int clockRate) {
    this(payloadType, encodingName, clockRate, OptionalInt.empty());
  }

  /** Parses an attribute value. */
  public static RtpMap parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.size() != 2) {
      throw SdpParseException.invalid(value, "rtpmap must be <payload type> <encoding>/<clock rate>");
    }
    int pt = Tokens.parseInt(value, f.get(0), "payload type", 0, 127);
    String[] enc = f.get(1).split("/", -1);
    if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
      throw SdpParseException.invalid(value, "rtpmap encoding must be <name>/<clock rate>[/<parameters>]");
    }
    int clock = Tokens.parseInt(value, enc[1], "clock rate", 1, Integer.MAX_VALUE);
    OptionalInt channels = enc.length == 3
        ? OptionalInt.of(Tokens.parseInt(value, enc[2], "channels", 1, Integer.MAX_VALUE))
        : OptionalInt.empty();
    return new RtpMap(pt, enc[0], clock, channels);
  }

  /** The canonical value: {@code 111 opus/48000/2}. */
  public String toValue() {
    String s = payloadType + " " + encodingName + '/' + clockRate;
    return channels.isPresent() ? s + '/' + channels.getAsInt() : s;
  }
}
