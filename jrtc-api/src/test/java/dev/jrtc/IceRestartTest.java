package dev.jrtc;

import static dev.jrtc.LoopbackPeers.await;
import static dev.jrtc.LoopbackPeers.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When an ICE restart happens (RFC 8445 §9, RFC 8829 §5.2.1, webrtc-pc §4.4.1.5/§5.6): the agent
 * restarts when the description carrying new credentials is applied, not when it is created; a
 * rollback of a restarting offer keeps the old generation without any gathering event; a
 * rollback of the first offer takes the gathering state back to "new". Real UDP on loopback.
 */
class IceRestartTest {

  /** a offers a channel "c", candidates trickled; returns a's and b's ends once connected. */
  private static RTCDataChannel[] connectWithChannel(LoopbackPeers p) {
    RTCDataChannel ca = p.a.createDataChannel("c");
    java.util.concurrent.CompletableFuture<RTCDataChannel> remote = new java.util.concurrent.CompletableFuture<>();
    p.b.onDataChannel(e -> remote.complete(e.channel()));
    p.connectTrickle();
    RTCDataChannel cb = await(remote);
    p.awaitConnected();
    return new RTCDataChannel[] {ca, cb};
  }

  private static String ufrag(RTCSessionDescriptionInit d) {
    int i = d.sdp().indexOf("a=ice-ufrag:");
    return d.sdp().substring(i + 12, d.sdp().indexOf('\r', i));
  }

  private static String localUfrag(RTCPeerConnection pc) {
    return pc.sctp().transport().iceTransport().getLocalParameters().usernameFragment();
  }

  private static List<String> recordGathering(RTCPeerConnection pc) {
    List<String> states = new CopyOnWriteArrayList<>();
    pc.onIceGatheringStateChange(e -> states.add(pc.iceGatheringState().value()));
    return states;
  }

  private static String echo(RTCDataChannel from, LinkedBlockingQueue<MessageEvent> at, String text)
      throws InterruptedException {
    from.send(text);
    MessageEvent e = at.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(e).as("message '%s' within %d s", text, LoopbackPeers.WAIT_SECONDS).isNotNull();
    return e.text();
  }

