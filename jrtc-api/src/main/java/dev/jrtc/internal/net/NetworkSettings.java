package dev.jrtc.internal.net;

import dev.jrtc.stun.StunRetransmission;
import java.net.InetAddress;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * Which local addresses and ports the ICE runtime may use for host candidates (RFC 8445
 * §5.1.1.1) and for mDNS queries, and how it reaches STUN and TURN servers: host name lookups,
 * the TLS trust for {@code turns:}, and the request timing. Internal, not API:
 * {@code dev.jrtc.RTCSettings} exposes it.
 *
 * <p>Defaults follow what a browser does: every up interface, IPv4 and IPv6, no loopback
 * addresses, no IPv6 link-local addresses (RFC 8445 §5.1.1.1 says they SHOULD NOT be
 * gathered), ephemeral ports.
 *
 * @param portMin the lowest UDP port to bind, or 0 with {@code portMax} 0 for an ephemeral port
 * @param portMax the highest UDP port to bind, or 0 with {@code portMin} 0
 * @param loopback gather loopback addresses (127.0.0.0/8, ::1); off by default, on in tests
 * @param ipv4 gather IPv4 addresses
 * @param ipv6 gather IPv6 addresses
 * @param linkLocalIpv6 gather IPv6 link-local addresses (fe80::/10)
 * @param interfaceAllow when not empty, only interfaces with one of these names are used
 * @param interfaceDeny interfaces with one of these names are never used
 * @param addressFilter a last say on each address: false drops it
 * @param mdnsTimeoutMillis how long an mDNS query for a remote {@code .local} candidate waits
 * @param resolver looks up the host name of a STUN or TURN server (A and AAAA records); it
 *     must not block the caller: the future completes with the addresses or fails. Default
 *     {@link HostResolver#system()}: {@link InetAddress#getAllByName} on a few daemon threads
 * @param turnTlsContext the TLS context for {@code turns:} servers; its trust managers decide
 *     which certificates are accepted (the host name is checked in any case). Null means
 *     {@link SSLContext#getDefault()}, the JDK's trust store
 * @param stunRetransmission the RFC 8489 §6.2.1 timing of requests to STUN and TURN servers
 *     (RTO, Rc, Rm; default 500 ms, 7, 16: a silent server gives a 701 error after 39.5 s);
 *     over TCP and TLS the same total is Ti (§6.2.2)
 */
public record NetworkSettings(int portMin, int portMax, boolean loopback, boolean ipv4, boolean ipv6,
    boolean linkLocalIpv6, Set<String> interfaceAllow, Set<String> interfaceDeny,
    Predicate<InetAddress> addressFilter, long mdnsTimeoutMillis,
    Function<String, CompletableFuture<List<InetAddress>>> resolver, SSLContext turnTlsContext,
    StunRetransmission stunRetransmission) {

  /**
   * The default mDNS query timeout. Chromium does not answer queries for names it announced
   * (RFC 6762 §7.1) and paces its announcements at one packet a second across all names, so an
   * announcement can come several seconds after we ask.
   */
  public static final long DEFAULT_MDNS_TIMEOUT_MILLIS = 10000;

  /** Validates and copies the sets. */
  public NetworkSettings {
    if (portMin < 0 || portMax > 0xffff || portMin > portMax) {
      throw new IllegalArgumentException("bad port range: " + portMin + ".." + portMax);
    }
    if (portMin == 0 && portMax != 0) {
      throw new IllegalArgumentException("port range must start at 1 or above: " + portMin + ".." + portMax);
    }
    interfaceAllow = Set.copyOf(interfaceAllow);
    interfaceDeny = Set.copyOf(interfaceDeny);
    Objects.requireNonNull(addressFilter, "addressFilter");
    if (mdnsTimeoutMillis <= 0) {
      throw new IllegalArgumentException("mDNS timeout must be positive: " + mdnsTimeoutMillis);
    }
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(stunRetransmission, "stunRetransmission");
  }

  /**
   * The context for {@code turns:} connections: {@link #turnTlsContext()}, or the JDK default.
   *
   * @throws NoSuchAlgorithmException when the JDK has no default TLS context
   */
  public SSLContext tlsContext() throws NoSuchAlgorithmException {
    return turnTlsContext != null ? turnTlsContext : SSLContext.getDefault();
  }

  /** The defaults (see the class comment). */
  public static NetworkSettings defaults() {
    return builder().build();
  }

  /**
   * Loopback only: IPv4 127.0.0.1-style addresses on interfaces that are loopback. What the
   * loopback test tier uses, so that no packet can reach a real interface.
   */
  public static NetworkSettings loopbackOnly() {
    return builder().loopback(true).ipv6(false).addressFilter(InetAddress::isLoopbackAddress).build();
  }

  /** True when a port range is set (not ephemeral). */
  public boolean hasPortRange() {
    return portMin != 0;
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder().portRange(portMin, portMax).loopback(loopback).ipv4(ipv4).ipv6(ipv6)
        .linkLocalIpv6(linkLocalIpv6).interfaceAllow(interfaceAllow).interfaceDeny(interfaceDeny)
        .addressFilter(addressFilter).mdnsTimeoutMillis(mdnsTimeoutMillis).resolver(resolver)
        .turnTlsContext(turnTlsContext).stunRetransmission(stunRetransmission);
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link NetworkSettings}. */
  public static final class Builder {
    private int portMin;
    private int portMax;
    private boolean loopback;
    private boolean ipv4 = true;
    private boolean ipv6 = true;
    private boolean linkLocalIpv6;
    private Set<String> interfaceAllow = Set.of();
    private Set<String> interfaceDeny = Set.of();
    private Predicate<InetAddress> addressFilter = a -> true;
    private long mdnsTimeoutMillis = DEFAULT_MDNS_TIMEOUT_MILLIS;
    private Function<String, CompletableFuture<List<InetAddress>>> resolver = HostResolver.system();
    private SSLContext turnTlsContext;
    private StunRetransmission stunRetransmission = StunRetransmission.DEFAULT;

    private Builder() {}

    /** The UDP port range, inclusive; {@code 0, 0} means an ephemeral port. */
    public Builder portRange(int min, int max) {
      this.portMin = min;
      this.portMax = max;
      return this;
    }

    /** Gathers loopback addresses. */
    public Builder loopback(boolean on) {
      this.loopback = on;
      return this;
    }

    /** Gathers IPv4 addresses. */
    public Builder ipv4(boolean on) {
      this.ipv4 = on;
      return this;
    }

    /** Gathers IPv6 addresses. */
    public Builder ipv6(boolean on) {
      this.ipv6 = on;
      return this;
    }

    /** Gathers IPv6 link-local addresses. */
    public Builder linkLocalIpv6(boolean on) {
      this.linkLocalIpv6 = on;
      return this;
    }

    /** Only these interface names (empty: all). */
    public Builder interfaceAllow(Set<String> names) {
      this.interfaceAllow = Set.copyOf(names);
      return this;
    }

    /** Never these interface names. */
    public Builder interfaceDeny(Set<String> names) {
      this.interfaceDeny = Set.copyOf(names);
      return this;
    }

    /** A predicate every address must pass. */
    public Builder addressFilter(Predicate<InetAddress> filter) {
      this.addressFilter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** The mDNS query timeout. */
    public Builder mdnsTimeoutMillis(long millis) {
      this.mdnsTimeoutMillis = millis;
      return this;
    }

    /**
     * How STUN and TURN server host names are looked up (tests inject one); it must not block
     * and is called on the connection's loop.
     */
    public Builder resolver(Function<String, CompletableFuture<List<InetAddress>>> resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** The TLS context for {@code turns:} servers (a private CA's trust); null for the JDK default. */
    public Builder turnTlsContext(SSLContext context) {
      this.turnTlsContext = context;
      return this;
    }

    /** STUN/TURN request timing, RFC 8489 §6.2.1 (default RTO 500 ms, Rc 7, Rm 16). */
    public Builder stunRetransmission(StunRetransmission timing) {
      this.stunRetransmission = Objects.requireNonNull(timing, "timing");
      return this;
    }

    /** The settings. */
    public NetworkSettings build() {
      return new NetworkSettings(portMin, portMax, loopback, ipv4, ipv6, linkLocalIpv6, interfaceAllow,
          interfaceDeny, addressFilter, mdnsTimeoutMillis, resolver, turnTlsContext, stunRetransmission);
    }
  }
}
