package dev.jrtc;

/**
 * The event handler attributes of {@link RTCPeerConnection} ({@code onnegotiationneeded}, ...,
 * and the obsolete ones of the seed), kept apart so the connection's own file stays readable.
 * Each {@code onFooBar(handler)} sets the attribute (null clears it), {@code onFooBar()} reads it.
 */
abstract class PeerConnectionEventHandlers extends EventTarget {

  PeerConnectionEventHandlers() {}

  /** Sets {@code onnegotiationneeded}. */
  public void onNegotiationNeeded(EventListener<Event> handler) {
    setEventHandler("negotiationneeded", handler);
  }

  /** The {@code onnegotiationneeded} handler. */
  public EventListener<Event> onNegotiationNeeded() {
    return eventHandler("negotiationneeded");
  }

  /** Sets {@code onsignalingstatechange}. */
  public void onSignalingStateChange(EventListener<Event> handler) {
    setEventHandler("signalingstatechange", handler);
  }

  /** The {@code onsignalingstatechange} handler. */
  public EventListener<Event> onSignalingStateChange() {
    return eventHandler("signalingstatechange");
  }

  /** Sets {@code onicecandidate}. */
  public void onIceCandidate(EventListener<RTCPeerConnectionIceEvent> handler) {
    setEventHandler("icecandidate", handler);
  }

  /** The {@code onicecandidate} handler. */
  public EventListener<RTCPeerConnectionIceEvent> onIceCandidate() {
    return eventHandler("icecandidate");
  }

  /** Sets {@code onicecandidateerror}. */
  public void onIceCandidateError(EventListener<RTCPeerConnectionIceErrorEvent> handler) {
    setEventHandler("icecandidateerror", handler);
  }

  /** The {@code onicecandidateerror} handler. */
  public EventListener<RTCPeerConnectionIceErrorEvent> onIceCandidateError() {
    return eventHandler("icecandidateerror");
  }

  /** Sets {@code oniceconnectionstatechange}. */
  public void onIceConnectionStateChange(EventListener<Event> handler) {
    setEventHandler("iceconnectionstatechange", handler);
  }

  /** The {@code oniceconnectionstatechange} handler. */
  public EventListener<Event> onIceConnectionStateChange() {
    return eventHandler("iceconnectionstatechange");
  }

  /** Sets {@code onicegatheringstatechange}. */
  public void onIceGatheringStateChange(EventListener<Event> handler) {
    setEventHandler("icegatheringstatechange", handler);
  }

  /** The {@code onicegatheringstatechange} handler. */
  public EventListener<Event> onIceGatheringStateChange() {
    return eventHandler("icegatheringstatechange");
  }

  /** Sets {@code onconnectionstatechange}. */
  public void onConnectionStateChange(EventListener<Event> handler) {
    setEventHandler("connectionstatechange", handler);
  }

  /** The {@code onconnectionstatechange} handler. */
  public EventListener<Event> onConnectionStateChange() {
    return eventHandler("connectionstatechange");
  }

  /** Sets {@code ontrack}. */
  public void onTrack(EventListener<RTCTrackEvent> handler) {
    setEventHandler("track", handler);
  }

  /** The {@code ontrack} handler. */
  public EventListener<RTCTrackEvent> onTrack() {
    return eventHandler("track");
  }

  /** Sets {@code ondatachannel}. */
  public void onDataChannel(EventListener<RTCDataChannelEvent> handler) {
    setEventHandler("datachannel", handler);
  }

  /** The {@code ondatachannel} handler. */
  public EventListener<RTCDataChannelEvent> onDataChannel() {
    return eventHandler("datachannel");
  }

  /** Sets the obsolete {@code onaddstream}: fired with a remote stream the first time a track of it arrives. */
  @Deprecated
  public void onAddStream(EventListener<MediaStreamEvent> handler) {
    setEventHandler("addstream", handler);
  }

  /** The obsolete {@code onaddstream} handler. */
  @Deprecated
  public EventListener<MediaStreamEvent> onAddStream() {
    return eventHandler("addstream");
  }

  /** Sets the obsolete {@code onremovestream}: fired when a remote stream loses its last track. */
  @Deprecated
  public void onRemoveStream(EventListener<MediaStreamEvent> handler) {
    setEventHandler("removestream", handler);
  }

  /** The obsolete {@code onremovestream} handler. */
  @Deprecated
  public EventListener<MediaStreamEvent> onRemoveStream() {
    return eventHandler("removestream");
  }

  /** Sets the obsolete {@code onidentityresult}; never fired: jrtc has no identity provider support. */
  @Deprecated
  public void onIdentityResult(EventListener<Event> handler) {
    setEventHandler("identityresult", handler);
  }

  /** The obsolete {@code onidentityresult} handler. */
  @Deprecated
  public EventListener<Event> onIdentityResult() {
    return eventHandler("identityresult");
  }

  /** Sets the obsolete {@code onidpassertionerror}; never fired (no identity provider support). */
  @Deprecated
  public void onIdpAssertionError(EventListener<Event> handler) {
    setEventHandler("idpassertionerror", handler);
  }

  /** The obsolete {@code onidpassertionerror} handler. */
  @Deprecated
  public EventListener<Event> onIdpAssertionError() {
    return eventHandler("idpassertionerror");
  }

  /** Sets the obsolete {@code onidpvalidationerror}; never fired (no identity provider support). */
  @Deprecated
  public void onIdpValidationError(EventListener<Event> handler) {
    setEventHandler("idpvalidationerror", handler);
  }

  /** The obsolete {@code onidpvalidationerror} handler. */
  @Deprecated
  public EventListener<Event> onIdpValidationError() {
    return eventHandler("idpvalidationerror");
  }

  /** Sets the obsolete {@code onpeeridentity}; never fired (no identity provider support). */
  @Deprecated
  public void onPeerIdentity(EventListener<Event> handler) {
    setEventHandler("peeridentity", handler);
  }

  /** The obsolete {@code onpeeridentity} handler. */
  @Deprecated
  public EventListener<Event> onPeerIdentity() {
    return eventHandler("peeridentity");
  }

  /** Sets the obsolete {@code onisolationchange} (isolated media streams); never fired. */
  @Deprecated
  public void onIsolationChange(EventListener<Event> handler) {
    setEventHandler("isolationchange", handler);
  }

  /** The obsolete {@code onisolationchange} handler. */
  @Deprecated
  public EventListener<Event> onIsolationChange() {
    return eventHandler("isolationchange");
  }

  /** Sets the obsolete {@code onstatsended}; never fired (removed from webrtc-stats). */
  @Deprecated
  public void onStatsEnded(EventListener<Event> handler) {
    setEventHandler("statsended", handler);
  }

  /** The obsolete {@code onstatsended} handler. */
  @Deprecated
  public EventListener<Event> onStatsEnded() {
    return eventHandler("statsended");
  }
}
