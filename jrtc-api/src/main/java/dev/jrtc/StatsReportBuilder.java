package dev.jrtc;

import dev.jrtc.dtls.DtlsCertificate;
import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidatePairState;
import dev.jrtc.ice.CandidatePairStats;
import dev.jrtc.ice.TransportAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link RTCStatsReport} of {@code getStats()} (webrtc-pc §8, webrtc-stats): the
 * {@code peer-connection} entry, one {@code transport} ("T01", the BUNDLE transport), a
 * {@code candidate-pair} for every pair of the ICE check list with its {@code local-candidate}
 * and {@code remote-candidate}, the {@code certificate} entries of both sides, and a
 * {@code data-channel} entry per channel. Members are named as in the webrtc-stats IDL; the
 * "mandatory to implement" ones (webrtc-pc §8.6) are always there for an object that exists.
 * Timestamps are Unix epoch milliseconds of the connection's clock.
 */
final class StatsReportBuilder {

  static final String TRANSPORT_ID = "T01";

  private final double now;
  /** Converts the ICE agent's monotonic nanoseconds to this report's timestamps. */
  private final double monotonicToWall;
  private final Map<String, RTCStats> entries = new LinkedHashMap<>();

  StatsReportBuilder(double wallMillisNow, long monotonicNanosNow) {
    this.now = wallMillisNow;
    this.monotonicToWall = wallMillisNow - monotonicNanosNow / 1e6;
  }

  RTCStatsReport build() {
    return new RTCStatsReport(entries);
  }

  private void put(String id, String type, Map<String, Object> members) {
    entries.put(id, new RTCStats(id, type, now, members));
  }

  /** webrtc-stats RTCPeerConnectionStats. */
  void peerConnection(int dataChannelsOpened, int dataChannelsClosed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataChannelsOpened", dataChannelsOpened);
    m.put("dataChannelsClosed", dataChannelsClosed);
    put("P", "peer-connection", m);
  }

  /** A data-channel entry for every channel the connection made or was given. */
  void dataChannels(DataChannels channels) {
    for (RTCDataChannel dc : channels.all()) {
      DataChannelCounters c = dc.counters;
      dataChannel(dc, c.messagesSent(), c.bytesSent(), c.messagesReceived(), c.bytesReceived());
    }
  }

