package dev.jrtc.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import dev.jrtc.datachannel.ChannelParameters;
import dev.jrtc.dtls.CertificateFingerprint;
import dev.jrtc.dtls.DtlsFailure;
import dev.jrtc.dtls.DtlsState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The loopback tier (TESTING.md): two {@link PeerTransport}s over real UDP on 127.0.0.1 only,
 * one ICE-controlling DTLS client (the offerer) and one controlled DTLS server (the answerer):
 * ICE (RFC 8445), DTLS (RFC 8827, RFC 8842 fingerprints), SCTP over DTLS (RFC 8261) and data
 * channels (RFC 8831, RFC 8832 DCEP).
 */
class PeerTransportLoopbackTest {
  private final List<TransportPeer> peers = new ArrayList<>();

  private TransportPeer peer(String name) {
    TransportPeer p = new TransportPeer(name);
    peers.add(p);
    return p;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (TransportPeer p : peers) {
      p.close();
    }
  }

  private static ChannelParameters dcep(String label) {
    return ChannelParameters.reliable(label);
  }

  /** Two connected peers; the offerer asked for {@code label} before any negotiation. */
  private int[] connectWithChannel(TransportPeer a, TransportPeer b, String label) throws Exception {
    int key = a.onLoop(() -> a.transport.open(dcep(label)));
    assertThat(key).as("no DTLS role yet: a provisional key").isNegative();
    TransportPeer.connect(a, b);
    int id = a.await(TransportEvent.ChannelIdAssigned.class).streamId();
    assertThat(id % 2).as("RFC 8832 §6: the DTLS client takes even ids").isZero();
    a.awaitSctpConnected();
    b.awaitSctpConnected();
    TransportEvent.ChannelOpened opened = a.await(TransportEvent.ChannelOpened.class);
    assertThat(opened.streamId()).isEqualTo(id);
    assertThat(opened.remote()).isFalse();
    TransportEvent.ChannelOpened incoming = b.await(TransportEvent.ChannelOpened.class);
    assertThat(incoming.remote()).isTrue();
    assertThat(incoming.streamId()).isEqualTo(id);
    assertThat(incoming.parameters().label()).isEqualTo(label);
    // Nothing was sent before ICE had a pair to send on (a DTLS server that answers an early
    // ClientHello holds its flight): no handshake flight waits for a 1 s retransmission.
    assertThat(a.transport.iceSendDrops()).isZero();
    assertThat(b.transport.iceSendDrops()).isZero();
    return new int[] {id};
  }

  /** Echoes every message back on the same stream, from the loop. */
  private static void echo(TransportPeer p) {
    p.hook = e -> {
      if (e instanceof TransportEvent.Message) {
        TransportEvent.Message m = (TransportEvent.Message) e;
        p.transport.send(m.streamId(), m.data(), m.binary());
        return true;
      }
      return false;
    };
  }

  @Test
  @DisplayName("RFC 8832: DCEP open from either side, echo of text, binary and empty messages (RFC 8831 §6.6)")
  void openAndEcho() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    int id = connectWithChannel(a, b, "chat")[0];
    assertThat(a.transport.dtlsState()).isEqualTo(DtlsState.CONNECTED);
    assertThat(a.transport.maxMessageSize()).isEqualTo(PeerTransport.DEFAULT_MAX_MESSAGE_SIZE);
    assertThat(a.transport.maxChannels()).isPositive();
    echo(b);

    a.run(() -> a.transport.send(id, "héllo"));
    TransportEvent.Message text = a.await(TransportEvent.Message.class);
    assertThat(text.binary()).isFalse();
    assertThat(new String(text.data(), StandardCharsets.UTF_8)).isEqualTo("héllo");

    a.run(() -> a.transport.send(id, new byte[] {0, 1, 2, (byte) 0xff}, true));
    TransportEvent.Message bin = a.await(TransportEvent.Message.class);
    assertThat(bin.binary()).isTrue();
    assertThat(bin.data()).containsExactly(0, 1, 2, 0xff);

