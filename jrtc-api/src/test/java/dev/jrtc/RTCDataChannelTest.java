package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** webrtc-pc §6.1 createDataChannel and §6.2 RTCDataChannel, after WPT RTCPeerConnection-createDataChannel. */
class RTCDataChannelTest {

  private final ManualExecutor ex = new ManualExecutor();
  private final RTCPeerConnection pc = Peers.pc(ex);

  @Test
  void defaults() {
    RTCDataChannel dc = pc.createDataChannel("");
    assertThat(dc.label()).isEmpty();
    assertThat(dc.ordered()).isTrue();
    assertThat(dc.maxPacketLifeTime()).isNull();
    assertThat(dc.maxRetransmits()).isNull();
    assertThat(dc.protocol()).isEmpty();
    assertThat(dc.negotiated()).isFalse();
    assertThat(dc.id()).isNull();
    assertThat(dc.readyState()).isEqualTo(RTCDataChannelState.CONNECTING);
    assertThat(dc.bufferedAmount()).isZero();
    assertThat(dc.bufferedAmountLowThreshold()).isZero();
    assertThat(dc.binaryType()).isEqualTo(BinaryType.ARRAYBUFFER);
  }

  @Test
  void providedValues() {
    RTCDataChannel dc = pc.createDataChannel("chat", RTCDataChannelInit.builder().ordered(false)
        .maxRetransmits(0).protocol("json").negotiated(true).id(42).build());
    assertThat(dc.ordered()).isFalse();
    assertThat(dc.maxRetransmits()).isZero();
    assertThat(dc.protocol()).isEqualTo("json");
    assertThat(dc.negotiated()).isTrue();
    assertThat(dc.id()).isEqualTo(42);
  }

  private static void assertTypeError(Runnable r) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(TypeException.class,
        e -> assertThat(e.name()).isEqualTo("TypeError"));
  }

  @Test
  void typeErrors() {
    assertTypeError(() -> pc.createDataChannel(null));
    assertTypeError(() -> pc.createDataChannel("", RTCDataChannelInit.builder().maxPacketLifeTime(0)
        .maxRetransmits(0).build()));
    assertTypeError(() -> pc.createDataChannel("", RTCDataChannelInit.builder().negotiated(true).build()));
    assertTypeError(() -> pc.createDataChannel("", RTCDataChannelInit.builder().negotiated(true).id(65535).build()));
    assertTypeError(() -> pc.createDataChannel("a".repeat(65536)));
    assertTypeError(() -> pc.createDataChannel("\u00e9".repeat(32768))); // 65536 bytes in UTF-8
    assertTypeError(() -> pc.createDataChannel("", RTCDataChannelInit.builder().protocol("a".repeat(65536)).build()));
    assertTypeError(() -> RTCDataChannelInit.builder().id(-1).build());
    assertTypeError(() -> RTCDataChannelInit.builder().id(65536).build());
    assertTypeError(() -> RTCDataChannelInit.builder().maxRetransmits(65536).build());
    // the maxima are fine
    pc.createDataChannel("a".repeat(65535), RTCDataChannelInit.builder().protocol("b".repeat(65535)).build());
  }

  @ParameterizedTest(name = "id {0} without negotiated is ignored")
  @ValueSource(ints = {0, 1, 65534, 65535})
  void idIgnoredUnlessNegotiated(int id) {
    assertThat(pc.createDataChannel("", RTCDataChannelInit.builder().id(id).build()).id()).isNull();
  }

  @Test
  void reusedIdIsOperationError() {
    pc.createDataChannel("1", RTCDataChannelInit.builder().negotiated(true).id(42).build());
    pc.createDataChannel("2", RTCDataChannelInit.builder().negotiated(true).id(43).build());
    assertThatThrownBy(() -> pc.createDataChannel("3", RTCDataChannelInit.builder().negotiated(true).id(42).build()))
        .isInstanceOfSatisfying(OperationException.class, e -> assertThat(e.name()).isEqualTo("OperationError"));
  }

  @Test
  void closedConnectionIsInvalidStateError() {
    pc.close();
    assertThatThrownBy(() -> pc.createDataChannel(""))
        .isInstanceOfSatisfying(InvalidStateException.class, e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
  }

  @Test
  void idsAssignedWhenTheDtlsRoleIsKnown() {
    RTCPeerConnection peer = Peers.pc(ex);
    RTCDataChannel dc1 = pc.createDataChannel("x");
    RTCDataChannel dc2 = pc.createDataChannel("x");
    RTCDataChannel negotiated = pc.createDataChannel("n", RTCDataChannelInit.builder().negotiated(true).id(42).build());
    Peers.negotiate(ex, pc, peer);
    // the offerer is the DTLS server (the answerer chose active): odd ids (RFC 8832 §6)
    assertThat(dc1.id()).isEqualTo(1);
    assertThat(dc2.id()).isEqualTo(3);
    assertThat(negotiated.id()).isEqualTo(42);
    assertThat(peer.createDataChannel("y").id()).isEqualTo(0);
  }

  @Test
  void sendBeforeOpenIsInvalidStateError() {
    RTCDataChannel dc = pc.createDataChannel("x");
    assertThatThrownBy(() -> dc.send("hi")).isInstanceOf(InvalidStateException.class);
    assertThatThrownBy(() -> dc.send(new byte[1])).isInstanceOf(InvalidStateException.class);
  }

  @Test
  void closeGoesThroughClosingToClosedWithAnEvent() {
    RTCDataChannel dc = pc.createDataChannel("x");
    List<String> events = new ArrayList<>();
    dc.onClose(e -> events.add("close " + dc.readyState().value()));
    dc.close();
    assertThat(dc.readyState()).isEqualTo(RTCDataChannelState.CLOSING);
    ex.drain();
    assertThat(events).containsExactly("close closed");
    dc.close();
    ex.drain();
    assertThat(events).hasSize(1);
  }

  @Test
  void closingTheConnectionClosesChannelsSilently() {
    RTCDataChannel dc = pc.createDataChannel("x");
    List<String> events = new ArrayList<>();
    dc.onClose(e -> events.add("close"));
    pc.close();
    ex.drain();
    assertThat(dc.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    assertThat(events).isEmpty();
  }

  @Test
  void bufferedAmountLowThresholdRange() {
    RTCDataChannel dc = pc.createDataChannel("x");
    dc.setBufferedAmountLowThreshold(0xffffffffL);
    assertThat(dc.bufferedAmountLowThreshold()).isEqualTo(0xffffffffL);
    assertTypeError(() -> dc.setBufferedAmountLowThreshold(-1));
    dc.setBinaryType(BinaryType.BLOB);
    assertThat(dc.binaryType()).isEqualTo(BinaryType.BLOB);
  }
}
