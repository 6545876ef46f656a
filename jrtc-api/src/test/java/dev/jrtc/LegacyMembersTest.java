package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The obsolete members of the seed, on top of the track API; identity as a browser without an IdP. */
@SuppressWarnings("deprecation")
class LegacyMembersTest {

  private final ManualExecutor ex = new ManualExecutor();

  @Test
  void addStreamAndRemoveStream() {
    RTCPeerConnection a = Peers.pc(ex);
    RTCPeerConnection b = Peers.pc(ex);
    MediaStream s = new MediaStream(List.of(MediaStreamTrack.create("audio"), MediaStreamTrack.create("video")));
    a.addStream(s);
    assertThat(a.getSenders()).hasSize(2);
    assertThat(a.getLocalStreams()).containsExactly(s);
    assertThat(a.getStreamById(s.id())).isSameAs(s);
    List<MediaStreamEvent> added = new ArrayList<>();
    b.onAddStream(added::add);
    Peers.negotiate(ex, a, b);
    assertThat(added).hasSize(1);
    assertThat(added.get(0).stream().id()).isEqualTo(s.id());
    assertThat(b.getRemoteStreams()).extracting(MediaStream::id).containsExactly(s.id());
    assertThat(b.getStreamById(s.id())).isSameAs(added.get(0).stream());
    a.removeStream(s);
    assertThat(a.getSenders()).allSatisfy(sender -> assertThat(sender.track()).isNull());
    assertThat(a.getLocalStreams()).isEmpty();
  }

  @Test
  void identityWithoutAProvider() {
    RTCPeerConnection pc = Peers.pc(ex);
    Throwable t = ex.failure(pc.getIdentityAssertion());
    assertThat(t).isInstanceOf(NotSupportedException.class);
    pc.setIdentityProvider("idp.example.org");
    assertThat(pc.peerIdentity()).isNotDone();
    pc.close();
    assertThat(ex.failure(pc.peerIdentity())).isInstanceOf(InvalidStateException.class);
    assertThat(ex.failure(pc.getIdentityAssertion())).isInstanceOf(InvalidStateException.class);
    assertThat(pc.getDefaultIceServers()).isEmpty();
  }

  @Test
  void statsHaveThePeerConnectionEntry() {
    RTCPeerConnection pc = Peers.pc(ex);
    RTCStatsReport report = ex.await(pc.getStats());
    RTCStats stats = report.get("P");
    assertThat(stats.type()).isEqualTo("peer-connection");
    assertThat(stats.members()).containsEntry("dataChannelsOpened", 0).containsEntry("dataChannelsClosed", 0);
    assertThat(report.size()).isEqualTo(1);
    // a selector that is no sender's or receiver's track: InvalidAccessError before returning
    var f = pc.getStats(MediaStreamTrack.create("audio"));
    assertThat(f).isCompletedExceptionally();
    assertThat(ex.failure(f)).isInstanceOf(InvalidAccessException.class);
    RTCRtpTransceiver t = pc.addTransceiver("video");
    // webrtc-pc §8.5: a track selects its receiver's inbound-rtp entries; none exist without RTP
    assertThat(ex.await(pc.getStats(t.receiver().track())).size()).isZero();
  }

  @Test
  void statsForATrackBothSentAndReceivedIsInvalidAccessError() {
    // WPT RTCPeerConnection-getStats.https.html: an "echo" transceiver sends the track another receives
    RTCPeerConnection pc = Peers.pc(ex);
    RTCRtpTransceiver t1 = pc.addTransceiver("audio");
    RTCRtpTransceiver t2 = pc.addTransceiver(t1.receiver().track());
    assertThat(t2.sender().track()).isSameAs(t1.receiver().track());
    var f = pc.getStats(t1.receiver().track());
    assertThat(f).isCompletedExceptionally();
    assertThat(ex.failure(f)).isInstanceOf(InvalidAccessException.class);
    MediaStreamTrack onlySent = MediaStreamTrack.create("audio");
    pc.addTransceiver(onlySent);
    assertThat(ex.await(pc.getStats(onlySent)).has("P")).isFalse(); // the sender's selection only
  }
}
