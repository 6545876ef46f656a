package dev.jrtc.ice;

/**
 * Resolves the mDNS host names ({@code <uuid>.local}) that browsers put in host candidates
 * (draft-ietf-mmusic-mdns-ice-candidates). The ICE agent only asks; the driver that implements
 * this looks the name up on its own threads and hands the answer back later through
 * {@link IceAgent#handleMdnsResolved(String, java.net.InetAddress, long)} on the agent's loop.
 *
 * <p>Implementations must return at once: the agent calls this on its loop.
 */
@FunctionalInterface
public interface MdnsResolver {
  /** Starts resolving {@code hostname} (ends with {@code .local}); the answer comes back later. */
  void resolve(String hostname);
}
