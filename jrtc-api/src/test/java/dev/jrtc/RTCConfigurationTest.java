package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * webrtc-pc "set a configuration" (constructor and setConfiguration), after WPT
 * RTCConfiguration-*.html and RTCPeerConnection-constructor.html.
 */
class RTCConfigurationTest {

  private final ManualExecutor ex = new ManualExecutor();

  private RTCPeerConnection pc(RTCConfiguration c) {
    return Peers.pc(ex, c.toBuilder().certificates(Peers.CERT).build());
  }

  private static RTCConfiguration withServer(RTCIceServer s) {
    return RTCConfiguration.builder().iceServers(s).build();
  }

  @Test
  void defaults() {
    RTCConfiguration c = new RTCPeerConnection().getConfiguration();
    assertThat(c.iceServers()).isEmpty();
    assertThat(c.iceTransportPolicy()).isEqualTo(RTCIceTransportPolicy.ALL);
    assertThat(c.bundlePolicy()).isEqualTo(RTCBundlePolicy.BALANCED);
    assertThat(c.rtcpMuxPolicy()).isEqualTo(RTCRtcpMuxPolicy.REQUIRE);
    assertThat(c.certificates()).isEmpty();
    assertThat(c.iceCandidatePoolSize()).isZero();
  }

  @ParameterizedTest(name = "valid url {0}")
  @ValueSource(strings = {"stun:stun1.example.net", "stuns:stun.example.net:5349", "stun:[2001:db8::1]:3478",
      "stun:192.0.2.1", "STUN:example.org"})
  void validStunUrls(String url) {
    RTCPeerConnection pc = pc(withServer(RTCIceServer.of(url)));
    assertThat(pc.getConfiguration().iceServers().get(0).urls()).containsExactly(url);
  }

  @ParameterizedTest(name = "valid turn url {0}")
  @ValueSource(strings = {"turn:turn.example.org", "turns:turn.example.org", "turn:turn.example.org?transport=udp",
      "turn:turn.example.org:3478?transport=tcp"})
  void validTurnUrlsWithCredentials(String url) {
    pc(withServer(RTCIceServer.builder().urls(url).username("user").credential("cred").build()));
  }

  @Test
  void turnWithEmptyUsernameIsAccepted() {
    pc(withServer(RTCIceServer.builder().urls("turn:turn.example.org").username("").credential("cred").build()));
  }

  @ParameterizedTest(name = "SyntaxError for {0}")
  @ValueSource(strings = {"", "relative-url", "http://example.com", "turn://example.org/foo?x=y",
      "stun://example.org/foo?x=y", "stun:", "stun::8191", "turn::8191", "stun:example.org:131071",
      "stun:2001:4860:4860::8888", "stun:::ffff:192.0.2.128", "stun:example.org#frag", "stun:user@example.org",
      "stun:example.org/", "stun:example.org\\", "stun:example.org/path", "stun:example.org?foo=bar",
      "stun:example.org?transport=udp", "turn:example.org?foo=bar", "turn:example.org?transport=datachannel",
      "turn:example.org?transport="})
  void syntaxErrors(String url) {
    RTCIceServer s = RTCIceServer.builder().urls(url).username("u").credential("c").build();
    assertThatThrownBy(() -> pc(withServer(s)))
        .isInstanceOfSatisfying(SyntaxException.class, e -> assertThat(e.name()).isEqualTo("SyntaxError"));
    RTCPeerConnection pc = pc(RTCConfiguration.defaults());
    assertThatThrownBy(() -> pc.setConfiguration(withServer(s))).isInstanceOf(SyntaxException.class);
  }

  @Test
  void emptyUrlListIsSyntaxError() {
    assertThatThrownBy(() -> pc(withServer(new RTCIceServer(List.of(), null, null))))
        .isInstanceOf(SyntaxException.class);
  }

  @ParameterizedTest(name = "InvalidAccessError for {0}")
  @ValueSource(strings = {"none", "username-only", "credential-only", "empty-credential", "long-username"})
  void turnCredentials(String variant) {
    for (String url : List.of("turn:turn.example.net", "turns:turn.example.net")) {
      RTCIceServer.Builder b = RTCIceServer.builder().urls(url);
      switch (variant) {
        case "username-only" -> b.username("user");
        case "credential-only" -> b.credential("cred");
        case "empty-credential" -> b.username("user").credential("");
        case "long-username" -> b.username("a".repeat(510)).credential("cred");
        default -> { }
      }
      RTCIceServer s = b.build();
      assertThatThrownBy(() -> pc(withServer(s)))
          .isInstanceOfSatisfying(InvalidAccessException.class,
              e -> assertThat(e.name()).isEqualTo("InvalidAccessError"));
    }
  }

  @Test
  void usernameOf509CharactersIsAccepted() {
    pc(withServer(RTCIceServer.builder().urls("turns:turn.example.net").username("a".repeat(509))
        .credential("cred").build()));
  }

