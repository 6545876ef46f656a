package dev.jrtc;

import static dev.jrtc.LoopbackPeers.await;
import static dev.jrtc.LoopbackPeers.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two RTCPeerConnections over real UDP on loopback: ICE, DTLS, SCTP and data channels. */
class LoopbackDataChannelTest {

  private static MessageEvent next(LinkedBlockingQueue<MessageEvent> q) throws InterruptedException {
    MessageEvent e = q.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(e).as("a message within %d s", LoopbackPeers.WAIT_SECONDS).isNotNull();
    return e;
  }

  @Test
  void trickleConnectsAndChannelsEchoTextAndBinaryBothWays() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel ca = p.a.createDataChannel("chat");
      CompletableFuture<Void> aOpen = new CompletableFuture<>();
      ca.onOpen(e -> aOpen.complete(null));
      CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
      p.b.onDataChannel(e -> remote.complete(e.channel()));
      p.connectTrickle();
      await(aOpen);
      RTCDataChannel cb = await(remote);
      assertThat(cb.label()).isEqualTo("chat");
      assertThat(cb.readyState()).isEqualTo(RTCDataChannelState.OPEN);
      assertThat(ca.id()).isEqualTo(cb.id());
      // a=setup:actpass answered with active: the offerer is the DTLS server, its ids odd (RFC 8832 §6)
      assertThat(ca.id() % 2).isOne();

      LinkedBlockingQueue<MessageEvent> atB = new LinkedBlockingQueue<>();
      LinkedBlockingQueue<MessageEvent> atA = new LinkedBlockingQueue<>();
      cb.onMessage(atB::add);
      ca.onMessage(atA::add);
      ca.send("hello");
      ca.send(new byte[] {1, 2, 3});
      ca.send("");
      assertThat(next(atB).text()).isEqualTo("hello");
      MessageEvent bin = next(atB);
      assertThat(bin.data()).isInstanceOf(ByteBuffer.class);
      assertThat(bin.bytes()).containsExactly(1, 2, 3);
      assertThat(next(atB).text()).isEmpty();
      cb.setBinaryType(BinaryType.BLOB);
      cb.send("back");
      cb.send(ByteBuffer.wrap("bytes".getBytes(StandardCharsets.UTF_8)));
      assertThat(next(atA).text()).isEqualTo("back");
      assertThat(next(atA).bytes()).isEqualTo("bytes".getBytes(StandardCharsets.UTF_8));

