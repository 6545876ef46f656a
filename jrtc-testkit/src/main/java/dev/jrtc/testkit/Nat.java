package dev.jrtc.testkit;

import java.time.Duration;

/**
 * The behaviour of a NAT in front of a {@link SimRouter}, in the terms of RFC 4787.
 *
 * @param mapping how external mappings are reused (RFC 4787 §4.1)
 * @param filtering which inbound packets a mapping lets through (RFC 4787 §5)
 * @param portAssignment how the external port is chosen (RFC 4787 §4.2.2)
 * @param bindingLifetime how long a mapping lives without traffic refreshing it (RFC 4787 §4.3;
 *     REQ-5 asks for at least 2 minutes)
 * @param inboundRefresh true when inbound packets refresh a mapping too (RFC 4787 §4.3 allows
 *     either; outbound packets always refresh, REQ-6)
 * @param hairpinning true when a host behind the NAT can reach another mapping of the same NAT
 *     through its external address (RFC 4787 §6, REQ-9); the source is translated and filtering
 *     applies as for any inbound packet
 */
public record Nat(Mapping mapping, Filtering filtering, PortAssignment portAssignment, Duration bindingLifetime,
    boolean inboundRefresh, boolean hairpinning) {

  /** Mapping behaviour, RFC 4787 §4.1. */
  public enum Mapping {
    /** The same mapping for every destination (REQ-1 recommends it). */
    ENDPOINT_INDEPENDENT,
    /** A new mapping per destination IP address. */
    ADDRESS_DEPENDENT,
    /** A new mapping per destination IP address and port ("symmetric"). */
    ADDRESS_AND_PORT_DEPENDENT
  }

  /** Filtering behaviour, RFC 4787 §5. */
  public enum Filtering {
    /** Any external endpoint may send to the mapping ("full cone"). */
    ENDPOINT_INDEPENDENT,
    /** Only IP addresses the internal endpoint has sent to ("restricted cone"). */
    ADDRESS_DEPENDENT,
    /** Only IP address and port pairs the internal endpoint has sent to ("port-restricted"). */
    ADDRESS_AND_PORT_DEPENDENT
  }

  /** External port choice, RFC 4787 §4.2.2. */
  public enum PortAssignment {
    /** The internal port when it is free on the external address, else a random one. */
    PRESERVING,
    /** A random port in 1024..65535. */
    RANDOM
  }

  /** Validates the fields. */
  public Nat {
    if (mapping == null || filtering == null || portAssignment == null || bindingLifetime == null) {
      throw new IllegalArgumentException("mapping, filtering, portAssignment and bindingLifetime are required");
    }
    if (bindingLifetime.isNegative() || bindingLifetime.isZero()) {
      throw new IllegalArgumentException("binding lifetime must be positive: " + bindingLifetime);
    }
  }

  /**
   * A NAT with the given mapping and filtering, port preservation, a 2-minute binding lifetime
   * refreshed by outbound traffic only, and hairpinning on.
   */
  public static Nat of(Mapping mapping, Filtering filtering) {
    return new Nat(mapping, filtering, PortAssignment.PRESERVING, Duration.ofMinutes(2), false, true);
  }

  /** Endpoint-independent mapping and filtering ("full cone"). */
  public static Nat fullCone() {
    return of(Mapping.ENDPOINT_INDEPENDENT, Filtering.ENDPOINT_INDEPENDENT);
  }

  /** Endpoint-independent mapping, address-dependent filtering ("restricted cone"). */
  public static Nat restrictedCone() {
    return of(Mapping.ENDPOINT_INDEPENDENT, Filtering.ADDRESS_DEPENDENT);
  }

  /** Endpoint-independent mapping, address-and-port-dependent filtering ("port-restricted cone"). */
  public static Nat portRestrictedCone() {
    return of(Mapping.ENDPOINT_INDEPENDENT, Filtering.ADDRESS_AND_PORT_DEPENDENT);
  }

  /** Address-and-port-dependent mapping and filtering ("symmetric"). */
  public static Nat symmetric() {
    return of(Mapping.ADDRESS_AND_PORT_DEPENDENT, Filtering.ADDRESS_AND_PORT_DEPENDENT);
  }

  /** A copy with another port assignment. */
  public Nat withPortAssignment(PortAssignment p) {
    return new Nat(mapping, filtering, p, bindingLifetime, inboundRefresh, hairpinning);
  }

  /** A copy with another binding lifetime. */
  public Nat withBindingLifetime(Duration lifetime) {
    return new Nat(mapping, filtering, portAssignment, lifetime, inboundRefresh, hairpinning);
  }

  /** A copy where inbound packets refresh bindings (or not). */
  public Nat withInboundRefresh(boolean refresh) {
    return new Nat(mapping, filtering, portAssignment, bindingLifetime, refresh, hairpinning);
  }

  /** A copy with hairpinning on or off. */
  public Nat withHairpinning(boolean on) {
    return new Nat(mapping, filtering, portAssignment, bindingLifetime, inboundRefresh, on);
  }
}
