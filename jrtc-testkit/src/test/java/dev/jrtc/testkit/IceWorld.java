package dev.jrtc.testkit;

import dev.jrtc.ice.IceConfig;
import java.time.Duration;

/**
 * The ICE test topology: a WAN with a STUN server and a TURN server, and two LANs, each behind
 * its own NAT (or none), with one host each. 10 ms latency on each LAN uplink.
 */
final class IceWorld {
  final SimNet net;
  final SimRouter wan;
  final SimRouter lanA;
  final SimRouter lanB;
  final SimStunServer stun;
  final SimTurnServer turn;
  final IcePeer a;
  final IcePeer b;

  IceWorld(long seed, Nat natA, Nat natB) {
    this(seed, natA, natB, IceConfig.of(true), IceConfig.of(false));
  }

  IceWorld(long seed, Nat natA, Nat natB, IceConfig configA, IceConfig configB) {
    net = SimNet.builder().seed(seed).build();
    wan = net.router("wan", "1.2.3.0/24");
    lanA = natA == null ? wan.routedChild("lan-a", "5.6.7.0/24") : wan.child("lan-a", "10.0.1.0/24", natA, "1.2.3.10");
    lanB = natB == null ? wan.routedChild("lan-b", "8.9.0.0/24") : wan.child("lan-b", "10.0.2.0/24", natB, "1.2.3.20");
    stun = SimStunServer.start(wan.host("stun", "1.2.3.4"), 3478);
    turn = SimTurnServer.builder(wan.host("turn", "1.2.3.5")).user("user", "pass").start();
    net.link(lanA, wan).latency(Duration.ofMillis(10));
    net.link(lanB, wan).latency(Duration.ofMillis(10));
    a = new IcePeer(net, "a", lanA.host("a", natA == null ? "5.6.7.2" : "10.0.1.2"), configA);
    b = new IcePeer(net, "b", lanB.host("b", natB == null ? "8.9.0.2" : "10.0.2.2"), configB);
    IcePeer.pair(a, b);
  }

  /** Gathers host and srflx candidates, and relayed ones when {@code withTurn}. */
  IceWorld gather(boolean withTurn) {
    a.gather(stun.address(), withTurn ? turn.address() : null, "user", "pass");
    b.gather(stun.address(), withTurn ? turn.address() : null, "user", "pass");
    return this;
  }

  boolean connect(Duration virtualLimit) {
    return net.runUntil(() -> a.connected() && b.connected(), virtualLimit);
  }

  /** One datagram each way on the selected pairs; true when both arrive. */
  boolean exchangeData() {
    int ra = a.received.size();
    int rb = b.received.size();
    a.send(new byte[] {(byte) 0x80, 1, 2, 3}); // 128..191: RTP/RTCP range of RFC 7983, not STUN
    b.send(new byte[] {(byte) 0x80, 4, 5, 6});
    net.advance(Duration.ofMillis(500));
    return a.received.size() == ra + 1 && b.received.size() == rb + 1;
  }
}
