package dev.jrtc;

import java.util.ArrayList;
import java.util.List;

/**
 * The W3C {@code RTCConfiguration} dictionary (https://w3c.github.io/webrtc-pc/#rtcconfiguration-dictionary),
 * exactly W3C-shaped: non-W3C knobs live in {@link RTCSettings}. Members that the application
 * does not set carry the IDL defaults, so that {@code getConfiguration()} returns them and
 * {@code setConfiguration} compares against them as browsers do.
 *
 * @param iceServers the STUN/TURN servers (default empty)
 * @param iceTransportPolicy which candidates may be used (default {@code all})
 * @param bundlePolicy the bundle policy (default {@code balanced})
 * @param rtcpMuxPolicy the RTCP mux policy (default {@code require})
 * @param certificates the DTLS certificates (default empty: the connection generates one)
 * @param iceCandidatePoolSize the size of the prefetched candidate pool, 0..255 (default 0)
 */
public record RTCConfiguration(List<RTCIceServer> iceServers,
    RTCIceTransportPolicy iceTransportPolicy, RTCBundlePolicy bundlePolicy,
    RTCRtcpMuxPolicy rtcpMuxPolicy, List<RTCCertificate> certificates, int iceCandidatePoolSize) {

  /** Applies defaults and checks the WebIDL types ({@code [EnforceRange] octet} for the pool size). */
  public RTCConfiguration {
    iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
    iceTransportPolicy = iceTransportPolicy == null ? RTCIceTransportPolicy.ALL : iceTransportPolicy;
    bundlePolicy = bundlePolicy == null ? RTCBundlePolicy.BALANCED : bundlePolicy;
    rtcpMuxPolicy = rtcpMuxPolicy == null ? RTCRtcpMuxPolicy.REQUIRE : rtcpMuxPolicy;
    certificates = certificates == null ? List.of() : List.copyOf(certificates);
    if (iceCandidatePoolSize < 0 || iceCandidatePoolSize > 255) {
      // WebIDL [EnforceRange] octet: out of range is a TypeError.
      throw new TypeException("iceCandidatePoolSize " + iceCandidatePoolSize
          + " is outside the octet range 0..255");
    }
  }

  /** The configuration with every member at its default. */
  public static RTCConfiguration defaults() {
    return builder().build();
  }

  /** A new builder with the IDL defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.iceServers.addAll(iceServers);
    b.iceTransportPolicy = iceTransportPolicy;
    b.bundlePolicy = bundlePolicy;
    b.rtcpMuxPolicy = rtcpMuxPolicy;
    b.certificates.addAll(certificates);
    b.iceCandidatePoolSize = iceCandidatePoolSize;
    return b;
  }

  /** Builds an {@link RTCConfiguration}. */
  public static final class Builder {
    private final List<RTCIceServer> iceServers = new ArrayList<>();
    private RTCIceTransportPolicy iceTransportPolicy = RTCIceTransportPolicy.ALL;
    private RTCBundlePolicy bundlePolicy = RTCBundlePolicy.BALANCED;
    private RTCRtcpMuxPolicy rtcpMuxPolicy = RTCRtcpMuxPolicy.REQUIRE;
    private final List<RTCCertificate> certificates = new ArrayList<>();
    private int iceCandidatePoolSize;

    private Builder() {}

    /** Adds ICE servers. */
    public Builder iceServers(RTCIceServer... servers) {
      iceServers.addAll(List.of(servers));
      return this;
    }

    /** Replaces the ICE servers. */
    public Builder iceServers(List<RTCIceServer> servers) {
      iceServers.clear();
      iceServers.addAll(servers);
      return this;
    }

    /** Sets the ICE transport policy. */
    public Builder iceTransportPolicy(RTCIceTransportPolicy policy) {
      this.iceTransportPolicy = policy;
      return this;
    }

    /** Sets the bundle policy. */
    public Builder bundlePolicy(RTCBundlePolicy policy) {
      this.bundlePolicy = policy;
      return this;
    }

    /** Sets the RTCP mux policy. */
    public Builder rtcpMuxPolicy(RTCRtcpMuxPolicy policy) {
      this.rtcpMuxPolicy = policy;
      return this;
    }

    /** Adds certificates. */
    public Builder certificates(RTCCertificate... certs) {
      certificates.addAll(List.of(certs));
      return this;
    }

    /** Replaces the certificates. */
    public Builder certificates(List<RTCCertificate> certs) {
      certificates.clear();
      certificates.addAll(certs);
      return this;
    }

    /** Sets the ICE candidate pool size (0..255). */
    public Builder iceCandidatePoolSize(int size) {
      this.iceCandidatePoolSize = size;
      return this;
    }

    /** The configuration. */
    public RTCConfiguration build() {
      return new RTCConfiguration(iceServers, iceTransportPolicy, bundlePolicy, rtcpMuxPolicy,
          certificates, iceCandidatePoolSize);
    }
  }
}