  /** webrtc-stats RTCDataChannelStats, with the channel's counters. */
  void dataChannel(RTCDataChannel dc, long messagesSent, long bytesSent, long messagesReceived, long bytesReceived) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", dc.label());
    m.put("protocol", dc.protocol());
    if (dc.id() != null) {
      m.put("dataChannelIdentifier", dc.id());
    }
    m.put("state", dc.readyState().value());
    m.put("messagesSent", messagesSent);
    m.put("bytesSent", bytesSent);
    m.put("messagesReceived", messagesReceived);
    m.put("bytesReceived", bytesReceived);
    put("D" + (dc.id() == null ? "-" + Integer.toHexString(System.identityHashCode(dc)) : dc.id()),
        "data-channel", m);
  }

  /**
   * webrtc-stats RTCCertificateStats for a DER certificate; returns its id
   * ({@code CF} + the sha-256 fingerprint, as Chromium names them).
   */
  String certificate(byte[] der) {
    String fingerprint = DtlsCertificate.fingerprintOf(der, RTCCertificate.FINGERPRINT_HASH);
    String id = "CF" + fingerprint;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fingerprint", fingerprint);
    m.put("fingerprintAlgorithm", RTCCertificate.FINGERPRINT_HASH);
    m.put("base64Certificate", Base64.getEncoder().encodeToString(der));
    put(id, "certificate", m);
    return id;
  }

  /**
   * webrtc-stats RTCIceCandidatePairStats and the two RTCIceCandidateStats of every pair;
   * returns the id of the selected pair, or null.
   */
  String candidatePairs(List<CandidatePairStats> pairs, RTCIceTransport ice) {
    String selectedId = null;
    for (CandidatePairStats p : pairs) {
      String localId = candidate(p.pair().local(), true, ice);
      String remoteId = candidate(p.pair().remote(), false, ice);
      String id = "CP" + localId.substring(1) + "_" + remoteId.substring(1);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("transportId", TRANSPORT_ID);
      m.put("localCandidateId", localId);
      m.put("remoteCandidateId", remoteId);
      m.put("state", pairState(p.state()));
      m.put("nominated", p.nominated());
      m.put("packetsSent", p.packetsSent());
      m.put("packetsReceived", p.packetsReceived());
      m.put("bytesSent", p.bytesSent());
      m.put("bytesReceived", p.bytesReceived());
      if (p.lastPacketSentNanos() != Long.MIN_VALUE) {
        m.put("lastPacketSentTimestamp", wall(p.lastPacketSentNanos()));
      }
      if (p.lastPacketReceivedNanos() != Long.MIN_VALUE) {
        m.put("lastPacketReceivedTimestamp", wall(p.lastPacketReceivedNanos()));
      }
      m.put("totalRoundTripTime", p.totalRoundTripNanos() / 1e9);
      if (p.currentRoundTripNanos() >= 0) {
        m.put("currentRoundTripTime", p.currentRoundTripNanos() / 1e9);
      }
      m.put("requestsReceived", p.requestsReceived());
      m.put("requestsSent", p.requestsSent());
      m.put("responsesReceived", p.responsesReceived());
      m.put("responsesSent", p.responsesSent());
      m.put("consentRequestsSent", p.consentRequestsSent());
      put(id, "candidate-pair", m);
      if (p.selected()) {
        selectedId = id;
      }
    }
    return selectedId;
  }

  /** webrtc-stats RTCTransportStats of the (BUNDLE) transport. */
  void transport(RTCIceTransport ice, RTCDtlsTransport dtls, List<CandidatePairStats> pairs, String selectedPairId,
      String localCertificateId, String remoteCertificateId, int selectedCandidatePairChanges) {
    long bytesSent = 0;
    long bytesReceived = 0;
    long packetsSent = 0;
    long packetsReceived = 0;
    for (CandidatePairStats p : pairs) {
      bytesSent += p.bytesSent();
      bytesReceived += p.bytesReceived();
      packetsSent += p.packetsSent();
      packetsReceived += p.packetsReceived();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packetsSent", packetsSent);
    m.put("packetsReceived", packetsReceived);
    m.put("bytesSent", bytesSent);
    m.put("bytesReceived", bytesReceived);
    if (ice.role() != null) {
      m.put("iceRole", ice.role().value());
    }
    RTCIceParameters local = ice.getLocalParameters();
    if (local != null) {
      m.put("iceLocalUsernameFragment", local.usernameFragment());
    }
    m.put("iceState", ice.state().value());
    m.put("dtlsState", dtls.state().value());
    if (selectedPairId != null) {
      m.put("selectedCandidatePairId", selectedPairId);
    }
    if (localCertificateId != null) {
      m.put("localCertificateId", localCertificateId);
    }
    if (remoteCertificateId != null) {
      m.put("remoteCertificateId", remoteCertificateId);
    }
    m.put("selectedCandidatePairChanges", selectedCandidatePairChanges);
    put(TRANSPORT_ID, "transport", m);
  }

  private String candidate(Candidate c, boolean local, RTCIceTransport ice) {
    TransportAddress a = c.address();
    String id = "I" + Integer.toHexString((local ? "L" : "R").hashCode() * 31
        + (c.foundation() + "|" + a + "|" + c.type() + "|" + c.priority()).hashCode());
    if (entries.containsKey(id)) {
      return id;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("transportId", TRANSPORT_ID);
    m.put("address", TransportAddress.literal(a.address()));
    m.put("port", a.port());
    m.put("protocol", a.protocol().value());
    m.put("candidateType", c.type().value());
    m.put("priority", c.priority());
    m.put("foundation", c.foundation());
    if (c.relatedAddress() != null) {
      m.put("relatedAddress", TransportAddress.literal(c.relatedAddress().address()));
      m.put("relatedPort", c.relatedAddress().port());
    }
    RTCIceParameters params = local ? ice.getLocalParameters() : ice.getRemoteParameters();
    if (params != null) {
      m.put("usernameFragment", params.usernameFragment());
    }
    RTCIceCandidate signalled = find(local ? ice.getLocalCandidates() : ice.getRemoteCandidates(), a);
    if (signalled != null) {
      if (signalled.url() != null) {
        m.put("url", signalled.url());
      }
      if (signalled.relayProtocol() != null) {
        m.put("relayProtocol", signalled.relayProtocol());
      }
    }
    put(id, local ? "local-candidate" : "remote-candidate", m);
    return id;
  }

  private static RTCIceCandidate find(List<RTCIceCandidate> candidates, TransportAddress a) {
    String host = TransportAddress.literal(a.address());
    for (RTCIceCandidate c : candidates) {
      if (host.equals(c.address()) && Integer.valueOf(a.port()).equals(c.port())) {
        return c;
      }
    }
    return null;
  }

  /** RTCStatsIceCandidatePairState: frozen, waiting, in-progress, failed, succeeded. */
  private static String pairState(CandidatePairState s) {
    return switch (s) {
      case FROZEN -> "frozen";
      case WAITING -> "waiting";
      case IN_PROGRESS -> "in-progress";
      case SUCCEEDED -> "succeeded";
      case FAILED -> "failed";
    };
  }

  private double wall(long monotonicNanos) {
    return monotonicToWall + monotonicNanos / 1e6;
  }

  /** Unmodifiable view for tests. */
  List<RTCStats> entries() {
    return new ArrayList<>(entries.values());
  }
}
