package dev.jrtc.internal.net;

import dev.jrtc.ice.TransportAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An mDNS responder on 127.0.0.1 (unicast, not the multicast group: the network rule keeps
 * tests on loopback): it answers A questions for the names it knows, by unicast to the
 * querier's port as RFC 6762 §6.7 asks for one-shot queries, and records every query.
 */
final class FakeMdnsResponder implements AutoCloseable {
  final Map<String, InetAddress> names = new ConcurrentHashMap<>();
  final List<DnsMessage> queries = new CopyOnWriteArrayList<>();
  /** Sent before each answer when set (garbage the client must survive). */
  volatile byte[] garbageFirst;
  private final DatagramSocket socket;
  private final Thread thread;

  FakeMdnsResponder() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(this::serve, "fake-mdns");
    thread.setDaemon(true);
    thread.start();
  }

  TransportAddress address() {
    return TransportAddress.udp(InetAddress.getLoopbackAddress(), socket.getLocalPort());
  }

  private void serve() {
    byte[] buf = new byte[9000];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
        DnsMessage q = DnsMessage.parse(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        queries.add(q);
        List<DnsRecord> answers = new ArrayList<>();
        for (DnsQuestion question : q.questions()) {
          InetAddress a = names.get(question.name());
          if (a != null && question.type() == DnsMessage.TYPE_A && a.getAddress().length == 4) {
            answers.add(new DnsRecord(question.name(), DnsMessage.TYPE_A, DnsMessage.CLASS_IN | DnsRecord.CACHE_FLUSH,
                120, a.getAddress()));
          }
        }
        if (answers.isEmpty()) {
          continue; // RFC 6762 §6: no answer, no response
        }
        byte[] g = garbageFirst;
        if (g != null) {
          socket.send(new DatagramPacket(g, g.length, p.getSocketAddress()));
        }
        // §6.7: a unicast reply to a legacy query repeats the ID and the question.
        byte[] r = new DnsMessage(q.id(), DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE, q.questions(),
            answers, List.of(), List.of()).encode();
        socket.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
      } catch (IOException | DnsParseException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5000);
  }
}
