package dev.jrtc.ice;

import dev.jrtc.stun.StunRetransmission;

/**
 * Construction parameters of an {@link IceAgent}.
 *
 * @param controlling the initial role (the offerer is controlling, RFC 8445 §6.1.1 / RFC 8829)
 * @param lite true for an ice-lite agent (RFC 8445 §2.5): it only answers checks
 * @param credentials the local ufrag and password, or null to draw random ones
 * @param mdnsResolver resolves remote {@code .local} candidates, or null to drop them
 * @param logId the prefix of this agent's log lines (the peer connection id), or empty
 * @param stunRetransmission the RFC 8489 §6.2.1 timing of the Binding requests to STUN servers
 *     (server-reflexive gathering); null means {@link StunRetransmission#DEFAULT}. TURN clients
 *     take theirs from {@code TurnConfig}; connectivity checks have their own (RFC 8445 §14.3).
 */
public record IceConfig(boolean controlling, boolean lite, IceCredentials credentials, MdnsResolver mdnsResolver,
    String logId, StunRetransmission stunRetransmission) {

  /** Validates; a null log id becomes empty, a null timing the RFC default. */
  public IceConfig {
    logId = logId == null ? "" : logId;
    stunRetransmission = stunRetransmission == null ? StunRetransmission.DEFAULT : stunRetransmission;
  }

  /** A config with the default STUN timing. */
  public IceConfig(boolean controlling, boolean lite, IceCredentials credentials, MdnsResolver mdnsResolver,
      String logId) {
    this(controlling, lite, credentials, mdnsResolver, logId, null);
  }

  /** A config without a log id. */
  public IceConfig(boolean controlling, boolean lite, IceCredentials credentials, MdnsResolver mdnsResolver) {
    this(controlling, lite, credentials, mdnsResolver, "");
  }

  /** A full agent with random credentials and no mDNS resolver. */
  public static IceConfig of(boolean controlling) {
    return new IceConfig(controlling, false, null, null);
  }

  /** A copy with {@code lite} set. */
  public IceConfig withLite(boolean lite) {
    return new IceConfig(controlling, lite, credentials, mdnsResolver, logId, stunRetransmission);
  }

  /** A copy with the given mDNS resolver. */
  public IceConfig withMdnsResolver(MdnsResolver resolver) {
    return new IceConfig(controlling, lite, credentials, resolver, logId, stunRetransmission);
  }

  /** A copy with the given credentials. */
  public IceConfig withCredentials(IceCredentials credentials) {
    return new IceConfig(controlling, lite, credentials, mdnsResolver, logId, stunRetransmission);
  }

  /** A copy with the given log id. */
  public IceConfig withLogId(String logId) {
    return new IceConfig(controlling, lite, credentials, mdnsResolver, logId, stunRetransmission);
  }

  /** A copy with the given STUN transaction timing (RFC 8489 §6.2.1). */
  public IceConfig withStunRetransmission(StunRetransmission timing) {
    return new IceConfig(controlling, lite, credentials, mdnsResolver, logId, timing);
  }
}