    a.run(() -> a.transport.send(id, ""));
    TransportEvent.Message emptyText = a.await(TransportEvent.Message.class);
    assertThat(emptyText.binary()).isFalse();
    assertThat(emptyText.data()).isEmpty();
    a.run(() -> a.transport.send(id, new byte[0], true));
    TransportEvent.Message emptyBin = a.await(TransportEvent.Message.class);
    assertThat(emptyBin.binary()).isTrue();
    assertThat(emptyBin.data()).isEmpty();

    // The answerer (DTLS server) opens one too: an odd id.
    echo(a);
    b.hook = e -> false;
    int bid = b.onLoop(() -> b.transport.open(dcep("from-b")));
    assertThat(bid % 2).isEqualTo(1);
    assertThat(b.await(TransportEvent.ChannelOpened.class).streamId()).isEqualTo(bid);
    TransportEvent.ChannelOpened atA = a.await(TransportEvent.ChannelOpened.class);
    assertThat(atA.remote()).isTrue();
    assertThat(atA.parameters().label()).isEqualTo("from-b");
    b.run(() -> b.transport.send(bid, "ping"));
    TransportEvent.Message pong = b.await(TransportEvent.Message.class);
    assertThat(pong.streamId()).isEqualTo(bid);
    assertThat(new String(pong.data(), StandardCharsets.UTF_8)).isEqualTo("ping");

