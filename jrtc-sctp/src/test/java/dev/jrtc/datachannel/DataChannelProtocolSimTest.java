package dev.jrtc.datachannel;

import static dev.jrtc.sctp.SimLink.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import dev.jrtc.sctp.SctpAssociation;
import dev.jrtc.sctp.SctpConfig;
import dev.jrtc.sctp.SimLink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 8831 / RFC 8832 over two associations on a virtual link: open/ack, parity, negotiated, close. */
class DataChannelProtocolSimTest {
  private static final long SECOND = 1000 * MS;

  private SimLink link;
  private DataChannelProtocol a;
  private DataChannelProtocol b;
  private final List<DataChannelEvent> eventsA = new ArrayList<>();
  private final List<DataChannelEvent> eventsB = new ArrayList<>();

  @BeforeEach
  void setUp() {
    link = new SimLink(21).loss(0.05);
    link.a = SctpAssociation.client(SctpConfig.defaults(), Entropy.seeded(1), 0);
    link.b = SctpAssociation.client(SctpConfig.defaults(), Entropy.seeded(2), 0);
    a = new DataChannelProtocol(link.a, true);
    b = new DataChannelProtocol(link.b, false);
    link.onA = e -> {
      a.handle(link.now, e);
      drain(a, eventsA);
    };
    link.onB = e -> {
      b.handle(link.now, e);
      drain(b, eventsB);
    };
  }

  private static void drain(DataChannelProtocol p, List<DataChannelEvent> into) {
    DataChannelEvent e;
    while ((e = p.pollEvent()) != null) {
      into.add(e);
    }
  }

  private List<DataChannelEvent.Message> messages(List<DataChannelEvent> events) {
    return events.stream().filter(e -> e instanceof DataChannelEvent.Message).map(e -> (DataChannelEvent.Message) e).toList();
  }

  @Test
  @DisplayName("RFC 8832 §6: a channel created before SCTP is up opens, the peer sees it with its parameters")
  void openAndAck() {
    int id = a.createChannel(0, new ChannelParameters("chat", "proto", false, 3, -1, 256, false, -1));
    assertThat(id).isZero(); // DTLS client: even ids
    drain(a, eventsA);
    assertThat(link.runUntil(() -> eventsB.stream().anyMatch(e -> e instanceof DataChannelEvent.IncomingChannel), 30 * SECOND)).isTrue();
    assertThat(eventsA).contains(new DataChannelEvent.ChannelOpen(0));
    assertThat(eventsB).contains(new DataChannelEvent.IncomingChannel(0,
        new ChannelParameters("chat", "proto", false, 3, -1, 256, false, 0)));
    assertThat(b.state(0)).isEqualTo(ChannelState.OPEN);
    int idB = b.createChannel(link.now, ChannelParameters.reliable("x"));
    assertThat(idB).isEqualTo(1); // DTLS server: odd ids
  }

