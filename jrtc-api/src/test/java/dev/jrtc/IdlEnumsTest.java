package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every IDL enum: the IDL strings of the spec, round trip through fromValue, TypeError otherwise. */
class IdlEnumsTest {

  static Stream<Arguments> idlStrings() {
    List<Arguments> rows = new ArrayList<>();
    add(rows, RTCSignalingState.values(), RTCSignalingState::fromValue, "stable", "have-local-offer",
        "have-remote-offer", "have-local-pranswer", "have-remote-pranswer", "closed");
    add(rows, RTCBundlePolicy.values(), RTCBundlePolicy::fromValue, "balanced", "max-compat", "max-bundle");
    add(rows, RTCIceTransportPolicy.values(), RTCIceTransportPolicy::fromValue, "relay", "all");
    add(rows, RTCRtcpMuxPolicy.values(), RTCRtcpMuxPolicy::fromValue, "negotiate", "require");
    add(rows, RTCPeerConnectionState.values(), RTCPeerConnectionState::fromValue, "closed", "failed",
        "disconnected", "new", "connecting", "connected");
    add(rows, RTCIceConnectionState.values(), RTCIceConnectionState::fromValue, "closed", "failed",
        "disconnected", "new", "checking", "completed", "connected");
    add(rows, RTCIceGatheringState.values(), RTCIceGatheringState::fromValue, "new", "gathering", "complete");
    add(rows, RTCSdpType.values(), RTCSdpType::fromValue, "offer", "pranswer", "answer", "rollback");
    add(rows, RTCRtpTransceiverDirection.values(), RTCRtpTransceiverDirection::fromValue, "sendrecv",
        "sendonly", "recvonly", "inactive", "stopped");
    add(rows, RTCDataChannelState.values(), RTCDataChannelState::fromValue, "connecting", "open",
        "closing", "closed");
    add(rows, RTCErrorDetailType.values(), RTCErrorDetailType::fromValue, "data-channel-failure",
        "dtls-failure", "fingerprint-failure", "sctp-failure", "sdp-syntax-error",
        "hardware-encoder-not-available", "hardware-encoder-error");
    add(rows, RTCIceComponent.values(), RTCIceComponent::fromValue, "rtp", "rtcp");
    add(rows, RTCIceProtocol.values(), RTCIceProtocol::fromValue, "udp", "tcp");
    add(rows, RTCIceTcpCandidateType.values(), RTCIceTcpCandidateType::fromValue, "active", "passive", "so");
    add(rows, RTCIceCandidateType.values(), RTCIceCandidateType::fromValue, "host", "srflx", "prflx", "relay");
    return rows.stream();
  }

  private static <E extends Enum<E> & Idl.Value> void add(List<Arguments> rows, E[] values,
      Function<String, E> fromValue, String... expected) {
    assertThat(values).hasSize(expected.length);
    for (int i = 0; i < values.length; i++) {
      rows.add(Arguments.of(values[i].getClass().getSimpleName() + "." + values[i].name(), values[i],
          expected[i], fromValue));
    }
  }

  @ParameterizedTest(name = "{0} <-> \"{2}\"")
  @MethodSource("idlStrings")
  <E extends Enum<E> & Idl.Value> void valueAndFromValue(String name, E constant, String idl,
      Function<String, E> fromValue) {
    assertThat(constant.value()).isEqualTo(idl);
    assertThat(fromValue.apply(idl)).isSameAs(constant);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idlStrings")
  <E extends Enum<E> & Idl.Value> void unknownOrNullIsTypeError(String name, E constant, String idl,
      Function<String, E> fromValue) {
    assertThatThrownBy(() -> fromValue.apply(idl.toUpperCase() + "x"))
        .isInstanceOfSatisfying(TypeException.class, e -> assertThat(e.name()).isEqualTo("TypeError"));
    assertThatThrownBy(() -> fromValue.apply(null)).isInstanceOf(TypeException.class);
  }

  @org.junit.jupiter.api.Test
  void errorDetailToStringIsTheIdlString() {
    // The WPT binding builds RTCErrorInit from toString() of enum values.
    assertThat(RTCErrorDetailType.SDP_SYNTAX_ERROR.toString()).isEqualTo("sdp-syntax-error");
  }
}
