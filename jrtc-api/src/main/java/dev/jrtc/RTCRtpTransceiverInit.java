package dev.jrtc;

import java.util.ArrayList;
import java.util.List;

/**
 * The W3C {@code RTCRtpTransceiverInit} dictionary (https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiverinit).
 *
 * @param direction the initial direction (default sendrecv)
 * @param streams the streams the sender's track is associated with
 * @param sendEncodings the encodings to send (default one)
 */
public record RTCRtpTransceiverInit(RTCRtpTransceiverDirection direction, List<MediaStream> streams,
    List<RTCRtpEncodingParameters> sendEncodings) {

  /** Applies the defaults. */
  public RTCRtpTransceiverInit {
    direction = direction == null ? RTCRtpTransceiverDirection.SENDRECV : direction;
    streams = streams == null ? List.of() : List.copyOf(streams);
    sendEncodings = sendEncodings == null ? List.of() : List.copyOf(sendEncodings);
  }

  /** The defaults: sendrecv, no streams, one default encoding. */
  public static RTCRtpTransceiverInit defaults() {
    return builder().build();
  }

  /** An init with only a direction. */
  public static RTCRtpTransceiverInit of(RTCRtpTransceiverDirection direction) {
    return builder().direction(direction).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link RTCRtpTransceiverInit}. */
  public static final class Builder {
    private RTCRtpTransceiverDirection direction = RTCRtpTransceiverDirection.SENDRECV;
    private final List<MediaStream> streams = new ArrayList<>();
    private final List<RTCRtpEncodingParameters> sendEncodings = new ArrayList<>();

    private Builder() {}

    /** Sets the direction. */
    public Builder direction(RTCRtpTransceiverDirection direction) {
      this.direction = direction;
      return this;
    }

    /** Adds streams. */
    public Builder streams(MediaStream... streams) {
      this.streams.addAll(List.of(streams));
      return this;
    }

    /** Adds send encodings. */
    public Builder sendEncodings(RTCRtpEncodingParameters... encodings) {
      this.sendEncodings.addAll(List.of(encodings));
      return this;
    }

    /** The init. */
    public RTCRtpTransceiverInit build() {
      return new RTCRtpTransceiverInit(direction, streams, sendEncodings);
    }
  }
}