  @Test
  void aRestartingOfferThatIsNeverSetChangesNothing() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel[] channels = connectWithChannel(p);
      RTCDataChannel ca = channels[0];
      RTCDataChannel cb = channels[1];
      String before = localUfrag(p.a);
      RTCSessionDescriptionInit restart = await(p.a.createOffer(RTCOfferOptions.builder().iceRestart(true).build()));
      assertThat(ufrag(restart)).isNotEqualTo(before);
      // not applied: the transport keeps its credentials and the channel works
      assertThat(localUfrag(p.a)).isEqualTo(before);
      LinkedBlockingQueue<MessageEvent> atB = new LinkedBlockingQueue<>();
      cb.onMessage(atB::add);
      assertThat(echo(ca, atB, "still here")).isEqualTo("still here");
    }
  }

  @Test
  void settingTheRestartingOfferGathersAgainWithTheNewUfrag() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel[] channels = connectWithChannel(p);
      RTCDataChannel ca = channels[0];
      RTCDataChannel cb = channels[1];
      awaitCondition(() -> p.a.iceGatheringState() == RTCIceGatheringState.COMPLETE, "first gathering done");
      List<String> gathering = recordGathering(p.a);
      List<String> candidateUfrags = new CopyOnWriteArrayList<>();
      p.a.onIceCandidate(e -> {
        if (e.candidate() != null && !e.candidate().candidate().isEmpty()) {
          candidateUfrags.add(e.candidate().usernameFragment());
        }
        if (e.candidate() != null) {
          p.b.addIceCandidate(e.candidate());
        }
      });
      RTCSessionDescriptionInit offer = await(p.a.createOffer(RTCOfferOptions.builder().iceRestart(true).build()));
      await(p.a.setLocalDescription(offer));
      awaitCondition(() -> gathering.equals(List.of("gathering", "complete")), "gathering, then complete: " + gathering);
      assertThat(candidateUfrags).isNotEmpty().containsOnly(ufrag(offer));
      assertThat(localUfrag(p.a)).isEqualTo(ufrag(offer));
      java.util.concurrent.atomic.AtomicInteger pairChanges = new java.util.concurrent.atomic.AtomicInteger();
      p.a.sctp().transport().iceTransport().onSelectedCandidatePairChange(e -> pairChanges.incrementAndGet());
      await(p.b.setRemoteDescription(p.a.localDescription()));
      RTCSessionDescriptionInit answer = await(p.b.createAnswer());
      await(p.b.setLocalDescription(answer));
      await(p.a.setRemoteDescription(answer));
      p.awaitConnected();
      // RFC 8445 §9: the new generation selects its own pair (the peers' candidate lines repeat
      // the previous generation's, and still count for the new one).
      awaitCondition(() -> pairChanges.get() > 0, "a pair selected by the new generation");
      LinkedBlockingQueue<MessageEvent> atB = new LinkedBlockingQueue<>();
      cb.onMessage(atB::add);
      assertThat(echo(ca, atB, "after restart")).isEqualTo("after restart");
      assertThat(p.a.sctp().transport().iceTransport().getSelectedCandidatePair()).isNotNull();
    }
  }

  @Test
  void rollingBackARestartingOfferKeepsTheOldGenerationWithoutGatheringEvents() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel[] channels = connectWithChannel(p);
      RTCDataChannel ca = channels[0];
      RTCDataChannel cb = channels[1];
      awaitCondition(() -> p.a.iceGatheringState() == RTCIceGatheringState.COMPLETE, "first gathering done");
      String before = localUfrag(p.a);
      await(p.a.setLocalDescription(await(p.a.createOffer(RTCOfferOptions.builder().iceRestart(true).build()))));
      awaitCondition(() -> p.a.iceGatheringState() == RTCIceGatheringState.COMPLETE
          && p.a.localDescription().sdp().contains("a=end-of-candidates"), "restart gathering done");
      List<String> gathering = recordGathering(p.a);
      await(p.a.setLocalDescription(new RTCSessionDescriptionInit(RTCSdpType.ROLLBACK, "")));
      assertThat(p.a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
      assertThat(localUfrag(p.a)).isEqualTo(before);
      // the old generation still carries data, both ways, and no gathering event happened
      LinkedBlockingQueue<MessageEvent> atB = new LinkedBlockingQueue<>();
      LinkedBlockingQueue<MessageEvent> atA = new LinkedBlockingQueue<>();
      cb.onMessage(atB::add);
      ca.onMessage(atA::add);
      assertThat(echo(ca, atB, "after rollback")).isEqualTo("after rollback");
      assertThat(echo(cb, atA, "back")).isEqualTo("back");
      assertThat(gathering).isEmpty();
      // a later offer without restart keeps the old credentials, and b accepts it
      RTCSessionDescriptionInit reoffer = await(p.a.createOffer());
      assertThat(ufrag(reoffer)).isEqualTo(before);
      await(p.a.setLocalDescription(reoffer));
      await(p.b.setRemoteDescription(reoffer));
      await(p.b.setLocalDescription(await(p.b.createAnswer())));
      await(p.a.setRemoteDescription(p.b.localDescription()));
      assertThat(echo(ca, atB, "after renegotiation")).isEqualTo("after renegotiation");
      assertThat(p.a.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
    }
  }

  @Test
  void rollingBackTheFirstOfferTakesGatheringBackToNew() throws Exception {
    RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.defaults(), LoopbackPeers.settings());
    try {
      pc.createDataChannel("c");
      List<String> gathering = recordGathering(pc);
      await(pc.setLocalDescription(await(pc.createOffer())));
      awaitCondition(() -> pc.iceGatheringState() == RTCIceGatheringState.COMPLETE, "gathering complete");
      await(pc.setLocalDescription(new RTCSessionDescriptionInit(RTCSdpType.ROLLBACK, "")));
      awaitCondition(() -> pc.iceGatheringState() == RTCIceGatheringState.NEW, "gathering back to new");
      assertThat(gathering).containsExactly("gathering", "complete", "new");
      // a new offer gathers afresh
      await(pc.setLocalDescription(await(pc.createOffer())));
      awaitCondition(() -> pc.iceGatheringState() == RTCIceGatheringState.COMPLETE, "gathering complete again");
      assertThat(gathering).containsExactly("gathering", "complete", "new", "gathering", "complete");
      assertThat(pc.localDescription().sdp()).contains("a=candidate:");
    } finally {
      pc.close();
    }
  }

  @Test
  void restartIceInTheInitialHaveRemoteOfferDoesNothing() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      p.b.addTransceiver("audio");
      await(p.b.setLocalDescription());
      await(p.a.setRemoteDescription(p.b.localDescription()));
      p.a.restartIce();
      RTCSessionDescriptionInit answer = await(p.a.createAnswer());
      await(p.b.setRemoteDescription(answer));
      await(p.a.setLocalDescription(answer));
      assertThat(p.a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    }
  }

  private static String replaceFirst(String s, String what, String with) {
    int i = s.indexOf(what);
    return s.substring(0, i) + with + s.substring(i + what.length());
  }

  private static java.util.List<String> lines(String sdp, String prefix) {
    return java.util.Arrays.stream(sdp.split("\r\n")).filter(l -> l.startsWith(prefix)).toList();
  }

  /**
   * RFC 8839 §4.4.1.1.1 per m-section: an offer that restarts ICE in one m-section only gets an
   * answer with new credentials there and the old ones elsewhere; a pending restartIce() is still
   * owed afterwards (webrtc-pc [[LocalIceCredentialsToReplace]] still found in the answer).
   */
  @Test
  void aPartialRemoteRestartIsAnsweredPerMediaSectionAndALocalRestartStaysPending() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      p.a.addTransceiver("audio");
      p.a.addTransceiver("video");
      p.connectTrickle();
      List<String> oldUfrags1 = lines(p.a.localDescription().sdp(), "a=ice-ufrag:");
      List<String> oldUfrags2 = lines(p.b.localDescription().sdp(), "a=ice-ufrag:");
      List<String> oldPwds2 = lines(p.b.localDescription().sdp(), "a=ice-pwd:");
      p.a.restartIce();
      p.b.restartIce();
      await(p.b.setLocalDescription());
      String sdp = p.b.localDescription().sdp();
      // (ice-chars include '+' and '/': literal replacement of the first occurrence)
      sdp = replaceFirst(sdp, lines(sdp, "a=ice-ufrag:").get(0), oldUfrags2.get(0));
      sdp = replaceFirst(sdp, lines(sdp, "a=ice-pwd:").get(0), oldPwds2.get(0));
      await(p.a.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, sdp)));
      java.util.concurrent.CompletableFuture<Void> needed = new java.util.concurrent.CompletableFuture<>();
      p.a.onNegotiationNeeded(e -> needed.complete(null));
      await(p.a.setLocalDescription());
      List<String> newUfrags1 = lines(p.a.localDescription().sdp(), "a=ice-ufrag:");
      assertThat(newUfrags1.get(0)).as("unchanged m-section").isEqualTo(oldUfrags1.get(0));
      assertThat(newUfrags1.get(1)).as("restarted m-section").isNotEqualTo(oldUfrags1.get(1));
      await(needed);
      await(p.a.setLocalDescription());
      List<String> newest = lines(p.a.localDescription().sdp(), "a=ice-ufrag:");
      assertThat(newest.get(0)).isNotEqualTo(oldUfrags1.get(0));
      assertThat(newest.get(1)).isNotEqualTo(oldUfrags1.get(1));
    }
  }

  /** RFC 8445 §9 as browsers apply it: the restarting offer decides the roles anew. */
  @Test
  void aRestartOfferedByTheOtherSideDecidesTheRolesAnewAndReportsThem() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      RTCDataChannel[] channels = connectWithChannel(p);
      RTCDataChannel ca = channels[0];
      RTCDataChannel cb = channels[1];
      RTCIceTransport aIce = p.a.sctp().transport().iceTransport();
      RTCIceTransport bIce = p.b.sctp().transport().iceTransport();
      assertThat(aIce.role()).isEqualTo(RTCIceRole.CONTROLLING);
      assertThat(bIce.role()).isEqualTo(RTCIceRole.CONTROLLED);
      p.b.onIceCandidate(e -> {
        if (e.candidate() != null) {
          p.a.addIceCandidate(e.candidate());
        }
      });
      p.a.onIceCandidate(e -> {
        if (e.candidate() != null) {
          p.b.addIceCandidate(e.candidate());
        }
      });
      p.b.restartIce();
      await(p.b.setLocalDescription());
      await(p.a.setRemoteDescription(p.b.localDescription()));
      await(p.a.setLocalDescription());
      await(p.b.setRemoteDescription(p.a.localDescription()));
      // b offered the restart and takes the controlling role; a check that crosses the two role
      // changes may still be settled by a role conflict (RFC 8445 §7.3.1.1, random
      // tie-breakers), so what is certain is that the roles end complementary, as reported
      awaitCondition(() -> aIce.role() != bIce.role() && aIce.role() != RTCIceRole.UNKNOWN
          && bIce.role() != RTCIceRole.UNKNOWN, "complementary roles: " + aIce.role() + "/" + bIce.role());
      p.awaitConnected();
      LinkedBlockingQueue<MessageEvent> atA = new LinkedBlockingQueue<>();
      ca.onMessage(atA::add);
      assertThat(echo(cb, atA, "after the swap")).isEqualTo("after the swap");
      assertThat(aIce.getLocalParameters().usernameFragment()).isEqualTo(
          p.a.currentLocalDescription().sdp().split("a=ice-ufrag:")[1].split("\r\n")[0]);
    }
  }

  /**
   * RFC 8829 §4.1.18: a new candidate policy (or new ICE servers) after gathering started sets
   * "needs-ice-restart": the next offer restarts ICE by itself, without negotiation-needed; an
   * answer does not; once applied, later offers keep the new credentials.
   */
  @Test
  void aNewIcePolicyMakesTheNextOfferRestartIce() throws Exception {
    try (LoopbackPeers p = new LoopbackPeers()) {
      connectWithChannel(p);
      String before = localUfrag(p.a);
      java.util.concurrent.atomic.AtomicInteger needed = new java.util.concurrent.atomic.AtomicInteger();
      p.a.onNegotiationNeeded(e -> needed.incrementAndGet());
      p.b.setConfiguration(p.b.getConfiguration().toBuilder().iceTransportPolicy(RTCIceTransportPolicy.RELAY).build());
      p.a.setConfiguration(p.a.getConfiguration().toBuilder().iceServers(
          List.of(RTCIceServer.builder().urls("stun:127.0.0.1:9").build())).build());
      RTCSessionDescriptionInit offer = await(p.a.createOffer());
      assertThat(ufrag(offer)).isNotEqualTo(before);
      await(p.a.setLocalDescription(offer));
      await(p.b.setRemoteDescription(offer));
      RTCSessionDescriptionInit answer = await(p.b.createAnswer());
      await(p.a.setRemoteDescription(answer));
      await(p.b.setLocalDescription(answer));
      // b answered the restart with new credentials (RFC 8839 §4.4.1.1.1), its own change made
      // no restart of its own; a's next offer keeps the credentials it restarted with
      assertThat(ufrag(await(p.a.createOffer()))).isEqualTo(ufrag(offer));
      assertThat(needed.get()).isZero();
    }
  }
}
