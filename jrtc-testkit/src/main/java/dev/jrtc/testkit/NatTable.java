package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The mapping table of one NAT (RFC 4787): which internal endpoint owns which external port,
 * and which remote endpoints each mapping has sent to (for filtering).
 */
final class NatTable {
  /** One mapping: internal endpoint to external endpoint. */
  static final class Binding {
    final Object key;
    final TransportAddress internal;
    final TransportAddress external;
    /** Remote endpoints this mapping sent to (RFC 4787 §5 filtering state). */
    final Map<TransportAddress, Boolean> contacted = new LinkedHashMap<>();
    long lastActiveNanos;

    Binding(Object key, TransportAddress internal, TransportAddress external, long now) {
      this.key = key;
      this.internal = internal;
      this.external = external;
      this.lastActiveNanos = now;
    }
  }

  private record AddressKey(TransportAddress internal, InetAddress remote) {}

  private record EndpointKey(TransportAddress internal, TransportAddress remote) {}

  private final Nat nat;
  private final InetAddress externalIp;
  private final SplittableRandom random;
  private final Map<Object, Binding> byKey = new HashMap<>();
  private final Map<Integer, Binding> byExternalPort = new HashMap<>();

  NatTable(Nat nat, InetAddress externalIp, SplittableRandom random) {
    this.nat = nat;
    this.externalIp = externalIp;
    this.random = random;
  }

  Nat nat() {
    return nat;
  }

  InetAddress externalIp() {
    return externalIp;
  }

  private Object key(TransportAddress src, TransportAddress dst) {
    switch (nat.mapping()) {
      case ENDPOINT_INDEPENDENT:
        return src;
      case ADDRESS_DEPENDENT:
        return new AddressKey(src, dst.address());
      case ADDRESS_AND_PORT_DEPENDENT:
        return new EndpointKey(src, dst);
      default:
        throw new AssertionError(nat.mapping());
    }
  }

  private boolean expired(Binding b, long now) {
    return now - b.lastActiveNanos >= nat.bindingLifetime().toNanos();
  }

  private void remove(Binding b) {
    byKey.remove(b.key);
    byExternalPort.remove(b.external.port());
  }

  /** Translates an outbound packet's source (RFC 4787 §4.1), creating or refreshing the mapping. */
  TransportAddress outbound(TransportAddress src, TransportAddress dst, long now) {
    Object key = key(src, dst);
    Binding b = byKey.get(key);
    if (b != null && expired(b, now)) {
      remove(b);
      b = null;
    }
    if (b == null) {
      int port = allocatePort(src.port(), now);
      b = new Binding(key, src, new TransportAddress(externalIp, port, src.protocol()), now);
      byKey.put(key, b);
      byExternalPort.put(port, b);
    }
    b.lastActiveNanos = now; // REQ-6: outbound packets refresh
    b.contacted.put(dst, Boolean.TRUE);
    return b.external;
  }

  /**
   * Translates an inbound packet's destination, or returns null when no live mapping exists or
   * the filtering rule of RFC 4787 §5 rejects the source.
   */
  TransportAddress inbound(TransportAddress src, TransportAddress dst, long now) {
    Binding b = byExternalPort.get(dst.port());
    if (b == null || b.external.protocol() != dst.protocol()) {
      return null;
    }
    if (expired(b, now)) {
      remove(b);
      return null;
    }
    if (!allowed(b, src)) {
      return null;
    }
    if (nat.inboundRefresh()) {
      b.lastActiveNanos = now;
    }
    return b.internal;
  }

  private boolean allowed(Binding b, TransportAddress src) {
    switch (nat.filtering()) {
      case ENDPOINT_INDEPENDENT:
        return true;
      case ADDRESS_DEPENDENT:
        for (TransportAddress t : b.contacted.keySet()) {
          if (t.address().equals(src.address())) {
            return true;
          }
        }
        return false;
      case ADDRESS_AND_PORT_DEPENDENT:
        return b.contacted.containsKey(src);
      default:
        throw new AssertionError(nat.filtering());
    }
  }

  private int allocatePort(int internalPort, long now) {
    if (nat.portAssignment() == Nat.PortAssignment.PRESERVING && internalPort != 0 && isFree(internalPort, now)) {
      return internalPort;
    }
    for (int i = 0; i < 100_000; i++) {
      int p = 1024 + random.nextInt(65536 - 1024);
      if (isFree(p, now)) {
        return p;
      }
    }
    throw new IllegalStateException("NAT " + externalIp.getHostAddress() + " ran out of ports");
  }

  private boolean isFree(int port, long now) {
    Binding b = byExternalPort.get(port);
    if (b != null && expired(b, now)) {
      remove(b);
      b = null;
    }
    return b == null;
  }

  /** The live mappings, oldest first. */
  List<Binding> bindings(long now) {
    List<Binding> out = new ArrayList<>();
    for (Binding b : new ArrayList<>(byExternalPort.values())) {
      if (expired(b, now)) {
        remove(b);
      } else {
        out.add(b);
      }
    }
    out.sort((x, y) -> Integer.compare(x.external.port(), y.external.port()));
    return out;
  }
}
