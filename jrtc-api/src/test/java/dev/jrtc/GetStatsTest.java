package dev.jrtc;

import static dev.jrtc.LoopbackPeers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code getStats()} of connected peers (webrtc-pc §8.2, the mandatory-to-implement members of
 * §8.6 for what jrtc carries): peer-connection, data-channel counters, transport, the selected
 * candidate pair with its candidates, and both certificates, over real UDP on loopback.
 */
class GetStatsTest {

  private static List<RTCStats> ofType(RTCStatsReport r, String type) {
    return r.asMap().values().stream().filter(s -> s.type().equals(type)).toList();
  }

  @Test
  void aNewConnectionReportsOnlyItself() throws Exception {
    RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.defaults(), LoopbackPeers.settings());
    try {
      RTCStatsReport r = await(pc.getStats());
      assertThat(r.asMap().values()).extracting(RTCStats::type).containsExactly("peer-connection");
      assertThat(r.get("P").members()).containsEntry("dataChannelsOpened", 0).containsEntry("dataChannelsClosed", 0);
    } finally {
      pc.close();
    }
  }

  @Test
  void connectedPeersReportChannelsTransportPairCandidatesAndCertificates() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel ca = p.a.createDataChannel("stats", RTCDataChannelInit.builder().protocol("proto").build());
      CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
      p.b.onDataChannel(e -> remote.complete(e.channel()));
      p.connectTrickle();
      RTCDataChannel cb = await(remote);
      p.awaitConnected();
      LinkedBlockingQueue<MessageEvent> atB = new LinkedBlockingQueue<>();
      cb.onMessage(atB::add);
      ca.send("hello");
      ca.send(new byte[] {1, 2, 3});
      assertThat(atB.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
      assertThat(atB.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();

      RTCStatsReport a = await(p.a.getStats());
      RTCStatsReport b = await(p.b.getStats());
      assertThat(a.get("P").members()).containsEntry("dataChannelsOpened", 1);

      RTCStats dcA = ofType(a, "data-channel").get(0);
      assertThat(dcA.members()).containsEntry("label", "stats").containsEntry("protocol", "proto")
          .containsEntry("dataChannelIdentifier", ca.id()).containsEntry("state", "open")
          .containsEntry("messagesSent", 2L).containsEntry("bytesSent", 8L)
          .containsEntry("messagesReceived", 0L);
      RTCStats dcB = ofType(b, "data-channel").get(0);
      assertThat(dcB.members()).containsEntry("messagesReceived", 2L).containsEntry("bytesReceived", 8L);

      RTCStats transport = a.get("T01");
      assertThat(transport.type()).isEqualTo("transport");
      assertThat(transport.members()).containsEntry("dtlsState", "connected").containsEntry("iceRole", "controlling")
          .containsKeys("bytesSent", "bytesReceived", "localCertificateId", "remoteCertificateId",
              "selectedCandidatePairId");
      assertThat((Long) transport.members().get("bytesSent")).isPositive();
      RTCStats pair = a.get((String) transport.members().get("selectedCandidatePairId"));
      assertThat(pair.type()).isEqualTo("candidate-pair");
      assertThat(pair.members()).containsEntry("transportId", "T01").containsEntry("state", "succeeded")
          .containsEntry("nominated", true)
          .containsKeys("totalRoundTripTime", "currentRoundTripTime", "responsesReceived", "lastPacketSentTimestamp");
      assertThat((Long) pair.members().get("bytesSent")).isPositive();
      assertThat((Long) pair.members().get("bytesReceived")).isPositive();
      RTCStats local = a.get((String) pair.members().get("localCandidateId"));
      RTCStats remoteCandidate = a.get((String) pair.members().get("remoteCandidateId"));
      assertThat(local.type()).isEqualTo("local-candidate");
      assertThat(remoteCandidate.type()).isEqualTo("remote-candidate");
      assertThat(local.members()).containsEntry("address", "127.0.0.1").containsEntry("protocol", "udp")
          .containsEntry("candidateType", "host").containsKeys("port", "priority", "foundation");

      // a's remote certificate is b's local one, by fingerprint
      RTCStats remoteCert = a.get((String) transport.members().get("remoteCertificateId"));
      RTCStats bLocalCert = b.get((String) b.get("T01").members().get("localCertificateId"));
      assertThat(remoteCert.members().get("fingerprint")).isEqualTo(bLocalCert.members().get("fingerprint"));
      assertThat(remoteCert.members()).containsEntry("fingerprintAlgorithm", "sha-256").containsKey("base64Certificate");
      assertThat(pair.timestamp()).isPositive();
    }
  }

  @Test
  void sendersAndReceiversSelectTheirRtpStreamsOnlyAndATrackSelectsItsSender() throws Exception {
    RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.defaults(), LoopbackPeers.settings());
    try {
      RTCRtpTransceiver t = pc.addTransceiver("audio");
      // webrtc-pc §8.5: no RTP stream is sent or received yet, so nothing is selected; the
      // whole report still has the peer-connection entry
      assertThat(await(t.sender().getStats()).size()).isZero();
      assertThat(await(t.receiver().getStats()).size()).isZero();
      assertThat(await(pc.getStats(t.receiver().track())).size()).isZero();
      assertThat(await(pc.getStats()).has("P")).isTrue();
    } finally {
      pc.close();
    }
  }
}
