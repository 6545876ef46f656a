package dev.jrtc;

import dev.jrtc.sdp.Candidate;
import dev.jrtc.sdp.SdpParseException;
import java.util.Locale;

/**
 * The W3C {@code RTCIceCandidate} (https://w3c.github.io/webrtc-pc/#rtcicecandidate-interface).
 * The constructor does not validate the candidate string, as the spec says: when it does not
 * parse as an RFC 8839 §5.1 candidate-attribute, the derived attributes (foundation, component,
 * ...) are null. {@code relayProtocol} and {@code url} describe local candidates only and are not
 * part of {@link #toJSON()}.
 */
public final class RTCIceCandidate {

  private final String candidate;
  private final String sdpMid;
  private final Integer sdpMLineIndex;
  private final String usernameFragment;
  private final String relayProtocol;
  private final String url;
  private final Candidate parsed;
  private final RTCIceComponent component;
  private final RTCIceProtocol protocol;
  private final RTCIceCandidateType type;
  private final RTCIceTcpCandidateType tcpType;

  /**
   * The IDL constructor (https://w3c.github.io/webrtc-pc/#dom-rtcicecandidate-constructor):
   * TypeError when both {@code sdpMid} and {@code sdpMLineIndex} are null.
   */
  public RTCIceCandidate(RTCIceCandidateInit init) {
    this(init, null, null);
  }

  /** The constructor with the webrtc-extensions members {@code relayProtocol} and {@code url}. */
  public RTCIceCandidate(RTCIceCandidateInit init, String relayProtocol, String url) {
    if (init == null) {
      throw new TypeException("RTCIceCandidateInit is required");
    }
    // step 1: "If both sdpMid and sdpMLineIndex are null, throw a TypeError."
    if (init.sdpMid() == null && init.sdpMLineIndex() == null) {
      throw new TypeException("sdpMid and sdpMLineIndex are both null");
    }
    this.candidate = init.candidate();
    this.sdpMid = init.sdpMid();
    this.sdpMLineIndex = init.sdpMLineIndex();
    this.usernameFragment = init.usernameFragment();
    this.relayProtocol = relayProtocol;
    this.url = url;
    Candidate c = parseOrNull(candidate);
    RTCIceComponent comp = null;
    RTCIceProtocol proto = null;
    RTCIceCandidateType typ = null;
    RTCIceTcpCandidateType tcp = null;
    if (c != null) {
      try {
        comp = c.component() == 1 ? RTCIceComponent.RTP : c.component() == 2 ? RTCIceComponent.RTCP : null;
        proto = RTCIceProtocol.fromValue(c.transport().toLowerCase(Locale.ROOT));
        typ = RTCIceCandidateType.fromValue(c.type());
        tcp = c.tcpType().isPresent() ? RTCIceTcpCandidateType.fromValue(c.tcpType().get()) : null;
      } catch (TypeException e) {
        // an unknown transport, type or tcptype: the candidate is not one of ours to describe
        c = null;
        comp = null;
        proto = null;
        typ = null;
        tcp = null;
      }
    }
    this.parsed = c;
    this.component = comp;
    this.protocol = proto;
    this.type = typ;
    this.tcpType = tcp;
  }

  /** Parses a candidate-attribute ({@code candidate:...}), or null when it does not parse. */
  static Candidate parseOrNull(String text) {
    if (text == null || !text.startsWith("candidate:")) {
      return null;
    }
    try {
      return Candidate.parse(text);
    } catch (SdpParseException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The candidate-attribute text, {@code ""} for end-of-candidates. */
  public String candidate() {
    return candidate;
  }

  /** The mid of the m-section, or null. */
  public String sdpMid() {
    return sdpMid;
  }

  /** The index of the m-section, or null. */
  public Integer sdpMLineIndex() {
    return sdpMLineIndex;
  }

  /** The ICE ufrag from the init, or null. */
  public String usernameFragment() {
    return usernameFragment;
  }

  /** The foundation, or null. */
  public String foundation() {
    return parsed == null ? null : parsed.foundation();
  }

  /** {@code rtp} (1) or {@code rtcp} (2), or null. */
  public RTCIceComponent component() {
    return component;
  }

  /** The priority, or null. */
  public Long priority() {
    return parsed == null ? null : parsed.priority();
  }

  /** The address (IP or mDNS name), or null. */
  public String address() {
    return parsed == null ? null : parsed.address();
  }

  /** {@code udp} or {@code tcp}, or null. */
  public RTCIceProtocol protocol() {
    return protocol;
  }

  /** The port, or null. */
  public Integer port() {
    return parsed == null ? null : parsed.port();
  }

  /** The candidate type, or null. */
  public RTCIceCandidateType type() {
    return type;
  }

  /** The RFC 6544 TCP type, or null. */
  public RTCIceTcpCandidateType tcpType() {
    return tcpType;
  }

  /** The related address ({@code raddr}), or null. */
  public String relatedAddress() {
    return parsed == null ? null : parsed.relatedAddress().orElse(null);
  }

  /** The related port ({@code rport}), or null. */
  public Integer relatedPort() {
    return parsed == null || parsed.relatedPort().isEmpty() ? null : parsed.relatedPort().getAsInt();
  }

  /** For a local relay candidate: the protocol to the TURN server ({@code udp}, {@code tcp}, {@code tls}), else null. */
  public String relayProtocol() {
    return relayProtocol;
  }

  /** For a local server-derived candidate: the STUN/TURN server URL, else null. */
  public String url() {
    return url;
  }

  /** The parsed candidate, or null. */
  Candidate parsed() {
    return parsed;
  }

  /** {@code toJSON()}: candidate, sdpMid, sdpMLineIndex and usernameFragment. */
  public RTCIceCandidateInit toJSON() {
    return new RTCIceCandidateInit(candidate, sdpMid, sdpMLineIndex, usernameFragment);
  }

  @Override
  public String toString() {
    return "RTCIceCandidate[" + candidate + ", mid " + sdpMid + ", index " + sdpMLineIndex + "]";
  }
}
