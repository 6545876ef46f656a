package dev.jrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.IceControlled;
import dev.jrtc.stun.Priority;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.Username;
import dev.jrtc.stun.XorMappedAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An ICE restart as a new gathering phase (RFC 8445 §9; RFC 8829 §3.5.3 and §4.1.18: new ICE
 * servers and candidate policy apply from the next gathering phase): which local candidates the
 * new generation keeps and signals, server-reflexive candidates asked for again, gathering
 * completed again, and the relay policy on checks. Driven by hand, no network.
 */
class IceAgentRestartGatheringTest {
  private final TransportAddress host = TestNet.udp("192.0.2.1", 5000);
  private final TransportAddress stun1 = TestNet.udp("198.51.100.1", 3478);
  private final TransportAddress stun2 = TestNet.udp("198.51.100.2", 3478);
  private final TransportAddress turnServer = TestNet.udp("198.51.100.3", 3478);
  private final TransportAddress relayed = TestNet.udp("198.51.100.3", 50000);
  private final TransportAddress remote = TestNet.udp("192.0.2.2", 6000);
  private final IceAgent agent = IceAgent.create(IceConfig.of(true), Entropy.seeded(11), 0);

  private Candidate relayedCandidate() {
    RelayServer server = RelayServer.udp("turn:198.51.100.3:3478", turnServer, "u", "p");
    return IceAgent.relayedCandidate(server, host, relayed, host, 0);
  }

  private List<IceEvent> drainEvents() {
    List<IceEvent> out = new ArrayList<>();
    IceEvent e;
    while ((e = agent.pollEvent()) != null) {
      out.add(e);
    }
    return out;
  }

  private List<Transmit> drainTransmits() {
    List<Transmit> out = new ArrayList<>();
    Transmit t;
    while ((t = agent.pollTransmit()) != null) {
      out.add(t);
    }
    return out;
  }

  private static List<CandidateType> gatheredTypes(List<IceEvent> events) {
    List<CandidateType> out = new ArrayList<>();
    for (IceEvent e : events) {
      if (e instanceof IceEvent.CandidateGathered g) {
        out.add(g.candidate().type());
      }
    }
    return out;
  }