    // Misuse: over max-message-size, and on an unknown channel.
    assertThatThrownBy(() -> a.run(() -> a.transport.send(id, new byte[PeerTransport.DEFAULT_MAX_MESSAGE_SIZE + 1],
        true))).hasRootCauseInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> a.run(() -> a.transport.send(4000, "x")))
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("100 MiB on one reliable ordered channel arrive intact (SHA-256), paced by bufferedAmount")
  void bulkTransfer() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    int id = connectWithChannel(a, b, "bulk")[0];
    final int total = 100 << 20;
    final int chunk = 64 * 1024;
    final long high = 1 << 20;
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    MessageDigest received = MessageDigest.getInstance("SHA-256");
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    long[] receivedBytes = {0};
    b.hook = e -> {
      if (e instanceof TransportEvent.Message) {
        byte[] d = ((TransportEvent.Message) e).data();
        received.update(d);
        receivedBytes[0] += d.length;
        if (receivedBytes[0] == total) {
          done.complete(received.digest());
        }
        return true;
      }
      return false;
    };
    Entropy entropy = Entropy.seeded(7);
    long[] offered = {0};
    Runnable pump = () -> {
      while (offered[0] < total && a.transport.bufferedAmount(id) < high) {
        byte[] m = new byte[(int) Math.min(chunk, total - offered[0])];
        entropy.nextBytes(m);
        sent.update(m);
        a.transport.send(id, m, true);
        offered[0] += m.length;
      }
    };
    a.hook = e -> {
      if (e instanceof TransportEvent.BufferedAmountLow && ((TransportEvent.BufferedAmountLow) e).streamId() == id) {
        pump.run();
        return true;
      }
      return false;
    };
    a.run(() -> {
      a.transport.setBufferedAmountLowThreshold(id, high / 2);
      pump.run();
    });
    byte[] digest = done.get(60, TimeUnit.SECONDS);
    assertThat(digest).isEqualTo(sent.digest());
  }

  @Test
  @DisplayName("64 channels opened at once, each carries its own messages")
  void sixtyFourChannels() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    connectWithChannel(a, b, "first");
    echo(b);
    List<Integer> ids = a.onLoop(() -> {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        out.add(a.transport.open(dcep("c" + i)));
      }
      return out;
    });
    assertThat(new HashSet<>(ids)).hasSize(64);
    Set<Integer> opened = new HashSet<>();
    for (int i = 0; i < 64; i++) {
      opened.add(a.await(TransportEvent.ChannelOpened.class).streamId());
    }
    assertThat(opened).containsExactlyInAnyOrderElementsOf(ids);
    a.run(() -> {
      for (int i = 0; i < 64; i++) {
        a.transport.send(ids.get(i), "m" + i);
      }
    });
    Set<String> got = new HashSet<>();
    for (int i = 0; i < 64; i++) {
      TransportEvent.Message m = a.await(TransportEvent.Message.class);
      String s = new String(m.data(), StandardCharsets.UTF_8);
      assertThat(s).isEqualTo("m" + ids.indexOf(m.streamId()));
      got.add(s);
    }
    assertThat(got).hasSize(64);
  }

  @Test
  @DisplayName("RFC 8832 §6: negotiated channels open on both sides with the same id and exchange no DCEP")
  void negotiatedChannels() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    ChannelParameters negotiated = new ChannelParameters("neg", "proto", true, -1, -1, 256, true, 7);
    assertThat(a.onLoop(() -> a.transport.open(negotiated))).isEqualTo(7);
    assertThat(b.onLoop(() -> b.transport.open(negotiated))).isEqualTo(7);
    TransportPeer.connect(a, b);
    TransportEvent.ChannelOpened oa = a.await(TransportEvent.ChannelOpened.class);
    TransportEvent.ChannelOpened ob = b.await(TransportEvent.ChannelOpened.class);
    assertThat(oa.streamId()).isEqualTo(7);
    assertThat(ob.streamId()).isEqualTo(7);
    assertThat(oa.remote()).isFalse();
    assertThat(ob.remote()).isFalse();
    assertThat(ob.parameters().negotiated()).isTrue();
    a.run(() -> a.transport.send(7, "over negotiated"));
    assertThat(new String(b.await(TransportEvent.Message.class).data(), StandardCharsets.UTF_8))
        .isEqualTo("over negotiated");
    b.run(() -> b.transport.send(7, new byte[] {9}, true));
    assertThat(a.await(TransportEvent.Message.class).data()).containsExactly(9);
    // The id is taken now.
    assertThatThrownBy(() -> a.run(() -> a.transport.open(negotiated)))
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("RFC 3758 / RFC 8831 §6.6: unordered and maxRetransmits=0 channels deliver on a lossless path")
  void partialReliability() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    connectWithChannel(a, b, "first");
    int unordered = a.onLoop(() -> a.transport.open(new ChannelParameters("u", "", false, -1, -1, 256, false, -1)));
    int rexmit0 = a.onLoop(() -> a.transport.open(new ChannelParameters("r0", "", false, 0, -1, 256, false, -1)));
    int lifetime = a.onLoop(() -> a.transport.open(new ChannelParameters("t", "", true, -1, 3000, 256, false, -1)));
    for (int i = 0; i < 3; i++) {
      TransportEvent.ChannelOpened o = b.await(TransportEvent.ChannelOpened.class);
      if (o.streamId() == unordered) {
        assertThat(o.parameters().ordered()).isFalse();
      } else if (o.streamId() == rexmit0) {
        assertThat(o.parameters().maxRetransmits()).isZero();
        assertThat(o.parameters().ordered()).isFalse();
      } else {
        assertThat(o.streamId()).isEqualTo(lifetime);
        assertThat(o.parameters().maxPacketLifeTime()).isEqualTo(3000);
      }
    }
    a.run(() -> {
      for (int i = 0; i < 50; i++) {
        a.transport.send(unordered, "u" + i);
        a.transport.send(rexmit0, "r" + i);
        a.transport.send(lifetime, "t" + i);
      }
    });
    Set<String> got = new HashSet<>();
    for (int i = 0; i < 150; i++) {
      got.add(new String(b.await(TransportEvent.Message.class).data(), StandardCharsets.UTF_8));
    }
    assertThat(got).hasSize(150).contains("u0", "u49", "r0", "r49", "t0", "t49");
  }

  @Test
  @DisplayName("RFC 8831 §6.7: closing a channel from either side resets the stream and both see closed")
  void closeChannelFromEitherSide() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    int first = connectWithChannel(a, b, "first")[0];
    a.run(() -> a.transport.close(first));
    assertThat(b.await(TransportEvent.ChannelClosing.class).streamId()).isEqualTo(first);
    assertThat(b.await(TransportEvent.ChannelClosed.class).streamId()).isEqualTo(first);
    TransportEvent.ChannelClosed closedA = a.await(TransportEvent.ChannelClosed.class);
    assertThat(closedA.streamId()).isEqualTo(first);
    assertThat(closedA.error()).isFalse();
    assertThatThrownBy(() -> a.run(() -> a.transport.send(first, "late")))
        .hasRootCauseInstanceOf(IllegalStateException.class);

    int second = a.onLoop(() -> a.transport.open(dcep("second")));
    assertThat(b.await(TransportEvent.ChannelOpened.class).streamId()).isEqualTo(second);
    b.run(() -> b.transport.close(second));
    assertThat(a.await(TransportEvent.ChannelClosing.class).streamId()).isEqualTo(second);
    assertThat(a.await(TransportEvent.ChannelClosed.class).streamId()).isEqualTo(second);
    assertThat(b.await(TransportEvent.ChannelClosed.class).streamId()).isEqualTo(second);
    // The association stays up: a new channel works.
    int third = a.onLoop(() -> a.transport.open(dcep("third")));
    assertThat(b.await(TransportEvent.ChannelOpened.class).streamId()).isEqualTo(third);
  }

  @Test
  @DisplayName("close(): SCTP ABORT then DTLS close_notify; the peer sees its channels and transports closed")
  void closeTransport() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    int id = connectWithChannel(a, b, "doomed")[0];
    CompletableFuture<Void> closing = a.onLoop(() -> a.transport.close());
    assertThat(a.<CompletableFuture<Void>>onLoop(() -> a.transport.close())).as("idempotent").isSameAs(closing);
    closing.get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(a.transport.sctpState()).isEqualTo(SctpTransportState.CLOSED);
    assertThat(a.transport.dtlsState()).isEqualTo(DtlsState.CLOSED);
    TransportEvent.SctpStateChanged s = b.await(TransportEvent.SctpStateChanged.class,
        x -> x.state() == SctpTransportState.CLOSED);
    assertThat(s.causeCode()).as("RFC 9260 §3.3.10.12 User-Initiated Abort").isEqualTo(12);
    assertThat(b.await(TransportEvent.ChannelClosed.class).streamId()).isEqualTo(id);
    b.await(TransportEvent.DtlsStateChanged.class, x -> x.state() == DtlsState.CLOSED);
    assertThat(b.transport.dtlsState()).isEqualTo(DtlsState.CLOSED);
  }

  @Test
  @DisplayName("RFC 8842 §5.1: a certificate that matches no fingerprint fails DTLS and nothing is delivered")
  void fingerprintMismatch() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    int key = a.onLoop(() -> a.transport.open(dcep("never")));
    CertificateFingerprint wrong = CertificateFingerprint.of(a.certificate, "sha-256"); // not b's
    TransportPeer.connect(a, b, List.of(wrong));
    TransportEvent.DtlsStateChanged failed = a.await(TransportEvent.DtlsStateChanged.class,
        x -> x.state() == DtlsState.FAILED);
    assertThat(failed.failure().reason()).isEqualTo(DtlsFailure.FINGERPRINT_MISMATCH);
    assertThat(failed.remoteCertificates()).isEmpty();
    int id = a.await(TransportEvent.ChannelIdAssigned.class).streamId();
    TransportEvent.ChannelClosed closed = a.await(TransportEvent.ChannelClosed.class);
    assertThat(closed.streamId()).isIn(key, id);
    assertThat(closed.error()).isTrue();
    assertThat(a.collected(TransportEvent.ChannelOpened.class)).isEmpty();
    assertThat(a.collected(TransportEvent.SctpStateChanged.class)).isEmpty();
    assertThat(b.collected(TransportEvent.ChannelOpened.class)).isEmpty();
    assertThat(b.collected(TransportEvent.Message.class)).isEmpty();
    assertThat(a.transport.sctpState()).isNull();
    assertThatThrownBy(() -> a.run(() -> a.transport.open(dcep("after"))))
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("no m=application (sctp-port -1): DTLS connects, no SCTP association starts, channels wait")
  void withoutSctp() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    a.peer = b;
    b.peer = a;
    a.onLoop(a.transport::gather).get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    b.onLoop(() -> b.transport.setRemoteParameters(new RemoteParameters(a.transport.localIceCredentials().ufrag(),
        a.transport.localIceCredentials().pwd(), false, List.of(a.transport.localFingerprint()), false,
        dev.jrtc.dtls.DtlsRole.SERVER, -1, RemoteParameters.DEFAULT_MAX_MESSAGE_SIZE)))
        .get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    b.onLoop(b.transport::gather).get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    a.onLoop(() -> a.transport.setRemoteParameters(new RemoteParameters(b.transport.localIceCredentials().ufrag(),
        b.transport.localIceCredentials().pwd(), false, List.of(b.transport.localFingerprint()), true,
        dev.jrtc.dtls.DtlsRole.CLIENT, -1, RemoteParameters.DEFAULT_MAX_MESSAGE_SIZE)))
        .get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    TransportEvent.DtlsStateChanged up = a.await(TransportEvent.DtlsStateChanged.class,
        x -> x.state() == DtlsState.CONNECTED);
    assertThat(up.remoteCertificates()).hasSize(1);
    assertThat(up.connected().srtpProfile()).as("use_srtp negotiated for media (RFC 5764)").isPresent();
    b.await(TransportEvent.DtlsStateChanged.class, x -> x.state() == DtlsState.CONNECTED);
    int id = a.onLoop(() -> a.transport.open(dcep("waits")));
    assertThat(id).isZero();
    assertThat(a.transport.sctpState()).isNull();
    assertThat(a.collected(TransportEvent.SctpStateChanged.class)).isEmpty();
  }

  @Test
  @DisplayName("RFC 8445 §9: after an ICE restart on both sides the channel keeps carrying messages")
  void iceRestart() throws Exception {
    TransportPeer a = peer("a");
    TransportPeer b = peer("b");
    int id = connectWithChannel(a, b, "survives")[0];
    String oldUfrag = a.transport.localIceCredentials().ufrag();
    a.run(() -> { }); // every event of the first connection is queued by now
    a.seen.clear();
    a.events.clear();
    dev.jrtc.ice.IceCredentials na = a.onLoop(a.transport::restartIce).get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(na.ufrag()).isNotEqualTo(oldUfrag);
    dev.jrtc.ice.IceCredentials nb = b.onLoop(b.transport::restartIce).get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    b.onLoop(() -> b.transport.setRemoteParameters(new RemoteParameters(na.ufrag(), na.pwd(), false,
        List.of(a.transport.localFingerprint()), false, dev.jrtc.dtls.DtlsRole.SERVER,
        PeerTransport.DEFAULT_SCTP_PORT, PeerTransport.DEFAULT_MAX_MESSAGE_SIZE)))
        .get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    a.onLoop(() -> a.transport.setRemoteParameters(new RemoteParameters(nb.ufrag(), nb.pwd(), false,
        List.of(b.transport.localFingerprint()), true, dev.jrtc.dtls.DtlsRole.CLIENT,
        PeerTransport.DEFAULT_SCTP_PORT, PeerTransport.DEFAULT_MAX_MESSAGE_SIZE)))
        .get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    a.onLoop(a.transport::gather).get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    b.onLoop(b.transport::gather).get(TransportPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(a.await(TransportEvent.LocalCandidate.class, c -> c.ufrag().equals(na.ufrag())).ufrag())
        .isEqualTo(na.ufrag());
    a.await(TransportEvent.GatheringComplete.class, g -> g.ufrag().equals(na.ufrag()));
    a.await(TransportEvent.SelectedPairChanged.class); // the new generation's pair
    a.run(() -> a.transport.send(id, "after restart"));
    assertThat(new String(b.await(TransportEvent.Message.class).data(), StandardCharsets.UTF_8))
        .isEqualTo("after restart");
  }
}
