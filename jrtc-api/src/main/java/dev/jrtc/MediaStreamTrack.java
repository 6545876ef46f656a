package dev.jrtc;

import java.util.UUID;

/**
 * A {@code MediaStreamTrack} (Media Capture and Streams §4.3), reduced to what WebRTC signaling
 * needs: kind, id, label, enabled, muted, readyState, {@link #stop()} and {@link #clone()}.
 *
 * <p>Java has no camera or microphone: an application makes a local track with
 * {@link #create(String)} (or {@link #create(String, String)} with a label) and adds it with
 * {@code addTrack}/{@code addTransceiver}. A remote track belongs to an {@link RTCRtpReceiver}
 * and is created with its transceiver, muted until media arrives. Media does not flow yet.
 */
public class MediaStreamTrack extends EventTarget {

  private final String kind;
  private final String id;
  private final String label;
  private final boolean remote;
  private volatile boolean enabled = true;
  private volatile boolean muted;
  private volatile MediaStreamTrackState readyState = MediaStreamTrackState.LIVE;

  MediaStreamTrack(String kind, String id, String label, boolean remote) {
    this.kind = checkKind(kind);
    this.id = id;
    this.label = label == null ? "" : label;
    this.remote = remote;
    this.muted = remote;
  }

  static String checkKind(String kind) {
    if (!"audio".equals(kind) && !"video".equals(kind)) {
      throw new TypeException("track kind must be \"audio\" or \"video\", got " + kind);
    }
    return kind;
  }

  /** A new live local track of kind {@code "audio"} or {@code "video"} with an empty label. */
  public static MediaStreamTrack create(String kind) {
    return create(kind, "");
  }

  /** A new live local track of the kind with a label. */
  public static MediaStreamTrack create(String kind, String label) {
    return new MediaStreamTrack(kind, UUID.randomUUID().toString(), label, false);
  }

  /** A remote track for a receiver: muted until media arrives (webrtc-pc §5.2 "create an RTCRtpReceiver"). */
  static MediaStreamTrack remote(String kind) {
    return new MediaStreamTrack(kind, UUID.randomUUID().toString(), "remote " + kind, true);
  }

  /** {@code "audio"} or {@code "video"}. */
  public String kind() {
    return kind;
  }

  /** The track id (a UUID). */
  public String id() {
    return id;
  }

  /** The label. */
  public String label() {
    return label;
  }

  /** Whether the track is enabled (a disabled track sends silence/black). */
  public boolean enabled() {
    return enabled;
  }

  /** Enables or disables the track. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Whether the source delivers no media right now. */
  public boolean muted() {
    return muted;
  }

  /** {@code live} or {@code ended}. */
  public MediaStreamTrackState readyState() {
    return readyState;
  }

  /** True for a track received from the remote peer. */
  boolean isRemote() {
    return remote;
  }

  /** Ends the track (no {@code ended} event: the spec fires none for {@code stop()}). */
  public void stop() {
    readyState = MediaStreamTrackState.ENDED;
  }

  /** Ends a remote track because its transceiver stopped; fires {@code ended} (mediacapture §4.3.1.2). */
  void endFromRemote() {
    if (readyState != MediaStreamTrackState.ENDED) {
      readyState = MediaStreamTrackState.ENDED;
      dispatchEvent(new Event("ended"));
    }
  }

  void setMuted(boolean muted) {
    this.muted = muted;
  }

  /** A new independent track with the same kind, label, enabled state and a new id. */
  @Override
  public MediaStreamTrack clone() {
    MediaStreamTrack copy = new MediaStreamTrack(kind, UUID.randomUUID().toString(), label, remote);
    copy.enabled = enabled;
    copy.muted = muted;
    copy.readyState = readyState;
    return copy;
  }

  /** Sets the {@code onended} handler. */
  public void onEnded(EventListener<Event> handler) {
    setEventHandler("ended", handler);
  }

  /** The {@code onended} handler. */
  public EventListener<Event> onEnded() {
    return eventHandler("ended");
  }

  /** Sets the {@code onmute} handler. */
  public void onMute(EventListener<Event> handler) {
    setEventHandler("mute", handler);
  }

  /** The {@code onmute} handler. */
  public EventListener<Event> onMute() {
    return eventHandler("mute");
  }

  /** Sets the {@code onunmute} handler. */
  public void onUnmute(EventListener<Event> handler) {
    setEventHandler("unmute", handler);
  }

  /** The {@code onunmute} handler. */
  public EventListener<Event> onUnmute() {
    return eventHandler("unmute");
  }

  @Override
  public String toString() {
    return "MediaStreamTrack[" + kind + " " + id + " " + readyState.value() + "]";
  }
}