  @Test
  @DisplayName("RFC 8831 §6.6: text and binary messages, including empty ones, both ways")
  void messagesBothWays() {
    int id = a.createChannel(0, ChannelParameters.reliable("data"));
    link.runUntil(() -> a.state(id) == ChannelState.OPEN && b.state(id) == ChannelState.OPEN, 30 * SECOND);
    a.send(link.now, id, "hello".getBytes(StandardCharsets.UTF_8), false);
    a.send(link.now, id, new byte[] {1, 2, 3}, true);
    a.send(link.now, id, new byte[0], false);
    a.send(link.now, id, new byte[0], true);
    b.send(link.now, id, "back".getBytes(StandardCharsets.UTF_8), false);
    assertThat(link.runUntil(() -> messages(eventsB).size() == 4 && messages(eventsA).size() == 1, 30 * SECOND)).isTrue();
    List<DataChannelEvent.Message> got = messages(eventsB);
    assertThat(new String(got.get(0).data(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(got.get(0).binary()).isFalse();
    assertThat(got.get(1).data()).containsExactly(1, 2, 3);
    assertThat(got.get(1).binary()).isTrue();
    assertThat(got.get(2).data()).isEmpty();
    assertThat(got.get(2).binary()).isFalse();
    assertThat(got.get(3).data()).isEmpty();
    assertThat(got.get(3).binary()).isTrue();
    assertThat(new String(messages(eventsA).get(0).data(), StandardCharsets.UTF_8)).isEqualTo("back");
  }

  @Test
  @DisplayName("negotiated channels open on both sides with no DCEP")
  void negotiated() {
    ChannelParameters p = new ChannelParameters("neg", "", true, -1, -1, 256, true, 42);
    a.createChannel(0, p);
    b.createChannel(0, p);
    assertThat(link.runUntil(() -> a.state(42) == ChannelState.OPEN && b.state(42) == ChannelState.OPEN, 30 * SECOND)).isTrue();
    a.send(link.now, 42, new byte[] {7}, true);
    assertThat(link.runUntil(() -> messages(eventsB).size() == 1, 30 * SECOND)).isTrue();
    assertThat(eventsB).noneMatch(e -> e instanceof DataChannelEvent.IncomingChannel);
    assertThatThrownBy(() -> a.createChannel(link.now, p)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("RFC 8831 §6.7: close resets both directions; both sides see closed and the id is free again")
  void closeByStreamReset() {
    int id = a.createChannel(0, ChannelParameters.reliable("c"));
    link.runUntil(() -> b.state(id) == ChannelState.OPEN, 30 * SECOND);
    for (int i = 0; i < 10; i++) {
      a.send(link.now, id, new byte[2000], true);
    }
    a.close(link.now, id);
    assertThat(a.state(id)).isEqualTo(ChannelState.CLOSING);
    assertThat(link.runUntil(() -> a.state(id) == null && b.state(id) == null, 60 * SECOND)).isTrue();
    assertThat(messages(eventsB)).hasSize(10);
    assertThat(eventsA).contains(new DataChannelEvent.ChannelClosed(id, false));
    assertThat(eventsB).contains(new DataChannelEvent.ChannelClosing(id), new DataChannelEvent.ChannelClosed(id, false));
    assertThatThrownBy(() -> a.send(link.now, id, new byte[1], true)).isInstanceOf(IllegalStateException.class);
    // The id is reusable: a new channel gets it and works.
    assertThat(a.createChannel(link.now, ChannelParameters.reliable("again"))).isEqualTo(id);
    assertThat(link.runUntil(() -> b.state(id) == ChannelState.OPEN, 30 * SECOND)).isTrue();
    a.send(link.now, id, new byte[] {9}, true);
    assertThat(link.runUntil(() -> messages(eventsB).size() == 11, 30 * SECOND)).isTrue();
  }

  @Test
  @DisplayName("an SCTP abort closes every channel with an error")
  void abortClosesChannels() {
    int id = a.createChannel(0, ChannelParameters.reliable("c"));
    link.runUntil(() -> b.state(id) == ChannelState.OPEN, 30 * SECOND);
    link.a.abort(link.now, "gone");
    link.runUntil(() -> b.state(id) == null, 30 * SECOND);
    assertThat(eventsB).contains(new DataChannelEvent.ChannelClosed(id, true));
  }

  @Test
  void sendOverMaxMessageSizeAndOnClosedChannelThrow() {
    int id = a.createChannel(0, ChannelParameters.reliable("c"));
    link.runUntil(() -> a.state(id) == ChannelState.OPEN, 30 * SECOND);
    assertThatThrownBy(() -> a.send(link.now, id, new byte[65_537], true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> a.send(link.now, 99, new byte[1], true)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("RFC 8831 §6.7: the peer closes; we see closing, answer with our reset, then closed")
  void remoteClose() {
    int id = a.createChannel(0, ChannelParameters.reliable("c"));
    link.runUntil(() -> b.state(id) == ChannelState.OPEN, 30 * SECOND);
    b.close(link.now, id);
    assertThat(link.runUntil(() -> a.state(id) == null && b.state(id) == null, 60 * SECOND)).isTrue();
    assertThat(eventsA).containsSubsequence(new DataChannelEvent.ChannelClosing(id), new DataChannelEvent.ChannelClosed(id, false));
    assertThat(eventsB).contains(new DataChannelEvent.ChannelClosed(id, false));
  }

  @Test
  @DisplayName("RFC 8831 §6.7: both sides close at the same time")
  void simultaneousClose() {
    int id = a.createChannel(0, ChannelParameters.reliable("c"));
    link.runUntil(() -> b.state(id) == ChannelState.OPEN, 30 * SECOND);
    a.close(link.now, id);
    b.close(link.now, id);
    assertThat(link.runUntil(() -> a.state(id) == null && b.state(id) == null, 60 * SECOND)).isTrue();
    assertThat(eventsA).contains(new DataChannelEvent.ChannelClosed(id, false));
    assertThat(eventsB).contains(new DataChannelEvent.ChannelClosed(id, false));
  }

  @Test
  @DisplayName("64 channels from each side at once: ids by parity, every message on its own channel")
  void sixtyFourChannels() {
    List<Integer> idsA = new ArrayList<>();
    List<Integer> idsB = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      idsA.add(a.createChannel(0, ChannelParameters.reliable("a" + i)));
      idsB.add(b.createChannel(0, ChannelParameters.reliable("b" + i)));
    }
    assertThat(idsA).allMatch(id -> id % 2 == 0).doesNotHaveDuplicates();
    assertThat(idsB).allMatch(id -> id % 2 == 1).doesNotHaveDuplicates();
    assertThat(link.runUntil(() -> idsA.stream().allMatch(id -> b.state(id) == ChannelState.OPEN)
        && idsB.stream().allMatch(id -> a.state(id) == ChannelState.OPEN), 60 * SECOND)).isTrue();
    for (int id : idsA) {
      a.send(link.now, id, ("to " + id).getBytes(StandardCharsets.UTF_8), false);
    }
    assertThat(link.runUntil(() -> messages(eventsB).size() == 64, 60 * SECOND)).isTrue();
    for (DataChannelEvent.Message m : messages(eventsB)) {
      assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("to " + m.id());
      assertThat(b.parameters(m.id()).label()).isEqualTo("a" + (m.id() / 2));
    }
  }

  @Test
  @DisplayName("RFC 8832 §6: an unordered channel sends ordered until the ACK, so no message overtakes the OPEN")
  void unorderedChannelUnderLoss() {
    link.loss(0.2);
    link.jitter(30 * MS);
    int id = a.createChannel(0, new ChannelParameters("u", "", false, -1, -1, 256, false, -1));
    link.runUntil(() -> a.state(id) == ChannelState.OPEN, 30 * SECOND);
    for (int i = 0; i < 100; i++) {
      a.send(link.now, id, new byte[] {(byte) i}, true);
    }
    assertThat(link.runUntil(() -> messages(eventsB).size() == 100, 120 * SECOND)).isTrue();
    assertThat(b.malformedMessagesDropped()).isZero();
    assertThat(messages(eventsB).stream().map(m -> m.data()[0] & 0xff).distinct().count()).isEqualTo(100);
  }
}
