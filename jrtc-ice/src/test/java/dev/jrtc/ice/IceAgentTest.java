package dev.jrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jrtc.common.Entropy;
import dev.jrtc.stun.ErrorCode;
import dev.jrtc.stun.IceControlled;
import dev.jrtc.stun.IceControlling;
import dev.jrtc.stun.MessageIntegrity;
import dev.jrtc.stun.Priority;
import dev.jrtc.stun.StunClass;
import dev.jrtc.stun.StunCredentials;
import dev.jrtc.stun.StunMessage;
import dev.jrtc.stun.StunMethod;
import dev.jrtc.stun.TransactionId;
import dev.jrtc.stun.Username;
import dev.jrtc.stun.XorMappedAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Request handling of one agent, driven by hand (RFC 8445 §7.3, RFC 8489 §9.1.3). */
class IceAgentTest {
  private final TransportAddress local = TestNet.udp("192.0.2.1", 5000);
  private final TransportAddress remote = TestNet.udp("192.0.2.2", 6000);
  private final IceCredentials remoteCreds = new IceCredentials("rfrg", "remotepasswordremotepass");
  private final IceAgent agent = IceAgent.create(IceConfig.of(false), Entropy.seeded(7), 0);

  private StunMessage request(String username, String pwd, long tieBreaker, boolean controlling) {
    StunMessage.Builder b = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST,
        TransactionId.random(Entropy.seeded(username.hashCode())));
    if (username != null) {
      b.add(new Username(username));
    }
    b.add(new Priority(1853824767L));
    b.add(controlling ? new IceControlling(tieBreaker) : new IceControlled(tieBreaker));
    return b.addMessageIntegrity(StunCredentials.shortTermKey(pwd)).addFingerprint().build();
  }

  private StunMessage onlyResponse() throws Exception {
    Transmit t = agent.pollTransmit();
    assertThat(t).isNotNull();
    assertThat(t.local()).isEqualTo(local);
    assertThat(t.remote()).isEqualTo(remote);
    return StunMessage.parse(t.data());
  }

  @Test
  @DisplayName("RFC 8445 §7.3.1.2 a valid check gets a success response with XOR-MAPPED-ADDRESS")
  void answersValidCheck() throws Exception {
    agent.addLocalCandidate(local, 0);
    IceCredentials creds = agent.localCredentials();
    StunMessage req = request(creds.ufrag() + ":rfrg", creds.pwd(), 1, true);
    agent.handleInbound(req.encode(), local, remote, 0);
    StunMessage resp = onlyResponse();
    assertThat(resp.stunClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(resp.transactionId()).isEqualTo(req.transactionId());
    assertThat(resp.attribute(XorMappedAddress.class))
        .contains(new XorMappedAddress(remote.address(), remote.port()));
    assertThat(resp.checkMessageIntegrity(StunCredentials.shortTermKey(creds.pwd()))).isTrue();
    assertThat(resp.checkFingerprint()).isTrue();
    // The source became a peer-reflexive remote candidate with a pair to check (§7.3.1.3/4).
    assertThat(agent.checkListSnapshot()).hasSize(1);
    assertThat(agent.checkListSnapshot().keySet().iterator().next().remote().type())
        .isEqualTo(CandidateType.PEER_REFLEXIVE);
  }

  @Test
  @DisplayName("RFC 8489 §9.1.3 wrong password -> 401 without MESSAGE-INTEGRITY, counted")
  void wrongPasswordIs401() throws Exception {
    IceCredentials creds = agent.localCredentials();
    agent.handleInbound(request(creds.ufrag() + ":rfrg", "wrongpasswordwrongpasswo", 1, true).encode(),
        local, remote, 0);
    StunMessage resp = onlyResponse();
    assertThat(resp.stunClass()).isEqualTo(StunClass.ERROR_RESPONSE);
    assertThat(resp.attribute(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
    assertThat(resp.has(MessageIntegrity.class)).isFalse();
    assertThat(agent.stats().unauthenticated()).isEqualTo(1);
    assertThat(agent.checkListSnapshot()).isEmpty();
  }

  @Test
  @DisplayName("RFC 8445 §7.3: once the peer's credentials are known, a check naming other peer credentials -> 401")
  void otherPeerUfragIs401() throws Exception {
    agent.addLocalCandidate(local, 0);
    agent.setRemoteCredentials(remoteCreds.ufrag(), remoteCreds.pwd(), 0);
    IceCredentials creds = agent.localCredentials();
    // the peer restarted and checks our (old) credentials with its new ufrag
    agent.handleInbound(request(creds.ufrag() + ":newr", creds.pwd(), 1, true).encode(), local, remote, 0);
    StunMessage resp = onlyResponse();
    assertThat(resp.attribute(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
    assertThat(agent.checkListSnapshot()).isEmpty();
    // with the known peer ufrag the same check is answered
    agent.handleInbound(request(creds.ufrag() + ":rfrg", creds.pwd(), 1, true).encode(), local, remote, 0);
    assertThat(onlyResponse().stunClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
  }

  @Test
  @DisplayName("unknown ufrag -> 401")
  void unknownUfragIs401() throws Exception {
    agent.handleInbound(request("nope:rfrg", agent.localCredentials().pwd(), 1, true).encode(), local, remote, 0);
    assertThat(onlyResponse().attribute(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
  }

  @Test
  @DisplayName("RFC 8445 §7.3.1.1 controlling vs controlling with a lower remote tie-breaker -> 487")
  void roleConflictAnswer() throws Exception {
    IceAgent controlling = IceAgent.create(IceConfig.of(true), Entropy.seeded(8), 0);
    IceCredentials creds = controlling.localCredentials();
    // 0 is the smallest unsigned tie-breaker: this agent keeps the role and answers 487.
    StunMessage req = request(creds.ufrag() + ":rfrg", creds.pwd(), 0L, true);
    controlling.handleInbound(req.encode(), local, remote, 0);
    StunMessage resp = StunMessage.parse(controlling.pollTransmit().data());
    assertThat(resp.attribute(ErrorCode.class).orElseThrow().code()).isEqualTo(ErrorCode.ROLE_CONFLICT);
    assertThat(controlling.isControlling()).isTrue();
    // With the largest tie-breaker the remote wins: this agent switches to controlled.
    controlling.handleInbound(request(creds.ufrag() + ":rfrg", creds.pwd(), -1L, true).encode(), local, remote, 0);
    assertThat(controlling.isControlling()).isFalse();
    assertThat(controlling.pollEvent()).isEqualTo(new IceEvent.RoleChanged(false));
  }

  @Test
  @DisplayName("garbage and unknown-source data are dropped and counted, never thrown")
  void garbage() {
    agent.handleInbound(new byte[] {0, 1, 0, 0, 1, 2, 3}, local, remote, 0);
    assertThat(agent.stats().malformedStun()).isEqualTo(1);
    agent.handleInbound(new byte[] {(byte) 0x80, 1, 2}, local, remote, 0);
    assertThat(agent.stats().unknownData()).isEqualTo(1);
    assertThat(agent.pollEvent()).isNull();
    assertThat(agent.pollTransmit()).isNull();
  }

  @Test
  @DisplayName("changed remote credentials without restart are refused; close is final")
  void misuse() {
    agent.setRemoteCredentials(remoteCreds.ufrag(), remoteCreds.pwd(), 0);
    assertThatThrownBy(() -> agent.setRemoteCredentials("othr", remoteCreds.pwd(), 0))
        .isInstanceOf(IllegalStateException.class);
    assertThat(agent.send(new byte[] {1})).isFalse();
    agent.close(0);
    assertThat(agent.state()).isEqualTo(IceTransportState.CLOSED);
    assertThatThrownBy(() -> agent.addLocalCandidate(local, 0)).isInstanceOf(IllegalStateException.class);
    assertThat(agent.pollTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("RFC 8445 §7.3.1.5 a lite agent selects on USE-CANDIDATE; §11 keepalive after Tr = 15 s of silence")
  void liteSelectsOnUseCandidateAndKeepsAlive() throws Exception {
    IceAgent lite = IceAgent.create(IceConfig.of(true).withLite(true), Entropy.seeded(9), 0);
    assertThat(lite.isControlling()).isFalse();
    lite.addLocalCandidate(local, 0);
    IceCredentials creds = lite.localCredentials();
    StunMessage req = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(Entropy.seeded(1)))
        .add(new Username(creds.ufrag() + ":rfrg")).add(new Priority(1853824767L)).add(new IceControlling(5))
        .add(new dev.jrtc.stun.UseCandidate())
        .addMessageIntegrity(StunCredentials.shortTermKey(creds.pwd())).addFingerprint().build();
    lite.handleInbound(req.encode(), local, remote, 0);
    assertThat(StunMessage.parse(lite.pollTransmit().data()).stunClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(lite.pollTransmit()).isNull(); // a lite agent never checks
    assertThat(lite.selectedPair().remote().address()).isEqualTo(remote);
    assertThat(lite.selectedPair().remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
    long t = lite.pollTimeoutNanos();
    assertThat(t).isEqualTo(15_000_000_000L);
    lite.handleTimeout(t);
    StunMessage keepalive = StunMessage.parse(lite.pollTransmit().data());
    assertThat(keepalive.stunClass()).isEqualTo(StunClass.INDICATION);
    assertThat(keepalive.checkFingerprint()).isTrue();
  }

  /** An agent with one pair whose first check has just been sent; returns that check. */
  private StunMessage firstCheck(IceAgent a) throws Exception {
    a.addLocalCandidate(local, 0);
    a.setRemoteCredentials(remoteCreds.ufrag(), remoteCreds.pwd(), 0);
    a.addRemoteCandidate(new Candidate("r", 1, remote, 2130706431L, CandidateType.HOST, null), 0);
    a.handleTimeout(a.pollTimeoutNanos());
    Transmit t = a.pollTransmit();
    assertThat(t.local()).isEqualTo(local);
    assertThat(t.remote()).isEqualTo(remote);
    StunMessage check = StunMessage.parse(t.data());
    assertThat(check.attribute(Username.class)).contains(new Username("rfrg:" + a.localCredentials().ufrag()));
    assertThat(check.checkMessageIntegrity(StunCredentials.shortTermKey(remoteCreds.pwd()))).isTrue();
    return check;
  }

  private static byte[] successFor(StunMessage check, TransportAddress mapped, String pwd) {
    return StunMessage.builder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, check.transactionId())
        .add(new XorMappedAddress(mapped.address(), mapped.port()))
        .addMessageIntegrity(StunCredentials.shortTermKey(pwd)).addFingerprint().build().encode();
  }

  @Test
  @DisplayName("RFC 8445 §7.2.5.2.2 a response with a wrong MESSAGE-INTEGRITY is dropped")
  void forgedResponseIsDropped() throws Exception {
    IceAgent a = IceAgent.create(IceConfig.of(true), Entropy.seeded(10), 0);
    StunMessage check = firstCheck(a);
    a.handleInbound(successFor(check, local, "forgedpasswordforgedpass"), local, remote, 0);
    assertThat(a.stats().unauthenticated()).isEqualTo(1);
    assertThat(a.checkListSnapshot().values()).containsExactly(CandidatePairState.IN_PROGRESS);
    a.handleInbound(successFor(check, local, remoteCreds.pwd()), local, remote, 0);
    assertThat(a.checkListSnapshot().values()).containsExactly(CandidatePairState.SUCCEEDED);
  }

  @Test
  @DisplayName("RFC 8445 §7.2.5.2.1 a response from another address fails the pair")
  void nonSymmetricResponseFails() throws Exception {
    IceAgent a = IceAgent.create(IceConfig.of(true), Entropy.seeded(11), 0);
    StunMessage check = firstCheck(a);
    a.handleInbound(successFor(check, local, remoteCreds.pwd()), local, TestNet.udp("192.0.2.99", 6000), 0);
    assertThat(a.checkListSnapshot().values()).containsExactly(CandidatePairState.FAILED);
  }

  @Test
  @DisplayName("RFC 8445 §7.2.5.1 a 487 answer switches the role and retries the pair")
  void roleConflictResponse() throws Exception {
    IceAgent a = IceAgent.create(IceConfig.of(true), Entropy.seeded(12), 0);
    StunMessage check = firstCheck(a);
    assertThat(check.has(IceControlling.class)).isTrue();
    byte[] conflict = StunMessage.builder(StunMethod.BINDING, StunClass.ERROR_RESPONSE, check.transactionId())
        .add(new ErrorCode(487, "Role Conflict"))
        .addMessageIntegrity(StunCredentials.shortTermKey(remoteCreds.pwd())).addFingerprint().build().encode();
    a.handleInbound(conflict, local, remote, 0);
    assertThat(a.isControlling()).isFalse();
    a.handleTimeout(a.pollTimeoutNanos());
    StunMessage retry = StunMessage.parse(a.pollTransmit().data());
    assertThat(retry.has(IceControlled.class)).isTrue();
    assertThat(retry.transactionId()).isNotEqualTo(check.transactionId());
  }

  @Test
  @DisplayName("RFC 8489 §6.3.1.1 unknown comprehension-required attribute -> 420 with UNKNOWN-ATTRIBUTES")
  void unknownAttributeIs420() throws Exception {
    IceCredentials creds = agent.localCredentials();
    StunMessage req = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(Entropy.seeded(3)))
        .add(new Username(creds.ufrag() + ":rfrg")).add(new Priority(1)).add(new IceControlling(1))
        .add(new dev.jrtc.stun.RawAttribute(0x7777, new byte[] {1, 2}))
        .addMessageIntegrity(StunCredentials.shortTermKey(creds.pwd())).addFingerprint().build();
    agent.handleInbound(req.encode(), local, remote, 0);
    StunMessage resp = onlyResponse();
    assertThat(resp.attribute(ErrorCode.class).orElseThrow().code()).isEqualTo(420);
    assertThat(resp.attribute(dev.jrtc.stun.UnknownAttributes.class).orElseThrow().types()).containsExactly(0x7777);
  }
}
