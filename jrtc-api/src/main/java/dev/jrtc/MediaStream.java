package dev.jrtc;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@code MediaStream} (Media Capture and Streams §4.2): an id and a set of tracks. In SDP its
 * id is the first field of {@code a=msid} (RFC 8830).
 */
public class MediaStream extends EventTarget {

  private final String id;
  private final List<MediaStreamTrack> tracks = new CopyOnWriteArrayList<>();

  /** A new empty stream with a fresh UUID id. */
  public MediaStream() {
    this(UUID.randomUUID().toString());
  }

  /** A new stream with a fresh id holding the given tracks. */
  public MediaStream(List<MediaStreamTrack> tracks) {
    this();
    for (MediaStreamTrack t : tracks) {
      addTrack(t);
    }
  }

  /** A remote stream with the id from the peer's {@code a=msid}. */
  MediaStream(String id) {
    this.id = id;
  }

  /** The stream id. */
  public String id() {
    return id;
  }

  /** All tracks, in the order added. */
  public List<MediaStreamTrack> getTracks() {
    return List.copyOf(tracks);
  }

  /** The audio tracks. */
  public List<MediaStreamTrack> getAudioTracks() {
    return ofKind("audio");
  }

  /** The video tracks. */
  public List<MediaStreamTrack> getVideoTracks() {
    return ofKind("video");
  }

  private List<MediaStreamTrack> ofKind(String kind) {
    List<MediaStreamTrack> out = new ArrayList<>();
    for (MediaStreamTrack t : tracks) {
      if (t.kind().equals(kind)) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** The track with the id, or null. */
  public MediaStreamTrack getTrackById(String trackId) {
    for (MediaStreamTrack t : tracks) {
      if (t.id().equals(trackId)) {
        return t;
      }
    }
    return null;
  }

  /** Adds a track (no effect when already present). */
  public void addTrack(MediaStreamTrack track) {
    if (track == null) {
      throw new TypeException("track is required");
    }
    synchronized (tracks) {
      if (!tracks.contains(track)) {
        tracks.add(track);
      }
    }
  }

  /** Removes a track (no effect when absent). */
  public void removeTrack(MediaStreamTrack track) {
    tracks.remove(track);
  }

  /** True while at least one track is live. */
  public boolean active() {
    for (MediaStreamTrack t : tracks) {
      if (t.readyState() == MediaStreamTrackState.LIVE) {
        return true;
      }
    }
    return false;
  }

  /** A new stream with a new id holding clones of the tracks. */
  public MediaStream cloneStream() {
    MediaStream copy = new MediaStream();
    for (MediaStreamTrack t : tracks) {
      copy.addTrack(t.clone());
    }
    return copy;
  }

  /** Adds a remote track and fires {@code addtrack} (webrtc-pc "add a track to a MediaStream"). */
  void addRemoteTrack(MediaStreamTrack track) {
    synchronized (tracks) {
      if (tracks.contains(track)) {
        return;
      }
      tracks.add(track);
    }
    dispatchEvent(new MediaStreamTrackEvent("addtrack", track));
  }

  /** Removes a remote track and fires {@code removetrack}. */
  void removeRemoteTrack(MediaStreamTrack track) {
    if (tracks.remove(track)) {
      dispatchEvent(new MediaStreamTrackEvent("removetrack", track));
    }
  }

  @Override
  public String toString() {
    return "MediaStream[" + id + ", " + tracks.size() + " tracks]";
  }
}
