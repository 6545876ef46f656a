package dev.jrtc;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The obsolete members of RTCPeerConnection that the seed lists (addStream, removeStream,
 * getStreamById, the identity members, getDefaultIceServers), built on the modern API.
 * Identity: jrtc loads no identity provider (webrtc-identity), so it behaves as a browser
 * without one: {@link #getIdentityAssertion()} rejects with NotSupportedError and
 * {@link #peerIdentity()} stays pending until the connection closes, then rejects with
 * InvalidStateError.
 */
abstract class PeerConnectionLegacy extends PeerConnectionEventHandlers {

  private final CompletableFuture<RTCIdentityAssertion> peerIdentity = new CompletableFuture<>();
  private volatile String identityProvider;

  PeerConnectionLegacy() {}

  abstract LegacyStreams legacy();

  abstract boolean isClosed();

  /** Adds every track of the stream with {@code addTrack(track, stream)}. */
  @Deprecated
  public void addStream(MediaStream stream) {
    if (stream == null) {
      throw new TypeException("stream is required");
    }
    if (isClosed()) {
      throw new InvalidStateException("The RTCPeerConnection is closed");
    }
    legacy().addStream(stream);
  }

  /** Removes the senders of the stream's tracks with {@code removeTrack}. */
  @Deprecated
  public void removeStream(MediaStream stream) {
    if (stream == null) {
      throw new TypeException("stream is required");
    }
    if (isClosed()) {
      throw new InvalidStateException("The RTCPeerConnection is closed");
    }
    legacy().removeStream(stream);
  }

  /** The streams added with {@link #addStream}. */
  @Deprecated
  public List<MediaStream> getLocalStreams() {
    return legacy().localStreams();
  }

  /** The remote streams of the receivers. */
  @Deprecated
  public List<MediaStream> getRemoteStreams() {
    return legacy().remoteStreams();
  }

  /** The local or remote stream with the id, or null. */
  @Deprecated
  public MediaStream getStreamById(String id) {
    return legacy().streamById(id);
  }

  /** The ICE servers the library uses when none are configured: none. */
  public List<RTCIceServer> getDefaultIceServers() {
    return List.of();
  }

  /**
   * webrtc-identity {@code setIdentityProvider}: records the provider (InvalidStateError when
   * closed). jrtc cannot load identity providers, so it is never used.
   */
  @Deprecated
  public void setIdentityProvider(String provider) {
    if (isClosed()) {
      throw new InvalidStateException("The RTCPeerConnection is closed");
    }
    if (provider == null || provider.isEmpty()) {
      throw new TypeException("provider is required");
    }
    identityProvider = provider;
  }

  /** The provider given to {@link #setIdentityProvider}, or null. */
  @Deprecated
  public String idpLoginUrl() {
    return null;
  }

  /** webrtc-identity {@code getIdentityAssertion}: rejects, jrtc has no identity provider support. */
  @Deprecated
  public CompletableFuture<String> getIdentityAssertion() {
    if (isClosed()) {
      return CompletableFuture.failedFuture(new InvalidStateException("The RTCPeerConnection is closed"));
    }
    return CompletableFuture.failedFuture(new NotSupportedException(
        "Identity providers are not supported" + (identityProvider == null ? "" : " (" + identityProvider + ")")));
  }

  /**
   * webrtc-identity {@code peerIdentity}: no identity is ever validated, so the future stays
   * pending; it rejects with InvalidStateError when the connection closes.
   */
  @Deprecated
  public CompletableFuture<RTCIdentityAssertion> peerIdentity() {
    return peerIdentity;
  }

  void closeIdentity() {
    peerIdentity.completeExceptionally(new InvalidStateException("The RTCPeerConnection is closed"));
  }
}
