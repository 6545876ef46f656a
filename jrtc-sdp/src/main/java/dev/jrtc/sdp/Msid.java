package dev.jrtc.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code a=msid:<stream id> [<track id>]} (RFC 8830 §2); stream id {@code -} means no stream. */
public record Msid(String streamId, Optional<String> trackId) {

  /** Checks both ids are tokens. */
  public Msid {
    Tokens.checkToken(streamId, "streamId");
    Objects.requireNonNull(trackId, "trackId");
    trackId.ifPresent(t -> Tokens.checkToken(t, "trackId"));
  }

  /** {@code <stream id> <track id>}. */
  public Msid(String streamId, String trackId) {
    this(streamId, Optional.of(trackId));
  }

  /** Parses an attribute value. */
  public static Msid parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.isEmpty() || f.size() > 2) {
      throw SdpParseException.invalid(value, "msid must be <stream id> [<track id>]");
    }
    return new Msid(f.get(0), f.size() == 2 ? Optional.of(f.get(1)) : Optional.empty());
  }

  /** The canonical value: {@code stream track}. */
  public String toValue() {
    return trackId.map(t -> streamId + ' ' + t).orElse(streamId);
  }
}
