package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateAttribute;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.TransportAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two agents over IPv6 link-local addresses only (fe80::/10, no IPv4, no loopback), one on each
 * end of a veth pair {@code v0}/{@code v1}: host candidates carry no scope in SDP (RFC 8839
 * §5.1), so the runtime must send to a scope-less remote link-local address through the
 * interface of its own base. Runs only where those interfaces exist: inside the network
 * namespace of {@code ../shared/TESTING.md} ({@code unshare -n}, veth pair v0/v1 up), never on a
 * machine's real interfaces. Elsewhere it is skipped. The second test resolves the peer's
 * {@code .local} name over IPv6 mDNS: a query to ff02::fb (RFC 6762 §3) on the link, answered
 * with an AAAA record by a responder in the group on the other end.
 */
class Ipv6LinkLocalTest {

  private static Inet6Address linkLocal(String name) throws SocketException {
    NetworkInterface nic = NetworkInterface.getByName(name);
    if (nic == null || !nic.isUp()) {
      return null;
    }
    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
      if (a instanceof Inet6Address && a.isLinkLocalAddress()) {
        return (Inet6Address) a;
      }
    }
    return null;
  }

  /**
   * Outside a test namespace the test is skipped; ./jrtc test runs it inside one with
   * -Djrtc.ipv6.required=true, where a missing address is a failure, not a skip.
   */
  private static void requireNamespace(boolean present) {
    String why = "needs the veth pair v0/v1 with IPv6 link-local addresses (a test network namespace)";
    if (Boolean.getBoolean("jrtc.ipv6.required")) {
      assertThat(present).as(why).isTrue();
    } else {
      assumeTrue(present, why);
    }
  }

  private static NetworkSettings only(String nic) {
    return NetworkSettings.builder().ipv4(false).ipv6(true).linkLocalIpv6(true).loopback(false)
        .interfaceAllow(Set.of(nic)).build();
  }

  @Test
  @DisplayName("RFC 8445 §5.1.1.1: agents on IPv6 link-local host candidates only connect and exchange data")
  void connectOverLinkLocal() throws Exception {
    requireNamespace(linkLocal("v0") != null && linkLocal("v1") != null);
    try (IoThreads io = IoThreads.create("ll-test", 1)) {
      try (TestPeer a = new TestPeer("a", true, b -> b.io(io).network(only("v0")));
          TestPeer b = new TestPeer("b", false, x -> x.io(io).network(only("v1")))) {
        TestPeer.pair(a, b);
        a.trickle = false; // candidates go through their SDP form, as signaling would carry them
        b.trickle = false;
        a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        b.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        Candidate aHost = a.await(IceEvent.CandidateGathered.class).candidate();
        Candidate bHost = b.await(IceEvent.CandidateGathered.class).candidate();
        assertThat(aHost.address().address().isLinkLocalAddress()).isTrue();
        // RFC 8839 §5.1: the SDP form has no zone ("%v0"): the peer only learns the address.
        assertThat(aHost.toSdp()).doesNotContain("%");
        b.driver.addRemoteCandidate(CandidateAttribute.parse(aHost.toSdp())).get(TestPeer.WAIT_SECONDS,
            TimeUnit.SECONDS);
        a.driver.addRemoteCandidate(CandidateAttribute.parse(bHost.toSdp())).get(TestPeer.WAIT_SECONDS,
            TimeUnit.SECONDS);
        a.driver.endOfRemoteCandidates();
        b.driver.endOfRemoteCandidates();
        a.awaitConnected();
        b.awaitConnected();
        a.driver.send("over fe80::".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(b.awaitData(), StandardCharsets.UTF_8)).isEqualTo("over fe80::");
        b.driver.send("and back".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(a.awaitData(), StandardCharsets.UTF_8)).isEqualTo("and back");
      }
    }
  }

  @Test
  @DisplayName("RFC 6762 over IPv6: a remote <uuid>.local candidate is resolved with a query to ff02::fb on the link")
  void mdnsOverIpv6LinkLocal() throws Exception {
    Inet6Address bAddress = linkLocal("v1");
    requireNamespace(linkLocal("v0") != null && bAddress != null);
    String name = "6f1c9d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f.local";
    List<String> asked = new CopyOnWriteArrayList<>();
    // A responder on v1 in the ff02::fb group (RFC 6762 §3), answering AAAA by unicast (§6.7).
    try (DatagramChannel responder = DatagramChannel.open(StandardProtocolFamily.INET6);
        IoThreads io = IoThreads.create("ll-mdns-test", 1)) {
      responder.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      responder.bind(new InetSocketAddress(InetAddress.getByName("::"), 5353));
      responder.join(InetAddress.getByName("ff02::fb"), NetworkInterface.getByName("v1"));
      Thread t = new Thread(() -> {
        ByteBuffer buf = ByteBuffer.allocate(9000);
        while (responder.isOpen()) {
          try {
            buf.clear();
            java.net.SocketAddress from = responder.receive(buf);
            buf.flip();
            byte[] data = new byte[buf.remaining()];
            buf.get(data);
            DnsMessage q = DnsMessage.parse(data);
            if (q.isResponse() || q.questions().isEmpty() || !q.questions().get(0).name().equals(name)) {
              continue;
            }
            asked.add(((InetSocketAddress) from).getAddress().getHostAddress());
            byte[] r = new DnsMessage(q.id(), DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE, q.questions(),
                List.of(new DnsRecord(name, DnsMessage.TYPE_AAAA, DnsMessage.CLASS_IN | DnsRecord.CACHE_FLUSH, 120,
                    bAddress.getAddress())), List.of(), List.of()).encode();
            responder.send(ByteBuffer.wrap(r), from);
          } catch (java.io.IOException | DnsParseException e) {
            return; // closed
          }
        }
      }, "ll-mdns-responder");
      t.setDaemon(true);
      t.start();
      try (TestPeer a = new TestPeer("a", true, x -> x.io(io).network(only("v0")));
          TestPeer b = new TestPeer("b", false, x -> x.io(io).network(only("v1")))) {
        TestPeer.pair(a, b);
        a.trickle = false;
        b.trickle = false;
        a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        b.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        Candidate aHost = a.await(IceEvent.CandidateGathered.class).candidate();
        Candidate bHost = b.await(IceEvent.CandidateGathered.class).candidate();
        // b's candidate reaches a with its address hidden behind an mDNS name, as browsers send it.
        String hidden = bHost.toSdp().replace(TransportAddress.literal(bHost.address().address()), name);
        assertThat(hidden).contains(name);
        a.driver.addRemoteCandidate(CandidateAttribute.parse(hidden)).get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        // b gets no candidate of a: only a's checks to the resolved address can start the connection
        // (b learns a as peer-reflexive, RFC 8445 §7.3.1.3).
        assertThat(aHost.address().address().isLinkLocalAddress()).isTrue();
        a.awaitConnected();
        b.awaitConnected();
        assertThat(a.driver.selectedPair().remote().address().address()).isEqualTo(bAddress);
        assertThat(asked).isNotEmpty();
        assertThat(asked).allMatch(from -> from.startsWith("fe80:"));
      } finally {
        responder.close();
        t.join(TimeUnit.SECONDS.toMillis(TestPeer.WAIT_SECONDS));
      }
    }
  }
}
