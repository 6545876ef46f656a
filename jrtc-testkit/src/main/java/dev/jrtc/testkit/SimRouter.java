package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A router of a {@link SimNet} with one subnet. A root router (from {@link SimNet#router}) is
 * the "internet" and does no NAT. A child router sits behind its parent: with a {@link Nat} it
 * takes one address on the parent's subnet and translates per RFC 4787; without one its subnet
 * is routed as is.
 *
 * <p>Routing: a destination on this subnet goes to the host with that address (or the NAT child
 * owning it); a destination in a routed child's subnet goes to that child; anything else goes up
 * to the parent, through this router's NAT if it has one. A root router drops what it cannot
 * place ({@link SimPacket.Fate#NO_ROUTE}).
 */
public final class SimRouter implements SimNode {
  private final SimNet net;
  private final String name;
  private final Cidr subnet;
  private final SimRouter parent;
  private final NatTable nat;
  private final Map<InetAddress, SimHost> hosts = new LinkedHashMap<>();
  private final List<SimRouter> children = new ArrayList<>();
  private long nextIndex = 1;

  SimRouter(SimNet net, String name, Cidr subnet, SimRouter parent, Nat nat, InetAddress externalIp) {
    this.net = net;
    this.name = name;
    this.subnet = subnet;
    this.parent = parent;
    this.nat = nat == null ? null : new NatTable(nat, externalIp, net.random("nat " + name));
  }

  @Override
  public String name() {
    return name;
  }

  /** The subnet, e.g. {@code 192.168.0.0/24}. */
  public String subnet() {
    return subnet.toString();
  }

  /** The parent router, or null for a root. */
  public SimRouter parent() {
    return parent;
  }

  /** The NAT behaviour, or null when this router does not translate. */
  public Nat nat() {
    return nat == null ? null : nat.nat();
  }

  /** The NAT's external address on the parent's subnet, or null without a NAT. */
  public InetAddress externalAddress() {
    return nat == null ? null : nat.externalIp();
  }

  /**
   * A child router behind a NAT; its external address is the next free one on this subnet.
   *
   * @param name a name unique in the network
   * @param cidr the child's subnet
   * @param nat the NAT's behaviour
   */
  public SimRouter child(String name, String cidr, Nat nat) {
    if (nat == null) {
      throw new IllegalArgumentException("nat is required (use routedChild for none)");
    }
    return addChild(name, cidr, nat, nextFreeAddress());
  }

  /** A child router behind a NAT whose external address is {@code externalIp} on this subnet. */
  public SimRouter child(String name, String cidr, Nat nat, String externalIp) {
    if (nat == null) {
      throw new IllegalArgumentException("nat is required (use routedChild for none)");
    }
    InetAddress ext = Cidr.ip(externalIp);
    requireFree(ext);
    return addChild(name, cidr, nat, ext);
  }

  /** A child router without NAT: its subnet is reachable from here as is. */
  public SimRouter routedChild(String name, String cidr) {
    return addChild(name, cidr, null, null);
  }

  private SimRouter addChild(String childName, String cidr, Nat n, InetAddress ext) {
    Cidr c = Cidr.parse(cidr);
    if (ext != null && c.isIpv4() != subnet.isIpv4()) {
      throw new IllegalArgumentException("a NAT joins subnets of one IP family: " + cidr + " behind " + subnet);
    }
    SimRouter r = new SimRouter(net, childName, c, this, n, ext);
    net.register(r);
    children.add(r);
    return r;
  }

  /**
   * A host with address {@code ip} on this subnet, named by its address.
   *
   * @throws IllegalArgumentException if the address is outside the subnet or taken
   */
  public SimHost host(String ip) {
    return host(ip, ip);
  }

  /** A host named {@code name} with address {@code ip} on this subnet. */
  public SimHost host(String name, String ip) {
    InetAddress a = Cidr.ip(ip);
    requireFree(a);
    SimHost h = new SimHost(net, this, name, a);
    net.register(h);
    hosts.put(a, h);
    return h;
  }

  private void requireFree(InetAddress a) {
    if (!subnet.contains(a)) {
      throw new IllegalArgumentException(a.getHostAddress() + " is not in " + subnet);
    }
    if (a.equals(subnet.network()) || inUse(a)) {
      throw new IllegalArgumentException(a.getHostAddress() + " is already in use on " + subnet);
    }
  }

  private boolean inUse(InetAddress a) {
    if (hosts.containsKey(a)) {
      return true;
    }
    for (SimRouter c : children) {
      if (a.equals(c.externalAddress())) {
        return true;
      }
    }
    return false;
  }

  private InetAddress nextFreeAddress() {
    while (true) {
      InetAddress a = subnet.address(nextIndex++);
      if (!inUse(a)) {
        return a;
      }
    }
  }

  /**
   * The live NAT mappings, {@code external -> internal}, by external port (empty without a NAT).
   * An address-dependent NAT has several external addresses for one internal endpoint.
   */
  public Map<TransportAddress, TransportAddress> natMappings() {
    Map<TransportAddress, TransportAddress> m = new LinkedHashMap<>();
    if (nat != null) {
      for (NatTable.Binding b : nat.bindings(net.scheduler().nowNanos())) {
        m.put(b.external, b.internal);
      }
    }
    return m;
  }

  /** True when a packet for {@code a} should be sent down to this (child) router. */
  private boolean reaches(InetAddress a) {
    if (nat != null) {
      return a.equals(nat.externalIp());
    }
    if (subnet.contains(a)) {
      return true;
    }
    for (SimRouter c : children) {
      if (c.reaches(a)) {
        return true; // a routed grandchild, or a NAT whose external address is outside our prefix
      }
    }
    return false;
  }

  /** A packet arrives from the parent ({@code fromParent}) or from a host or child below. */
  void receive(Packet p, boolean fromParent) {
    long now = net.scheduler().nowNanos();
    if (nat != null && fromParent) {
      TransportAddress internal = nat.inbound(p.source(), p.destination(), now);
      if (internal == null) {
        net.observe(name, p, SimPacket.Fate.FILTERED);
        return;
      }
      routeDown(p.withDestination(internal));
      return;
    }
    if (nat != null && p.destination().address().equals(nat.externalIp())) {
      // RFC 4787 §6 hairpinning: translate the source as for any outbound packet, then treat
      // the packet as inbound to the destination mapping.
      if (!nat.nat().hairpinning()) {
        net.observe(name, p, SimPacket.Fate.FILTERED);
        return;
      }
      TransportAddress ext = nat.outbound(p.source(), p.destination(), now);
      TransportAddress internal = nat.inbound(ext, p.destination(), now);
      if (internal == null) {
        net.observe(name, p.withSource(ext), SimPacket.Fate.FILTERED);
        return;
      }
      routeDown(new Packet(ext, internal, p.data()));
      return;
    }
    routeDown(p);
  }

  /** Delivers to a host or child below this router, else sends the packet up (through the NAT). */
  private void routeDown(Packet p) {
    InetAddress dst = p.destination().address();
    SimHost h = hosts.get(dst);
    if (h != null) {
      net.linkOf(h).transmit(p, false, h::deliver);
      return;
    }
    for (SimRouter c : children) {
      if (c.reaches(dst)) {
        net.linkOf(c).transmit(p, false, q -> c.receive(q, true));
        return;
      }
    }
    if (subnet.contains(dst) || parent == null) {
      net.observe(name, p, SimPacket.Fate.NO_ROUTE);
      return;
    }
    Packet up = p;
    if (nat != null) {
      up = p.withSource(nat.outbound(p.source(), p.destination(), net.scheduler().nowNanos()));
    }
    SimRouter par = parent;
    net.linkOf(this).transmit(up, true, q -> par.receive(q, false));
  }

  @Override
  public String toString() {
    return "SimRouter[" + name + " " + subnet + (nat != null ? ", NAT " + nat.externalIp().getHostAddress() : "") + "]";
  }
}
