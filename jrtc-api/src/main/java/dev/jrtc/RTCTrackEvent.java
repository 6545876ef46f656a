package dev.jrtc;

import java.util.List;

/** The W3C {@code RTCTrackEvent}: fired as {@code track} when a remote track is negotiated. */
public class RTCTrackEvent extends Event {

  private final RTCRtpReceiver receiver;
  private final MediaStreamTrack track;
  private final List<MediaStream> streams;
  private final RTCRtpTransceiver transceiver;

  /** Creates the event. */
  public RTCTrackEvent(String type, RTCRtpReceiver receiver, MediaStreamTrack track, List<MediaStream> streams, RTCRtpTransceiver transceiver) {
    super(type);
    this.receiver = receiver;
    this.track = track;
    this.streams = streams;
    this.transceiver = transceiver;
  }

  /** The {@code receiver} attribute. */
  public RTCRtpReceiver receiver() {
    return receiver;
  }

  /** The {@code track} attribute. */
  public MediaStreamTrack track() {
    return track;
  }

  /** The {@code streams} attribute. */
  public List<MediaStream> streams() {
    return streams;
  }

  /** The {@code transceiver} attribute. */
  public RTCRtpTransceiver transceiver() {
    return transceiver;
  }
}
