package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * webrtc-pc §4.4.1.6 "set the RTCSessionDescription" ([[SctpTransport]]) and §6.1.1.1 "update the
 * data max message size": when {@code pc.sctp} appears, what it holds before SCTP connects, when
 * it goes away, and how maxMessageSize follows the remote a=max-message-size (RFC 8841 §6).
 */
class SctpTransportLifecycleTest {

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection a = Peers.pc(ex);
  private final RTCPeerConnection b = Peers.pc(ex);

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  private static RTCSessionDescriptionInit init(RTCSessionDescription d) {
    return new RTCSessionDescriptionInit(d.type(), d.sdp());
  }

  private static RTCSessionDescriptionInit withMaxMessageSize(RTCSessionDescriptionInit d, String value) {
    String sdp = d.sdp().replaceAll("a=max-message-size:[^\\r\\n]*\\r\\n", "");
    if (value != null) {
      sdp = sdp.replace("a=sctp-port:", "a=max-message-size:" + value + "\r\na=sctp-port:");
    }
    return new RTCSessionDescriptionInit(d.type(), sdp);
  }

  @Test
  @DisplayName("pc.sctp is created, connecting, when a description with an application m-section is applied")
  void createdWhenTheDescriptionIsApplied() {
    a.createDataChannel("x");
    assertThat(a.sctp()).isNull();
    RTCSessionDescriptionInit offer = ex.await(a.createOffer());
    assertThat(a.sctp()).as("createOffer applies nothing").isNull();
    ex.await(a.setLocalDescription(offer));
    RTCSctpTransport sctp = a.sctp();
    assertThat(sctp).isNotNull();
    assertThat(sctp.state()).isEqualTo(RTCSctpTransportState.CONNECTING);
    assertThat(sctp.transport()).isSameAs(a.sctp().transport());
    assertThat(sctp.transport().iceTransport()).isNotNull();
    assertThat(sctp.maxChannels()).as("null until connected").isNull();
    assertThat(sctp.maxMessageSize()).isPositive();

    assertThat(b.sctp()).isNull();
    ex.await(b.setRemoteDescription(offer));
    assertThat(b.sctp()).isNotNull();
    assertThat(b.sctp().state()).isEqualTo(RTCSctpTransportState.CONNECTING);
    RTCSessionDescriptionInit answer = ex.await(b.createAnswer());
    ex.await(b.setLocalDescription(answer));
    ex.await(a.setRemoteDescription(answer));
    assertThat(a.sctp()).as("the same object through the negotiation").isSameAs(sctp);
    assertThat(a.sctp().state()).isEqualTo(RTCSctpTransportState.CONNECTING);
    assertThat(a.sctp().maxMessageSize()).isEqualTo(b.sctp().maxMessageSize());
  }

  @Test
  @DisplayName("no application m-section, no pc.sctp")
  void audioOnlyHasNone() {
    a.addTransceiver("audio");
    Peers.negotiate(ex, a, b);
    assertThat(a.sctp()).isNull();
    assertThat(b.sctp()).isNull();
  }

  @Test
  @DisplayName("rolling back the offer that brought the application m-section takes pc.sctp back to null")
  void rollbackRemovesIt() {
    a.createDataChannel("x");
    ex.await(a.setLocalDescription(ex.await(a.createOffer())));
    RTCSctpTransport sctp = a.sctp();
    assertThat(sctp).isNotNull();
    ex.await(a.setLocalDescription(new RTCSessionDescriptionInit(RTCSdpType.ROLLBACK, "")));
    assertThat(a.sctp()).isNull();
    assertThat(sctp.state()).isEqualTo(RTCSctpTransportState.CLOSED);
  }

  @Test
  @DisplayName("RFC 8841 §6: maxMessageSize is min(remote, canSendSize), 65536 when absent, canSendSize for 0; renegotiated")
  void maxMessageSizeFollowsTheRemoteDescription() {
    a.createDataChannel("x");
    double canSendSize = JsepSdpBuilder.MAX_MESSAGE_SIZE;
    String[][] rounds = {{"1", "1"}, {"2", "2"}, {"0", String.valueOf(canSendSize)}, {null, "65536"},
        {"1", "1"}, {String.valueOf((long) canSendSize + 1), String.valueOf(canSendSize)}};
    for (String[] round : rounds) {
      ex.await(a.setLocalDescription(ex.await(a.createOffer())));
      ex.await(b.setRemoteDescription(withMaxMessageSize(init(a.localDescription()), round[0])));
      ex.await(b.setLocalDescription(ex.await(b.createAnswer())));
      ex.await(a.setRemoteDescription(init(b.localDescription())));
      assertThat(b.sctp().maxMessageSize()).as("remote a=max-message-size:%s", round[0])
          .isEqualTo(Double.parseDouble(round[1]));
    }
  }
}
