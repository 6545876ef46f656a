package dev.jrtc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The W3C {@code RTCIceTransport} (https://w3c.github.io/webrtc-pc/#rtcicetransport): the ICE
 * transport under the connection's BUNDLE group. Its state follows the ICE agent; the values are
 * updated on the connection's event executor in the same task that fires the matching event.
 */
public final class RTCIceTransport extends EventTarget {

  private final RTCPeerConnection pc;
  private volatile RTCIceRole role = RTCIceRole.UNKNOWN;
  private volatile RTCIceTransportState state = RTCIceTransportState.NEW;
  private volatile RTCIceGathererState gatheringState = RTCIceGathererState.NEW;
  private final List<RTCIceCandidate> localCandidates = new CopyOnWriteArrayList<>();
  private final List<RTCIceCandidate> remoteCandidates = new CopyOnWriteArrayList<>();
  private volatile RTCIceCandidatePair selectedPair;
  private volatile RTCIceParameters localParameters;
  private volatile RTCIceParameters remoteParameters;

  RTCIceTransport(RTCPeerConnection pc) {
    this.pc = pc;
  }

  /** The ICE role ({@code unknown} until the agent has one). */
  public RTCIceRole role() {
    return role;
  }

  /** Always {@code rtp}: jrtc multiplexes RTCP (RFC 8843 BUNDLE, RFC 5761). */
  public RTCIceComponent component() {
    return RTCIceComponent.RTP;
  }

  /** The transport state. */
  public RTCIceTransportState state() {
    return state;
  }

  /** The gathering state. */
  public RTCIceGathererState gatheringState() {
    return gatheringState;
  }

  /** The local candidates gathered so far (of the current generation). */
  public List<RTCIceCandidate> getLocalCandidates() {
    return List.copyOf(localCandidates);
  }

  /** The remote candidates received so far. */
  public List<RTCIceCandidate> getRemoteCandidates() {
    return List.copyOf(remoteCandidates);
  }

  /** The selected candidate pair, or null. */
  public RTCIceCandidatePair getSelectedCandidatePair() {
    return selectedPair;
  }

  /** The local ICE parameters, or null before the local description is set. */
  public RTCIceParameters getLocalParameters() {
    return localParameters;
  }

  /** The remote ICE parameters, or null before the remote description is set. */
  public RTCIceParameters getRemoteParameters() {
    return remoteParameters;
  }

  /** Sets {@code onstatechange}. */
  public void onStateChange(EventListener<Event> handler) {
    setEventHandler("statechange", handler);
  }

  /** The {@code onstatechange} handler. */
  public EventListener<Event> onStateChange() {
    return eventHandler("statechange");
  }

  /** Sets {@code ongatheringstatechange}. */
  public void onGatheringStateChange(EventListener<Event> handler) {
    setEventHandler("gatheringstatechange", handler);
  }

  /** The {@code ongatheringstatechange} handler. */
  public EventListener<Event> onGatheringStateChange() {
    return eventHandler("gatheringstatechange");
  }

  /** Sets {@code onselectedcandidatepairchange}. */
  public void onSelectedCandidatePairChange(EventListener<Event> handler) {
    setEventHandler("selectedcandidatepairchange", handler);
  }

  /** The {@code onselectedcandidatepairchange} handler. */
  public EventListener<Event> onSelectedCandidatePairChange() {
    return eventHandler("selectedcandidatepairchange");
  }

  // ---- updated by the connection, in its tasks

  void setRole(RTCIceRole role) {
    this.role = role;
  }

  /** Sets the state; true when it changed (the caller fires {@code statechange}). */
  boolean setState(RTCIceTransportState next) {
    if (state == next || state == RTCIceTransportState.CLOSED) {
      return false;
    }
    state = next;
    return true;
  }

  /** Sets the gathering state; true when it changed. */
  boolean setGatheringState(RTCIceGathererState next) {
    if (gatheringState == next) {
      return false;
    }
    gatheringState = next;
    return true;
  }

  void addLocalCandidate(RTCIceCandidate c) {
    localCandidates.add(c);
  }

  void addRemoteCandidate(RTCIceCandidate c) {
    remoteCandidates.add(c);
  }

  /** A new ICE generation (restart): the old local candidates are gone. */
  void clearLocalCandidates() {
    localCandidates.clear();
  }

  void setSelectedPair(RTCIceCandidatePair pair) {
    this.selectedPair = pair;
  }

  void setLocalParameters(RTCIceParameters p) {
    this.localParameters = p;
  }

  void setRemoteParameters(RTCIceParameters p) {
    this.remoteParameters = p;
  }

  @Override
  double eventTimeStamp() {
    return pc.eventTimeStamp();
  }

  @Override
  public String toString() {
    return "RTCIceTransport[" + state.value() + ", " + gatheringState.value() + "]";
  }
}