  @Test
  void bundlePolicyCannotChange() {
    RTCPeerConnection pc = pc(RTCConfiguration.builder().bundlePolicy(RTCBundlePolicy.MAX_BUNDLE).build());
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.builder()
        .bundlePolicy(RTCBundlePolicy.MAX_COMPAT).build()))
        .isInstanceOfSatisfying(InvalidModificationException.class,
            e -> assertThat(e.name()).isEqualTo("InvalidModificationError"));
    // {} means the default, balanced, which differs too
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.defaults()))
        .isInstanceOf(InvalidModificationException.class);
    pc.setConfiguration(RTCConfiguration.builder().bundlePolicy(RTCBundlePolicy.MAX_BUNDLE).build());
    assertThat(pc.getConfiguration().bundlePolicy()).isEqualTo(RTCBundlePolicy.MAX_BUNDLE);
  }

  @Test
  void rtcpMuxPolicyNegotiateIsNotSupportedAndCannotBeSetLater() {
    assertThatThrownBy(() -> pc(RTCConfiguration.builder().rtcpMuxPolicy(RTCRtcpMuxPolicy.NEGOTIATE).build()))
        .isInstanceOfSatisfying(NotSupportedException.class, e -> assertThat(e.name()).isEqualTo("NotSupportedError"));
    RTCPeerConnection pc = pc(RTCConfiguration.defaults());
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.builder()
        .rtcpMuxPolicy(RTCRtcpMuxPolicy.NEGOTIATE).build())).isInstanceOf(InvalidModificationException.class);
  }

  @Test
  void certificatesCannotChange() {
    RTCCertificate other = ex.await(RTCPeerConnection.generateCertificate(AlgorithmIdentifier.ecdsa("P-256")));
    RTCPeerConnection pc = Peers.pc(ex);
    pc.setConfiguration(RTCConfiguration.builder().certificates(Peers.CERT).build());
    pc.setConfiguration(RTCConfiguration.defaults()); // not set: keeps them
    assertThat(pc.getConfiguration().certificates()).containsExactly(Peers.CERT);
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.builder().certificates(other).build()))
        .isInstanceOf(InvalidModificationException.class);
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.builder().certificates(Peers.CERT, other).build()))
        .isInstanceOf(InvalidModificationException.class);
  }

  @Test
  void expiredCertificateIsInvalidAccessError() {
    RTCCertificate expired = ex.await(RTCPeerConnection.generateCertificate(
        AlgorithmIdentifier.ecdsa("P-256").withExpires(0)));
    assertThatThrownBy(() -> new RTCPeerConnection(RTCConfiguration.builder().certificates(expired).build()))
        .isInstanceOfSatisfying(InvalidAccessException.class,
            e -> assertThat(e.name()).isEqualTo("InvalidAccessError"));
  }

  @ParameterizedTest(name = "iceCandidatePoolSize {0} is a TypeError")
  @ValueSource(ints = {-1, 256})
  void poolSizeOutOfRange(int size) {
    assertThatThrownBy(() -> RTCConfiguration.builder().iceCandidatePoolSize(size).build())
        .isInstanceOfSatisfying(TypeException.class, e -> assertThat(e.name()).isEqualTo("TypeError"));
  }

  @ParameterizedTest(name = "iceCandidatePoolSize {0} is accepted")
  @ValueSource(ints = {0, 1, 255})
  void poolSizeInRange(int size) {
    RTCPeerConnection pc = pc(RTCConfiguration.defaults());
    pc.setConfiguration(RTCConfiguration.builder().iceCandidatePoolSize(size).build());
    assertThat(pc.getConfiguration().iceCandidatePoolSize()).isEqualTo(size);
  }

  @Test
  void poolSizeCannotChangeAfterSetLocalDescription() {
    RTCPeerConnection pc = pc(RTCConfiguration.defaults());
    ex.await(pc.setLocalDescription());
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.builder().iceCandidatePoolSize(3).build()))
        .isInstanceOf(InvalidModificationException.class);
  }

  @Test
  void onlyAWhollyValidConfigurationApplies() {
    RTCPeerConnection pc = pc(RTCConfiguration.defaults());
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.builder()
        .iceTransportPolicy(RTCIceTransportPolicy.RELAY).iceServers(RTCIceServer.of("")).build()))
        .isInstanceOf(SyntaxException.class);
    assertThat(pc.getConfiguration().iceTransportPolicy()).isEqualTo(RTCIceTransportPolicy.ALL);
  }

  @Test
  void setConfigurationReplacesIceServersAndPolicy() {
    RTCPeerConnection pc = pc(withServer(RTCIceServer.of("stun:stun1.example.net")));
    pc.setConfiguration(RTCConfiguration.builder().iceTransportPolicy(RTCIceTransportPolicy.RELAY).build());
    assertThat(pc.getConfiguration().iceServers()).isEmpty();
    assertThat(pc.getConfiguration().iceTransportPolicy()).isEqualTo(RTCIceTransportPolicy.RELAY);
  }

  @Test
  void setConfigurationAfterCloseIsInvalidStateError() {
    RTCPeerConnection pc = pc(RTCConfiguration.defaults());
    pc.close();
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.defaults()))
        .isInstanceOfSatisfying(InvalidStateException.class,
            e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
  }
}