      p.awaitConnected();
      assertThat(p.aConnectionStates).containsExactly("connecting", "connected");
      assertThat(p.bConnectionStates).containsExactly("connecting", "connected");
      assertThat(p.a.iceConnectionState()).isIn(RTCIceConnectionState.CONNECTED, RTCIceConnectionState.COMPLETED);
      assertThat(p.a.sctp()).isNotNull();
      assertThat(p.a.sctp().state()).isEqualTo(RTCSctpTransportState.CONNECTED);
      assertThat(p.a.sctp().transport().state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
      assertThat(p.a.sctp().transport().getRemoteCertificates()).hasSize(1);
      assertThat(p.a.sctp().transport().iceTransport().getSelectedCandidatePair()).isNotNull();
      assertThat(p.a.sctp().maxMessageSize()).isEqualTo(262144);
      assertThat(p.a.canTrickleIceCandidates()).isTrue();
      // the gathering events end with the end-of-candidates candidate, then the null one
      awaitCondition(() -> p.aIceEvents.contains("null"), "a's null candidate");
      assertThat(p.aIceEvents.get(p.aIceEvents.size() - 1)).isEqualTo("null");
      assertThat(p.aIceEvents.get(p.aIceEvents.size() - 2)).isEqualTo("end");
      assertThat(p.a.localDescription().sdp()).contains("a=candidate:").contains("a=end-of-candidates");
    }
  }

  /** Sends {@code total} bytes in 64 KiB messages, pausing above 1 MiB until bufferedamountlow. */
  static final class Pump {
    static final int CHUNK = 65536;
    static final long HIGH = 1 << 20;
    final RTCDataChannel channel;
    final long total;
    final java.security.MessageDigest sha;
    final CompletableFuture<byte[]> sent = new CompletableFuture<>();
    long offset;
    int lowEvents;

    Pump(RTCDataChannel channel, long total) throws Exception {
      this.channel = channel;
      this.total = total;
      this.sha = java.security.MessageDigest.getInstance("SHA-256");
      channel.setBufferedAmountLowThreshold(HIGH / 4);
      channel.onBufferedAmountLow(e -> {
        lowEvents++;
        pump();
      });
    }

    /** Runs on the event strand (open and bufferedamountlow handlers). */
    void pump() {
      while (offset < total && channel.bufferedAmount() < HIGH) {
        int n = (int) Math.min(CHUNK, total - offset);
        byte[] chunk = new byte[n];
        for (int i = 0; i < n; i++) {
          long x = offset + i;
          chunk[i] = (byte) (x * 31 + (x >>> 8) * 7 + (x >>> 16));
        }
        sha.update(chunk);
        channel.send(chunk);
        offset += n;
      }
      if (offset >= total && !sent.isDone()) {
        sent.complete(sha.digest());
      }
    }
  }

  @Test
  void hundredMebibytesArriveIntactWithFlowControl() throws Exception {
    long total = 100L << 20;
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel ca = p.a.createDataChannel("bulk");
      Pump pump = new Pump(ca, total);
      ca.onOpen(e -> pump.pump());
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      CompletableFuture<byte[]> received = new CompletableFuture<>();
      long[] count = new long[1];
      p.b.onDataChannel(e -> e.channel().onMessage(m -> {
        byte[] b = m.bytes();
        sha.update(b);
        count[0] += b.length;
        if (count[0] == total) {
          received.complete(sha.digest());
        }
      }));
      p.connectTrickle();
      byte[] sentDigest = await(pump.sent);
      byte[] receivedDigest = LoopbackPeers.await(received, 120);
      assertThat(receivedDigest).isEqualTo(sentDigest);
      assertThat(pump.lowEvents).isGreaterThan(0);
      awaitCondition(() -> ca.bufferedAmount() == 0, "everything acknowledged");
    }
  }

  @Test
  void restartIceRenegotiatesNewCredentialsAndKeepsTheChannel() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel ca = p.a.createDataChannel("restart");
      CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
      p.b.onDataChannel(e -> remote.complete(e.channel()));
      p.connectTrickle();
      RTCDataChannel cb = await(remote);
      p.awaitConnected();
      String oldUfrag = p.a.sctp().transport().iceTransport().getLocalParameters().usernameFragment();
      CompletableFuture<Void> needed = new CompletableFuture<>();
      p.a.onNegotiationNeeded(e -> needed.complete(null));
      p.a.restartIce();
      await(needed);
      RTCSessionDescriptionInit offer = await(p.a.createOffer());
      assertThat(offer.sdp()).doesNotContain("a=ice-ufrag:" + oldUfrag + "\r\n");
      await(p.a.setLocalDescription(offer));
      await(p.b.setRemoteDescription(offer));
      await(p.b.setLocalDescription(await(p.b.createAnswer())));
      await(p.a.setRemoteDescription(p.b.localDescription()));
      String newUfrag = p.a.sctp().transport().iceTransport().getLocalParameters().usernameFragment();
      assertThat(newUfrag).isNotEqualTo(oldUfrag);
      assertThat(offer.sdp()).contains("a=ice-ufrag:" + newUfrag);
      p.awaitConnected();
      LinkedBlockingQueue<MessageEvent> atB = new LinkedBlockingQueue<>();
      cb.onMessage(atB::add);
      ca.send("after restart");
      assertThat(next(atB).text()).isEqualTo("after restart");
    }
  }

  @Test
  void anAnswererOnASharedUdpPortConnects() throws Exception {
    try (dev.jrtc.internal.net.UdpMux mux = dev.jrtc.internal.net.UdpMux.bind(
        dev.jrtc.internal.net.IoThreads.shared(), dev.jrtc.internal.net.NetworkSettings.loopbackOnly(), 0,
        dev.jrtc.common.Clock.system())) {
      RTCSettings shared = RTCSettings.builder().network(dev.jrtc.internal.net.NetworkSettings.loopbackOnly())
          .udpMux(mux).build();
      try (LoopbackPeers p = new LoopbackPeers(RTCConfiguration.defaults(), LoopbackPeers.settings(), shared)) {
        RTCDataChannel ca = p.a.createDataChannel("mux");
        CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
        p.b.onDataChannel(e -> remote.complete(e.channel()));
        p.connectTrickle();
        RTCDataChannel cb = await(remote);
        LinkedBlockingQueue<MessageEvent> atA = new LinkedBlockingQueue<>();
        ca.onMessage(atA::add);
        cb.send("via the shared port");
        assertThat(next(atA).text()).isEqualTo("via the shared port");
        int muxPort = mux.localAddresses().get(0).port();
        assertThat(p.b.sctp().transport().iceTransport().getLocalCandidates()).isNotEmpty()
            .allSatisfy(c -> assertThat(c.port()).isEqualTo(muxPort));
      }
    }
  }

  @Test
  void gatheringEventsComeInTheSpecsOrderAndTheAnswererOpensChannelsToo() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      List<String> events = new CopyOnWriteArrayList<>();
      p.a.onIceGatheringStateChange(e -> events.add("icegatheringstatechange:" + p.a.iceGatheringState().value()));
      p.a.createDataChannel("first");
      CompletableFuture<RTCDataChannel> fromB = new CompletableFuture<>();
      p.a.onDataChannel(e -> {
        if (e.channel().label().equals("from-b")) {
          fromB.complete(e.channel());
        }
      });
      p.a.onIceCandidate(e -> events.add(e.candidate() == null ? "null"
          : e.candidate().candidate().isEmpty() ? "end-of-candidates" : "candidate"));
      RTCSessionDescriptionInit offer = await(p.a.createOffer());
      await(p.a.setLocalDescription(offer));
      awaitCondition(() -> events.contains("null"), "gathering done");
      // webrtc-pc §5.6: gathering, candidates, then "" in one task, then complete and null
      assertThat(events.get(0)).isEqualTo("icegatheringstatechange:gathering");
      assertThat(events.subList(events.size() - 3, events.size()))
          .containsExactly("end-of-candidates", "icegatheringstatechange:complete", "null");
      assertThat(events).filteredOn("candidate"::equals).isNotEmpty();
      await(p.b.setRemoteDescription(p.a.localDescription()));
      await(p.b.setLocalDescription(await(p.b.createAnswer())));
      await(p.a.setRemoteDescription(p.b.localDescription()));
      p.awaitConnected();
      RTCDataChannel cb = p.b.createDataChannel("from-b");
      assertThat(cb.id() % 2).as("the answerer is the DTLS client: even ids").isZero();
      RTCDataChannel ca = await(fromB);
      assertThat(ca.id()).isEqualTo(cb.id());
      LinkedBlockingQueue<MessageEvent> atB = new LinkedBlockingQueue<>();
      cb.onMessage(atB::add);
      awaitCondition(() -> cb.readyState() == RTCDataChannelState.OPEN, "b's channel open");
      ca.send("reply");
      assertThat(next(atB).text()).isEqualTo("reply");
    }
  }

  @Test
  void sendChecksStateAndSize() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel ca = p.a.createDataChannel("x");
      assertThatThrownBy(() -> ca.send("early")).isInstanceOf(InvalidStateException.class);
      CompletableFuture<Void> open = new CompletableFuture<>();
      ca.onOpen(e -> open.complete(null));
      p.connectFullSdp();
      await(open);
      assertThatThrownBy(() -> ca.send(new byte[262145])).isInstanceOf(TypeException.class);
      ca.send(new byte[262144]);
      assertThat(ca.bufferedAmount()).isGreaterThan(0);
    }
  }

  @Test
  void nonTrickleExchangeOfCompleteDescriptionsConnects() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel ca = p.a.createDataChannel("full");
      CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
      p.b.onDataChannel(e -> remote.complete(e.channel()));
      p.connectFullSdp();
      RTCDataChannel cb = await(remote);
      LinkedBlockingQueue<MessageEvent> atA = new LinkedBlockingQueue<>();
      ca.onMessage(atA::add);
      cb.send("over full SDP");
      assertThat(next(atA).text()).isEqualTo("over full SDP");
      p.awaitConnected();
    }
  }

  @Test
  void negotiatedChannelsAndManyChannelsOpen() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannelInit negotiated = RTCDataChannelInit.builder().negotiated(true).id(7).build();
      RTCDataChannel na = p.a.createDataChannel("neg", negotiated);
      RTCDataChannel nb = p.b.createDataChannel("neg", negotiated);
      List<RTCDataChannel> remote = new CopyOnWriteArrayList<>();
      p.b.onDataChannel(e -> remote.add(e.channel()));
      List<RTCDataChannel> locals = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        locals.add(p.a.createDataChannel("c" + i));
      }
      p.connectTrickle();
      awaitCondition(() -> remote.size() == 64, "64 channels announced");
      awaitCondition(() -> locals.stream().allMatch(c -> c.readyState() == RTCDataChannelState.OPEN), "64 open");
      awaitCondition(() -> na.readyState() == RTCDataChannelState.OPEN
          && nb.readyState() == RTCDataChannelState.OPEN, "negotiated open");
      LinkedBlockingQueue<MessageEvent> atB = new LinkedBlockingQueue<>();
      nb.onMessage(atB::add);
      na.send("on 7");
      assertThat(next(atB).text()).isEqualTo("on 7");
      assertThat(remote.stream().map(RTCDataChannel::label).distinct()).hasSize(64);
    }
  }

  @Test
  void closingAChannelFromEitherSideClosesBoth() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel c1 = p.a.createDataChannel("one");
      RTCDataChannel c2 = p.a.createDataChannel("two");
      List<RTCDataChannel> remote = new CopyOnWriteArrayList<>();
      p.b.onDataChannel(e -> remote.add(e.channel()));
      p.connectTrickle();
      awaitCondition(() -> remote.size() == 2, "two channels");
      RTCDataChannel r1 = remote.stream().filter(c -> c.label().equals("one")).findFirst().orElseThrow();
      RTCDataChannel r2 = remote.stream().filter(c -> c.label().equals("two")).findFirst().orElseThrow();
      List<String> r1Events = new CopyOnWriteArrayList<>();
      r1.onClosing(e -> r1Events.add("closing"));
      r1.onClose(e -> r1Events.add("close"));
      CompletableFuture<Void> c1Closed = new CompletableFuture<>();
      c1.onClose(e -> c1Closed.complete(null));
      c1.close();
      // "closing" at once (webrtc-pc §6.2 close()); this thread is not the event strand, which may
      // already have finished the closing procedure (DataChannelBufferedAmountTest checks
      // "closing" inside one task).
      assertThat(c1.readyState()).isIn(RTCDataChannelState.CLOSING, RTCDataChannelState.CLOSED);
      await(c1Closed);
      awaitCondition(() -> r1.readyState() == RTCDataChannelState.CLOSED, "remote one closed");
      awaitCondition(() -> r1Events.contains("close"), "remote close event");
      assertThat(r1Events).containsExactly("closing", "close");
      // from the answerer's side
      CompletableFuture<Void> c2Closed = new CompletableFuture<>();
      c2.onClose(e -> c2Closed.complete(null));
      r2.close();
      await(c2Closed);
      awaitCondition(() -> r2.readyState() == RTCDataChannelState.CLOSED, "r2 closed");
    }
  }

  @Test
  void closingTheConnectionClosesThePeersChannels() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel ca = p.a.createDataChannel("bye");
      CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
      p.b.onDataChannel(e -> remote.complete(e.channel()));
      p.connectTrickle();
      RTCDataChannel cb = await(remote);
      awaitCondition(() -> ca.readyState() == RTCDataChannelState.OPEN, "open");
      List<String> localEvents = new CopyOnWriteArrayList<>();
      ca.onClose(e -> localEvents.add("close"));
      CompletableFuture<Void> remoteClosed = new CompletableFuture<>();
      List<String> remoteEvents = new CopyOnWriteArrayList<>();
      List<RTCError> errors = new CopyOnWriteArrayList<>();
      cb.onError(e -> {
        remoteEvents.add("error");
        errors.add(e.error());
      });
      cb.onClose(e -> {
        remoteEvents.add("close");
        remoteClosed.complete(null);
      });
      p.a.close();
      // webrtc-pc "close the connection": closed at once, without events
      assertThat(ca.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
      assertThat(p.a.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
      assertThat(p.a.sctp().state()).isEqualTo(RTCSctpTransportState.CLOSED);
      await(remoteClosed);
      assertThat(cb.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
      assertThat(localEvents).isEmpty();
      // WPT RTCDataChannel-close: error (sctp-failure, cause null or 12 User-Initiated Abort), then close
      assertThat(remoteEvents).containsExactly("error", "close");
      assertThat(errors.get(0).errorDetail()).isEqualTo(RTCErrorDetailType.SCTP_FAILURE);
      assertThat(errors.get(0).sctpCauseCode()).isIn(null, 12);
      // WPT RTCDtlsTransport-state: close() closes the other end's DTLS transport (close_notify)
      RTCDtlsTransport remoteDtls = p.b.sctp().transport();
      awaitCondition(() -> remoteDtls.state() == RTCDtlsTransportState.CLOSED, "remote DTLS closed");
      assertThat(p.b.sctp().state()).isEqualTo(RTCSctpTransportState.CLOSED);
    }
  }
}