  /** Answers every Binding request to a STUN server with {@code mapped}. */
  private void answerStun(List<Transmit> requests, TransportAddress mapped, long now) throws Exception {
    for (Transmit t : requests) {
      StunMessage req = StunMessage.parse(t.data());
      StunMessage resp = StunMessage.builder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, req.transactionId())
          .add(new XorMappedAddress(mapped.address(), mapped.port())).addFingerprint().build();
      agent.handleInbound(resp.encode(), t.local(), t.remote(), now);
    }
  }

  @Test
  @DisplayName("webrtc-pc iceTransportPolicy relay at a restart: the new generation keeps and signals relayed candidates only")
  void relayPolicyFromTheRestart() {
    agent.addLocalCandidate(host, 0);
    agent.addLocalCandidate(relayedCandidate(), 0);
    agent.endOfLocalCandidates(0);
    assertThat(gatheredTypes(drainEvents())).containsExactly(CandidateType.HOST, CandidateType.RELAYED);
    IceCredentials before = agent.localCredentials();

    agent.restart(new IceCredentials("new1", "newpasswordnewpassword01"), true, c -> true, 1);
    List<IceEvent> events = drainEvents();
    assertThat(gatheredTypes(events)).containsExactly(CandidateType.RELAYED);
    assertThat(events).noneMatch(e -> e instanceof IceEvent.GatheringComplete);
    assertThat(agent.localCandidates()).extracting(Candidate::type).containsExactly(CandidateType.RELAYED);
    assertThat(agent.localCredentials()).isNotEqualTo(before);
    // A host candidate the driver offers again is not used either.
    agent.addLocalCandidate(host, 2);
    assertThat(gatheredTypes(drainEvents())).isEmpty();
    // The new gathering phase completes again once the driver says it is done.
    agent.endOfLocalCandidates(3);
    assertThat(drainEvents()).anyMatch(e -> e instanceof IceEvent.GatheringComplete);
  }

  @Test
  @DisplayName("back to policy all: relayed candidates of servers no longer configured are dropped, hosts join again")
  void backToAllWithoutTheTurnServer() {
    agent.addLocalCandidate(host, 0);
    agent.addLocalCandidate(relayedCandidate(), 0);
    agent.restart(new IceCredentials("new1", "newpasswordnewpassword01"), true, c -> true, 1);
    drainEvents();

    agent.restart(new IceCredentials("new2", "newpasswordnewpassword02"), false,
        c -> c.type() != CandidateType.RELAYED, 2);
    assertThat(agent.localCandidates()).isEmpty(); // the relay generation had no host candidate
    agent.addLocalCandidate(host, 2); // the driver adds its hosts again
    assertThat(gatheredTypes(drainEvents())).containsExactly(CandidateType.HOST);
    assertThat(agent.localCandidates()).extracting(Candidate::address).containsExactly(host);
  }

  @Test
  @DisplayName("RFC 8445 §9: server-reflexive candidates are gathered again, from the STUN servers still configured")
  void serverReflexiveGatheredAgainFromRemainingServers() throws Exception {
    TransportAddress mapped = TestNet.udp("203.0.113.9", 40000);
    agent.addLocalCandidate(host, 0);
    agent.addStunServer(stun1, 0);
    agent.addStunServer(stun2, 0);
    List<Transmit> first = drainTransmits();
    assertThat(first).extracting(Transmit::remote).containsExactly(stun1, stun2);
    answerStun(first, mapped, 1);
    agent.endOfLocalCandidates(1);
    List<IceEvent> events = drainEvents();
    assertThat(gatheredTypes(events)).containsExactly(CandidateType.HOST, CandidateType.SERVER_REFLEXIVE);
    assertThat(events).anyMatch(e -> e instanceof IceEvent.GatheringComplete);

    agent.removeStunServer(stun1, 2);
    agent.restart(new IceCredentials("new1", "newpasswordnewpassword01"), false, c -> true, 2);
    // the host is kept and signalled at once; the server-reflexive one waits for the server
    assertThat(gatheredTypes(drainEvents())).containsExactly(CandidateType.HOST);
    List<Transmit> again = drainTransmits();
    assertThat(again).extracting(Transmit::remote).containsExactly(stun2);
    agent.endOfLocalCandidates(3);
    assertThat(drainEvents()).noneMatch(e -> e instanceof IceEvent.GatheringComplete); // stun2 not answered yet
    answerStun(again, mapped, 4);
    List<IceEvent> after = drainEvents();
    assertThat(gatheredTypes(after)).containsExactly(CandidateType.SERVER_REFLEXIVE);
    assertThat(after).anyMatch(e -> e instanceof IceEvent.GatheringComplete);
    assertThat(agent.localCandidates()).extracting(Candidate::type)
        .containsExactly(CandidateType.HOST, CandidateType.SERVER_REFLEXIVE);
  }

  @Test
  @DisplayName("relay generation: a check of the new generation on a host base is not answered")
  void relayGenerationIgnoresChecksOnHostBases() throws Exception {
    agent.addLocalCandidate(host, 0);
    agent.restart(new IceCredentials("new1", "newpasswordnewpassword01"), true, c -> true, 1);
    agent.setRemoteCredentials("rfrg", "remotepasswordremotepass", 1);
    drainTransmits();
    StunMessage req = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST,
        TransactionId.random(Entropy.seeded(3))).add(new Username("new1:rfrg")).add(new Priority(1853824767L))
        .add(new IceControlled(1)).addMessageIntegrity(StunCredentials.shortTermKey("newpasswordnewpassword01"))
        .addFingerprint().build();
    agent.handleInbound(req.encode(), host, remote, 2);
    assertThat(drainTransmits()).isEmpty();
    assertThat(agent.checkListSnapshot()).isEmpty();
  }

  @Test
  @DisplayName("RFC 8829 §4.1.10.2: a rollback of the restart brings back the old generation's candidates and completion")
  void rollbackRestoresCandidatesAndCompletion() {
    agent.addLocalCandidate(host, 0);
    agent.addLocalCandidate(relayedCandidate(), 0);
    agent.endOfLocalCandidates(0);
    drainEvents();
    agent.restart(new IceCredentials("new1", "newpasswordnewpassword01"), true, c -> true, 1);
    drainEvents();
    agent.rollbackRestart(2);
    assertThat(agent.localCandidates()).extracting(Candidate::type)
        .containsExactly(CandidateType.HOST, CandidateType.RELAYED);
    agent.endOfLocalCandidates(3); // already complete: nothing is reported again
    assertThat(drainEvents()).noneMatch(e -> e instanceof IceEvent.GatheringComplete);
  }
}
