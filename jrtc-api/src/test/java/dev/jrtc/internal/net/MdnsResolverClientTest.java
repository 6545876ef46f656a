package dev.jrtc.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Clock;
import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateAttribute;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.TransportAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link MdnsResolverClient} against a responder on 127.0.0.1, and an ICE connection to a peer
 * that hides its address behind a {@code .local} name (what Chromium does by default).
 */
class MdnsResolverClientTest {
  private static final String NAME = "1f2e3d4c-5b6a-4789-8abc-def012345678.local";
  private static IoThreads io;

  @BeforeAll
  static void start() {
    io = IoThreads.create("mdns-test", 1);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    io.close();
    assertThat(io.awaitTermination(5000)).isTrue();
  }

  private static List<HostAddressGatherer.HostAddress> loopback() {
    return List.of(new HostAddressGatherer.HostAddress("lo", 1, InetAddress.getLoopbackAddress()));
  }

  private record Answer(String name, InetAddress address) {}

  @Test
  @DisplayName("RFC 6762 §5.1: a one-shot QU query for A and AAAA, answered by unicast, resolves the name")
  void resolves() throws Exception {
    LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    try (FakeMdnsResponder responder = new FakeMdnsResponder();
        MdnsResolverClient client = new MdnsResolverClient(io, loopback(), NetworkSettings.loopbackOnly(),
            Clock.system(), io.scheduler(), (n, a) -> answers.add(new Answer(n, a)), responder.address(), null)) {
      responder.garbageFirst = new byte[] {0, 0, (byte) 0x84, 0, 0, 1};
      client.resolve(NAME.toUpperCase());
      client.resolve(NAME); // the same name again: no second query
      // The responder learns the name only now, so the first query cannot be answered before the
      // second resolve() (that race made this test flaky): the timed repeat gets the answer.
      responder.names.put(NAME, InetAddress.getByName("127.0.0.1"));
      Answer a = answers.poll(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(a).isEqualTo(new Answer(NAME.toUpperCase(), InetAddress.getByName("127.0.0.1")));
      // One query for both resolve() calls, and possibly its one timed repeat.
      assertThat(responder.queries).hasSizeBetween(1, 2);
      DnsMessage q = responder.queries.get(0);
      assertThat(q.isResponse()).isFalse();
      assertThat(q.questions()).extracting(DnsQuestion::type).containsExactly(DnsMessage.TYPE_A, DnsMessage.TYPE_AAAA);
      assertThat(q.questions()).allMatch(DnsQuestion::unicastResponse).allMatch(x -> x.name().equals(NAME));
      assertThat(client.malformedCount()).isEqualTo(1);
      assertThat(answers).isEmpty();
    }
  }

  @Test
  @DisplayName("RFC 6762 §5.2: an unknown name is asked again after 1 s (QM), and fails with a null address at the timeout")
  void timesOut() throws Exception {
    LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    // Queries at 0 and 1 s; the next would be at 3 s, after the timeout.
    NetworkSettings quick = NetworkSettings.loopbackOnly().toBuilder().mdnsTimeoutMillis(1500).build();
    try (FakeMdnsResponder responder = new FakeMdnsResponder();
        MdnsResolverClient client = new MdnsResolverClient(io, loopback(), quick, Clock.system(), io.scheduler(),
            (n, a) -> answers.add(new Answer(n, a)), responder.address(), null)) {
      client.resolve("nobody.local");
      Answer a = answers.poll(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(a).isNotNull();
      assertThat(a.address()).isNull();
      assertThat(responder.queries).hasSize(2);
      assertThat(responder.queries.get(0).questions()).allMatch(DnsQuestion::unicastResponse);
      assertThat(responder.queries.get(1).questions()).noneMatch(DnsQuestion::unicastResponse);
    }
  }

  @Test
  @DisplayName("RFC 6762 §6, §8.3: a multicast answer resolves a pending name; an announced name resolves at once")
  void listensForAnnouncements() throws Exception {
    String other = "0a0b0c0d-1111-4222-8333-944445555666.local";
    LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    TransportAddress listen = TransportAddress.udp(InetAddress.getLoopbackAddress(), 0);
    try (FakeMdnsResponder responder = new FakeMdnsResponder();
        MdnsResolverClient client = new MdnsResolverClient(io, loopback(), NetworkSettings.loopbackOnly(),
            Clock.system(), io.scheduler(), (n, a) -> answers.add(new Answer(n, a)), responder.address(), null,
            listen);
        DatagramSocket announcer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      client.resolve(NAME); // the responder does not know it: only the listener can answer
      InetSocketAddress to = client.listenerAddress();
      assertThat(to).isNotNull();
      byte[] announcement = new DnsMessage(0, DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE, List.of(),
          List.of(aRecord(NAME, "127.0.0.1"), aRecord(other, "127.0.0.2")), List.of(), List.of()).encode();
      announcer.send(new DatagramPacket(announcement, announcement.length, to));
      assertThat(answers.poll(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS))
          .isEqualTo(new Answer(NAME, InetAddress.getByName("127.0.0.1")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestPeer.WAIT_SECONDS);
      while (client.announcedCount() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      client.resolve(other);
      assertThat(answers.poll(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS))
          .isEqualTo(new Answer(other, InetAddress.getByName("127.0.0.2")));
      // Only NAME was ever asked: the announced name needed no query.
      assertThat(responder.queries).allMatch(q -> q.questions().get(0).name().equals(NAME));
    }
  }

  private static DnsRecord aRecord(String name, String ip) throws Exception {
    return new DnsRecord(name, DnsMessage.TYPE_A, DnsMessage.CLASS_IN | DnsRecord.CACHE_FLUSH, 120,
        InetAddress.getByName(ip).getAddress());
  }

  @Test
  @DisplayName("no allowed interface: no query leaves, and the name fails")
  void noInterface() throws Exception {
    LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    NetworkSettings quick = NetworkSettings.loopbackOnly().toBuilder().mdnsTimeoutMillis(100).build();
    try (FakeMdnsResponder responder = new FakeMdnsResponder();
        MdnsResolverClient client = new MdnsResolverClient(io, List.of(), quick, Clock.system(), io.scheduler(),
            (n, a) -> answers.add(new Answer(n, a)), responder.address(), null)) {
      responder.names.put(NAME, InetAddress.getLoopbackAddress());
      client.resolve(NAME);
      assertThat(answers.poll(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS).address()).isNull();
      assertThat(responder.queries).isEmpty();
    }
  }

  @Test
  @DisplayName("ICE with a peer whose host candidate is an mDNS name: resolved, then connected")
  void connectsToMdnsCandidate() throws Exception {
    try (FakeMdnsResponder responder = new FakeMdnsResponder();
        TestPeer a = new TestPeer("a", true, x -> x.io(io).mdnsTargets(responder.address(), null));
        TestPeer b = new TestPeer("b", false, x -> x.io(io))) {
      responder.names.put(NAME, InetAddress.getByName("127.0.0.1"));
      // No trickle: a learns b only from b's candidate under its mDNS name; b learns a from its checks.
      a.trickle = false;
      b.trickle = false;
      TestPeer.pair(a, b);
      a.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      b.driver.gather().get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      Candidate real = b.await(IceEvent.CandidateGathered.class).candidate();
      CandidateAttribute hidden = CandidateAttribute.parse("candidate:1 1 udp " + real.priority() + " " + NAME + " "
          + real.address().port() + " typ host");
      a.driver.addRemoteCandidate(hidden).get(TestPeer.WAIT_SECONDS, TimeUnit.SECONDS);
      a.driver.endOfRemoteCandidates();
      a.awaitConnected();
      b.awaitConnected();
      assertThat(a.driver.selectedPair().remote().address()).isEqualTo(real.address());
      assertThat(a.driver.selectedPair().remote().type()).isEqualTo(dev.jrtc.ice.CandidateType.HOST);
      assertThat(responder.queries).hasSize(1);
    }
  }
}
