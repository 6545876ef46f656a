package dev.jrtc;

import java.util.List;

/**
 * The W3C {@code RTCDtlsTransport} (https://w3c.github.io/webrtc-pc/#rtcdtlstransport-interface):
 * the DTLS association over the connection's {@link RTCIceTransport}, shared by every sender,
 * receiver and the SCTP transport (BUNDLE).
 */
public final class RTCDtlsTransport extends EventTarget {

  private final RTCPeerConnection pc;
  private final RTCIceTransport iceTransport;
  private volatile RTCDtlsTransportState state = RTCDtlsTransportState.NEW;
  private volatile List<byte[]> remoteCertificates = List.of();

  RTCDtlsTransport(RTCPeerConnection pc, RTCIceTransport iceTransport) {
    this.pc = pc;
    this.iceTransport = iceTransport;
  }

  /** The ICE transport under this DTLS transport. */
  public RTCIceTransport iceTransport() {
    return iceTransport;
  }

  /** The DTLS state. */
  public RTCDtlsTransportState state() {
    return state;
  }

  /** The peer's certificate chain, DER encoded (end-entity first); empty until connected. */
  public List<byte[]> getRemoteCertificates() {
    return remoteCertificates.stream().map(byte[]::clone).toList();
  }

  /** Sets {@code onstatechange}. */
  public void onStateChange(EventListener<Event> handler) {
    setEventHandler("statechange", handler);
  }

  /** The {@code onstatechange} handler. */
  public EventListener<Event> onStateChange() {
    return eventHandler("statechange");
  }

  /** Sets {@code onerror} (RTCErrorEvent with {@code dtls-failure} or {@code fingerprint-failure}). */
  public void onError(EventListener<RTCErrorEvent> handler) {
    setEventHandler("error", handler);
  }

  /** The {@code onerror} handler. */
  public EventListener<RTCErrorEvent> onError() {
    return eventHandler("error");
  }

  /** Sets the state; true when it changed (closed and failed are final). */
  boolean setState(RTCDtlsTransportState next) {
    if (state == next || state == RTCDtlsTransportState.CLOSED || state == RTCDtlsTransportState.FAILED) {
      return false;
    }
    state = next;
    return true;
  }

  void setRemoteCertificates(List<byte[]> certificates) {
    this.remoteCertificates = List.copyOf(certificates);
  }

  @Override
  double eventTimeStamp() {
    return pc.eventTimeStamp();
  }

  @Override
  public String toString() {
    return "RTCDtlsTransport[" + state.value() + "]";
  }
}
